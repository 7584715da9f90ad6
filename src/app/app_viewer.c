/* The interactive viewer: a window, an orbit camera and a frame loop that draws only
 * when something changed, so an idle clinic tablet uses no CPU. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/scene.h"
#include "core/log.h"
#include "platform/plat.h"
#include "render/gfx.h"

enum { MAX_POINTERS = 11 };

typedef struct {
    bool down;
    int button;
    float x, y;
} Pointer;

typedef struct {
    Camera cam;
    Camera cam_from, cam_to; /* a view change in progress */
    float transition_t;      /* 0..1, 1 = done */
    unsigned layer_mask;
    Pointer pointers[MAX_POINTERS];
    bool dirty;
    bool quit;
    bool fullscreen;
    int w, h;
} Viewer;

static int pointers_down(const Viewer *v) {
    int n = 0;
    for (int i = 0; i < MAX_POINTERS; i++) {
        n += v->pointers[i].down ? 1 : 0;
    }
    return n;
}

static void start_view(Viewer *v, const Scene *scene, ViewId view) {
    v->cam_from = v->cam;
    cam_init_view(&v->cam_to, view, scene->bmin, scene->bmax, (float)v->w / (float)v->h);
    v->transition_t = 0.0f;
}

static void two_finger_centroid(const Viewer *v, float *cx, float *cy, float *spread) {
    float xs[2], ys[2];
    int n = 0;
    for (int i = 1; i < MAX_POINTERS && n < 2; i++) {
        if (v->pointers[i].down) {
            xs[n] = v->pointers[i].x;
            ys[n] = v->pointers[i].y;
            n++;
        }
    }
    *cx = 0.5f * (xs[0] + xs[1]);
    *cy = 0.5f * (ys[0] + ys[1]);
    *spread = hypotf(xs[0] - xs[1], ys[0] - ys[1]);
}

static void handle_event(Viewer *v, const Scene *scene, const InputEvent *e) {
    const float deg_per_px = 0.4f;
    switch (e->kind) {
        case INPUT_POINTER_DOWN:
        case INPUT_POINTER_UP:
            if (e->pointer_id >= 0 && e->pointer_id < MAX_POINTERS) {
                Pointer *p = &v->pointers[e->pointer_id];
                p->down = e->kind == INPUT_POINTER_DOWN;
                p->button = e->button;
                p->x = e->x_px;
                p->y = e->y_px;
            }
            break;
        case INPUT_POINTER_MOVE: {
            if (e->pointer_id < 0 || e->pointer_id >= MAX_POINTERS) {
                break;
            }
            Pointer *p = &v->pointers[e->pointer_id];
            if (!p->down) {
                p->x = e->x_px;
                p->y = e->y_px;
                break;
            }
            float dx = e->x_px - p->x, dy = e->y_px - p->y;
            if (e->pointer_id == INPUT_MOUSE_ID) {
                if (p->button == INPUT_BUTTON_LEFT) {
                    cam_orbit(&v->cam, -dx * deg_per_px, dy * deg_per_px);
                } else {
                    cam_pan(&v->cam, dx, dy, (float)v->h);
                }
                p->x = e->x_px;
                p->y = e->y_px;
            } else if (pointers_down(v) - (v->pointers[0].down ? 1 : 0) >= 2) {
                float cx0, cy0, s0, cx1, cy1, s1;
                two_finger_centroid(v, &cx0, &cy0, &s0);
                p->x = e->x_px;
                p->y = e->y_px;
                two_finger_centroid(v, &cx1, &cy1, &s1);
                cam_pan(&v->cam, cx1 - cx0, cy1 - cy0, (float)v->h);
                if (s0 > 1.0f && s1 > 1.0f) {
                    cam_zoom(&v->cam, s0 / s1);
                }
            } else {
                cam_orbit(&v->cam, -dx * deg_per_px, dy * deg_per_px);
                p->x = e->x_px;
                p->y = e->y_px;
            }
            v->transition_t = 1.0f;
            v->dirty = true;
            break;
        }
        case INPUT_WHEEL:
            cam_zoom(&v->cam, powf(0.88f, e->wheel_y));
            v->transition_t = 1.0f;
            v->dirty = true;
            break;
        case INPUT_KEY_PRESS:
            if (e->key == INPUT_KEY_ESCAPE) {
                v->quit = true;
            } else if (e->key == INPUT_KEY_F11) {
                v->fullscreen = !v->fullscreen;
            } else if (e->key == INPUT_KEY_LEFT || e->key == INPUT_KEY_RIGHT) {
                cam_orbit(&v->cam, e->key == INPUT_KEY_LEFT ? -15.0f : 15.0f, 0.0f);
                v->dirty = true;
            } else if (e->key == INPUT_KEY_UP || e->key == INPUT_KEY_DOWN) {
                cam_orbit(&v->cam, 0.0f, e->key == INPUT_KEY_UP ? 10.0f : -10.0f);
                v->dirty = true;
            } else if (e->key == INPUT_KEY_PLUS || e->key == INPUT_KEY_MINUS) {
                cam_zoom(&v->cam, e->key == INPUT_KEY_PLUS ? 0.85f : 1.0f / 0.85f);
                v->dirty = true;
            } else if (e->key == INPUT_KEY_CHAR && e->ch >= '1' && e->ch < '1' + VIEW_COUNT) {
                start_view(v, scene, (ViewId)(e->ch - '1'));
                v->dirty = true;
            } else if (e->key == INPUT_KEY_CHAR && e->ch == 's') {
                v->layer_mask ^= LAYER_BIT(LAYER_SKIN);
                v->dirty = true;
            } else if (e->key == INPUT_KEY_CHAR && e->ch == 'm') {
                v->layer_mask ^= LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES);
                v->dirty = true;
            }
            break;
        case INPUT_RESIZE:
        case INPUT_EXPOSE:
        case INPUT_FOCUS_GAINED:
            v->dirty = true;
            break;
        default:
            break;
    }
}

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
    plat_window_drawable_size(win, &v->w, &v->h);
    v->layer_mask = opts->layer_mask;
    v->fullscreen = opts->fullscreen;
    cam_init_view(&v->cam, opts->view, scene->bmin, scene->bmax, (float)v->w / (float)v->h);
    v->transition_t = 1.0f;
    v->dirty = true;
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
        bool animating = v->transition_t < 1.0f;
        /* Sleep in the event queue when nothing moves: no frames, no CPU. */
        plat_poll_input(win, !animating && !v->dirty, -1, input);
        if (input->quit) {
            break;
        }
        for (int i = 0; i < input->count; i++) {
            handle_event(v, scene, &input->events[i]);
        }
        if (v->fullscreen != was_fullscreen) {
            plat_window_set_fullscreen(win, v->fullscreen);
            was_fullscreen = v->fullscreen;
        }
        double now = plat_time_sec();
        float dt = (float)(now - last);
        last = now;
        if (v->transition_t < 1.0f) {
            v->transition_t += dt / 0.45f;
            cam_lerp(&v->cam_from, &v->cam_to, v->transition_t, &v->cam);
            v->dirty = true;
        }
        if (!v->dirty) {
            continue;
        }
        plat_window_drawable_size(win, &v->w, &v->h);
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
