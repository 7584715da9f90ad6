/* The interactive viewer: a window, an orbit camera and a frame loop that draws only
 * when something changed, so an idle clinic tablet uses no CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/scene.h"
#include "app/viewer.h"
#include "core/log.h"
#include "platform/plat.h"
#include "render/gfx.h"

static void save_screenshot(Gfx *gfx, const char *path, int w, int h) {
    uint8_t *px = malloc((size_t)w * (size_t)h * 4);
    char err[1024];
    if (px && gfx_read_pixels(gfx, px) && app_write_png(path, px, w, h, err, sizeof err)) {
        log_info("saved the first frame to %s", path);
    } else {
        log_error("could not save the screenshot %s", path);
    }
    free(px);
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
    PlatWindowDesc wd = {
        .title = "painmap",
        .width = opts->width > 0 ? opts->width : 1280,
        .height = opts->height > 0 ? opts->height : 800,
        .api = opts->gles ? PLAT_GLES30 : PLAT_GL_AUTO,
        .fullscreen = opts->fullscreen,
        .vsync = true,
    };
    PlatWindow *win = NULL;
    Gfx *gfx = NULL;
    Scene *scene = calloc(1, sizeof *scene);
    Viewer *v = calloc(1, sizeof *v);
    rc = EXIT_ENV;
    if (!scene || !v) {
        log_error("out of memory");
        goto done;
    }
    if (!plat_window_create(&wd, &win, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    log_info("%s, video driver %s", plat_window_api_name(win), plat_video_driver());
    GfxDesc gd = {.backend = GFX_BACKEND_GL,
                  .gles = plat_window_is_gles(win),
                  .shaders_dir = paths.shaders_dir};
    if (!gfx_create(&gd, &gfx, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    if (!scene_load_placeholder(scene, gfx, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    int dw = 1, dh = 1;
    plat_window_drawable_size(win, &dw, &dh);
    viewer_init(v, scene, opts->view, opts->layer_mask, dw, dh);
    v->fullscreen = opts->fullscreen;
    bool was_fullscreen = v->fullscreen;
    /* PAINMAP_SCREENSHOT=FILE.png saves the first frame the window shows (tests, docs). */
    const char *screenshot = getenv("PAINMAP_SCREENSHOT");
    bool screenshot_done = false;
    double last = plat_time_sec();
    InputFrame *input = calloc(1, sizeof *input);
    if (!input) {
        goto done;
    }
    while (!v->quit) {
        /* Sleep in the event queue when nothing moves: no frames, no CPU. */
        plat_poll_input(win, !viewer_is_animating(v) && !v->dirty, -1, input);
        if (input->quit) {
            break;
        }
        double now = plat_time_sec();
        viewer_update(v, scene, input, (float)(now - last), NULL);
        last = now;
        if (v->fullscreen != was_fullscreen) {
            plat_window_set_fullscreen(win, v->fullscreen);
            was_fullscreen = v->fullscreen;
        }
        if (!v->dirty) {
            continue;
        }
        if (v->w < 1 || v->h < 1) {
            v->dirty = false; /* minimised: nothing to draw until it comes back */
            continue;
        }
        if (!gfx_set_offscreen(gfx, v->w, v->h, opts->msaa, err, sizeof err)) {
            log_error("%s", err);
            goto done;
        }
        FrameDesc frame;
        scene_build_frame(scene, &v->cam, v->layer_mask, v->w, v->h, &frame);
        gfx_draw_frame(gfx, &frame);
        if (screenshot && !screenshot_done) {
            save_screenshot(gfx, screenshot, v->w, v->h);
            screenshot_done = true;
        }
        gfx_present(gfx, v->w, v->h);
        plat_window_swap(win);
        v->dirty = false;
    }
    free(input);
    rc = EXIT_OK;
done:
    if (scene && gfx) {
        scene_unload(scene, gfx);
    }
    free(scene);
    free(v);
    gfx_destroy(gfx);
    plat_window_destroy(win);
    plat_shutdown();
    return rc;
}
