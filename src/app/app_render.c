/* painmap render: one frame offscreen, read back, written as a PNG. */
#include <stdio.h>
#include <stdlib.h>

#include "app/app_internal.h"
#include "app/refview.h"
#include "app/scene.h"
#include "core/log.h"
#include "platform/plat.h"
#include "render/gfx.h"

int app_render_main(const CliOptions *opts) {
    AppPaths paths;
    int rc = app_resolve_paths(opts, &paths);
    if (rc != EXIT_OK) {
        return rc;
    }
    int w = opts->width > 0 ? opts->width : 1280;
    int h = opts->height > 0 ? opts->height : 800;
    char err[8192] = "";
    if (!plat_init(true, err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    PlatWindowDesc wd = {
        .title = "painmap render",
        .width = 64,
        .height = 64,
        .api = opts->gles ? PLAT_GLES30 : PLAT_GL_AUTO,
        .headless = true,
    };
    PlatWindow *win = NULL;
    Gfx *gfx = NULL;
    Scene *scene = calloc(1, sizeof *scene);
    uint8_t *pixels = NULL;
    RefView *rv = calloc(1, sizeof *rv);
    bool rv_loaded = false;
    rc = EXIT_ENV;
    if (!scene || !rv) {
        log_error("out of memory");
        goto done;
    }
    if (!plat_window_create(&wd, &win, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    log_debug("rendering with %s", plat_window_api_name(win));
    GfxDesc gd = {
        .backend = GFX_BACKEND_GL,
        .gles = plat_window_is_gles(win),
        .shaders_dir = paths.shaders_dir,
    };
    if (!gfx_create(&gd, &gfx, err, sizeof err)) {
        log_error("%s", err);
        goto done;
    }
    if (!gfx_set_offscreen(gfx, w, h, opts->msaa, err, sizeof err)) {
        log_error("%s", err);
        rc = EXIT_INPUT;
        goto done;
    }
    if (!scene_load(scene, gfx, paths.model_path, opts->lod, err, sizeof err)) {
        log_error("%s", err);
        rc = paths.model_path[0] ? EXIT_INPUT : EXIT_ENV; /* a damaged model is bad input */
        goto done;
    }
    unsigned mask = opts->layer_mask;
    if (!opts->layers_set && opts->view == VIEW_DEEP_POSTERIOR) {
        mask &= ~(LAYER_BIT(LAYER_SKIN) | LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES));
    }
    bool show_derms = opts->layers_set && (mask & LAYER_BIT(LAYER_DERMATOMES));
    if (opts->source || show_derms) {
        if (!refview_load(rv, paths.assets_dir, scene, gfx, err, sizeof err)) {
            log_error("%s", err);
            goto done;
        }
        rv_loaded = true;
        if (opts->source && !refview_set_source(rv, opts->source, err, sizeof err)) {
            log_error("%s", err);
            rc = EXIT_INPUT;
            goto done;
        }
        int map = ref_map_find(&rv->assets.engine, derm_map_name(opts->map));
        rv->map = map >= 0 ? map : rv->map;
        /* without --time, the finished picture: every zone at its strongest */
        float t = opts->time_set ? opts->time_sec : REF_TIMELINE_SEC;
        refview_apply(rv, scene, gfx, t, true, show_derms);
        if (opts->source) {
            log_info("%s at %.1f s: %s", opts->source, (double)t,
                     rv->sample.caption ? rv->sample.caption : "");
        }
    }
    Camera cam;
    scene_init_camera(scene, opts->view, (float)w / (float)h, &cam);
    FrameDesc frame;
    scene_build_frame(scene, &cam, mask, w, h, &frame);
    if (rv_loaded) {
        refview_add_signal(rv, scene, &frame);
    }
    gfx_draw_frame(gfx, &frame);
    pixels = malloc((size_t)w * (size_t)h * 4);
    if (!pixels) {
        log_error("out of memory for a %dx%d picture", w, h);
        goto done;
    }
    if (!gfx_read_pixels(gfx, pixels)) {
        log_error("reading the picture back from the GPU failed");
        goto done;
    }
    if (!app_write_png(opts->output, pixels, w, h, err, sizeof err)) {
        log_error("could not write the picture: %s", err);
        rc = EXIT_ENV;
        goto done;
    }
    log_info("wrote %s (%dx%d, view %s)", opts->output, w, h, view_name(opts->view));
    rc = EXIT_OK;
done:
    free(pixels);
    if (rv_loaded) {
        refview_unload(rv, gfx);
    }
    free(rv);
    if (scene && gfx) {
        scene_unload(scene, gfx);
    }
    free(scene);
    gfx_destroy(gfx);
    plat_window_destroy(win);
    plat_shutdown();
    return rc;
}
