/* The interactive viewer: a window, the body, the UI and a frame loop that draws only
 * when something changed or moves, so an idle clinic tablet uses no CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/overlay.h"
#include "app/refview.h"
#include "app/scene.h"
#include "app/screens.h"
#include "app/ui_bridge.h"
#include "app/viewer.h"
#include "core/log.h"
#include "platform/plat.h"
#include "platform/plat_text.h"
#include "render/gfx.h"

typedef struct {
    PlatWindow *win;
    Gfx *gfx;
    Scene scene;
    RefView rv;
    bool rv_loaded;
    Viewer viewer;
    Screens screens;
    UiContext *ui;
    Overlay overlay;
    bool text_ready;
    InputFrame input, filtered;
} ViewerApp;

static void save_screenshot(Gfx *gfx, const char *path, int w, int h) {
    uint8_t *px = malloc((size_t)w * (size_t)h * 4);
    char err[1024];
    if (px && gfx_read_pixels(gfx, px) && app_write_png(path, px, w, h, err, sizeof err)) {
        log_debug("saved the frame to %s", path);
    } else {
        log_error("could not save the screenshot %s", path);
    }
    free(px);
}

static void shutdown_app(ViewerApp *a) {
    if (a->ui) {
        ui_destroy(a->ui);
    }
    if (a->gfx) {
        overlay_shutdown(&a->overlay);
        if (a->rv_loaded) {
            refview_unload(&a->rv, a->gfx);
        }
        scene_unload(&a->scene, a->gfx);
    }
    if (a->text_ready) {
        plat_text_shutdown();
    }
    gfx_destroy(a->gfx);
    plat_window_destroy(a->win);
    plat_shutdown();
}

/* F12: the frame as a PNG, to PAINMAP_SCREENSHOT or a new file in the user's folder. */
static void save_picture(Gfx *gfx, const char *fixed_path, int w, int h) {
    char path[4096];
    if (fixed_path) {
        snprintf(path, sizeof path, "%s", fixed_path);
    } else {
        const char *dir = plat_user_dir();
        if (!dir) {
            return;
        }
        for (int i = 1; i < 10000; i++) {
            snprintf(path, sizeof path, "%spainmap-%04d.png", dir, i);
            FILE *f = fopen(path, "rb");
            if (!f) {
                break;
            }
            fclose(f);
        }
    }
    save_screenshot(gfx, path, w, h);
    log_info("saved the picture to %s", path);
}

int app_viewer_main(const CliOptions *opts) {
    AppPaths paths;
    int rc = app_resolve_paths(opts, &paths);
    if (rc != EXIT_OK) {
        return rc;
    }
    char err[8192] = "";
    if (!plat_init(false, err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    ViewerApp *a = calloc(1, sizeof *a);
    if (!a) {
        log_error("out of memory");
        plat_shutdown();
        return EXIT_ENV;
    }
    rc = EXIT_ENV;
    PlatWindowDesc wd = {
        .title = "painmap",
        .width = opts->width > 0 ? opts->width : 1280,
        .height = opts->height > 0 ? opts->height : 800,
        .api = opts->gles ? PLAT_GLES30 : PLAT_GL_AUTO,
        .fullscreen = opts->fullscreen,
        .vsync = true,
    };
    if (!plat_window_create(&wd, &a->win, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    log_info("%s, video driver %s", plat_window_api_name(a->win), plat_video_driver());
    GfxDesc gd = {.backend = GFX_BACKEND_GL,
                  .gles = plat_window_is_gles(a->win),
                  .shaders_dir = paths.shaders_dir};
    if (!gfx_create(&gd, &a->gfx, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    if (!plat_text_init(paths.assets_dir, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    a->text_ready = true;
    overlay_init(&a->overlay, a->gfx);
    if (!scene_load(&a->scene, a->gfx, paths.model_path, opts->lod, err, sizeof err)) {
        log_error("%s", err);
        rc = paths.model_path[0] ? EXIT_INPUT : EXIT_ENV; /* a damaged model is bad input */
        goto done;
    }
    /* Without the content the body still shows; the UI says what is missing. */
    a->rv_loaded = refview_load(&a->rv, paths.assets_dir, &a->scene, a->gfx, err, sizeof err);
    if (!a->rv_loaded) {
        log_error("%s", err);
    }
    UiDesc ud = {.measure = ui_bridge_measure};
    a->ui = ui_create(&ud);
    if (!a->ui) {
        log_error("out of memory for the user interface");
        goto done;
    }
    int dw = 1, dh = 1;
    plat_window_drawable_size(a->win, &dw, &dh);
    Viewer *v = &a->viewer;
    viewer_init(v, &a->scene, opts->view, opts->layer_mask, dw, dh);
    v->fullscreen = opts->fullscreen;
    screens_init(&a->screens);
    if (opts->source && a->rv_loaded) {
        if (!refview_set_source(&a->rv, opts->source, err, sizeof err)) {
            log_error("%s", err);
            rc = EXIT_INPUT;
            goto done;
        }
        screens_play_source(&a->screens, v, &a->scene, &a->rv, a->rv.source);
    }
    bool was_fullscreen = v->fullscreen;
    /* PAINMAP_SCREENSHOT=FILE.png saves every frame the picture settles on (tests, docs). */
    const char *screenshot = getenv("PAINMAP_SCREENSHOT");
    bool screenshot_done = false;
    double last = plat_time_sec();
    bool ui_dirty = true;
    int frames_drawn = 0;
    while (!v->quit) {
        bool moving = viewer_is_animating(v) || a->screens.play.playing || ui_dirty;
        if (screenshot && !screenshot_done && !moving && !v->dirty && frames_drawn > 0) {
            /* each settled frame: what a person sees once the picture stops changing */
            save_screenshot(a->gfx, screenshot, v->w, v->h);
            screenshot_done = true;
        }
        /* Sleep in the event queue when nothing moves: no frames, no CPU. */
        plat_poll_input(a->win, !moving && !v->dirty, -1, &a->input);
        if (a->input.quit) {
            break;
        }
        double now = plat_time_sec();
        float dt = (float)(now - last);
        last = now;
        if (a->input.width_px > 0 && a->input.height_px > 0) {
            v->w = a->input.width_px;
            v->h = a->input.height_px;
        }
        float scale = a->input.pixel_scale > 0.0f ? a->input.pixel_scale : 1.0f;
        v->ui_scale = scale;
        ui_begin(a->ui, &a->input, v->w, v->h, scale, dt);
        screens_build(&a->screens, a->ui, v, &a->scene, &a->rv);
        ui_end(a->ui);
        ui_dirty = ui_is_animating(a->ui);
        ui_filter_input(a->ui, &a->input, &a->filtered);
        viewer_update(v, &a->scene, &a->filtered, dt, NULL);
        bool playing = screens_advance(&a->screens, dt);
        if (a->screens.changed || playing || ui_redraw_needed(a->ui)) {
            v->dirty = true;
        }
        if (v->fullscreen != was_fullscreen) {
            plat_window_set_fullscreen(a->win, v->fullscreen);
            was_fullscreen = v->fullscreen;
        }
        if (!v->dirty) {
            continue;
        }
        if (v->w < 1 || v->h < 1) {
            v->dirty = false; /* minimised: nothing to draw until it comes back */
            continue;
        }
        if (!gfx_set_offscreen(a->gfx, v->w, v->h, opts->msaa, err, sizeof err)) {
            log_error("%s", err);
            goto done;
        }
        refview_apply(&a->rv, &a->scene, a->gfx, a->screens.play.t_sec,
                      (v->layer_mask & LAYER_BIT(LAYER_ZONES)) != 0,
                      (v->layer_mask & LAYER_BIT(LAYER_DERMATOMES)) != 0);
        FrameDesc frame;
        scene_build_frame(&a->scene, &v->cam, v->layer_mask, v->w, v->h, &frame);
        refview_add_signal(&a->rv, &a->scene, &frame);
        int ncmd = 0;
        const UiCommand *cmds = ui_commands(a->ui, &ncmd);
        overlay_begin(&a->overlay);
        ui_bridge_draw(&a->overlay, cmds, ncmd);
        overlay_end(&a->overlay, &frame);
        gfx_draw_frame(a->gfx, &frame);
        if (v->screenshot_requested) {
            v->screenshot_requested = false;
            save_picture(a->gfx, screenshot, v->w, v->h);
        }
        frames_drawn++;
        screenshot_done = false;
        gfx_present(a->gfx, v->w, v->h);
        plat_window_swap(a->win);
        v->dirty = false;
    }
    rc = EXIT_OK;
done:
    shutdown_app(a);
    free(a);
    return rc;
}
