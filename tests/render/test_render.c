/* Real-GL render test: draws the stand-in body headless (SDL offscreen + EGL) with
 * OpenGL 3.3 core and with OpenGL ES 3.0, then checks the colour of the pixels where
 * known points project, and the background elsewhere. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scene.h"
#include "platform/plat.h"
#include "render/gfx.h"

enum { W = 320, H = 400 };

typedef struct {
    PlatWindow *win;
    Gfx *gfx;
    Scene scene;
    uint8_t pixels[W * H * 4];
} Ctx;

static Ctx *open_ctx(PlatGlApi api) {
    char err[4096];
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (!plat_init(true, err, sizeof err)) {
        print_error("plat_init: %s\n", err);
        return NULL;
    }
    Ctx *c = calloc(1, sizeof *c);
    PlatWindowDesc wd = {.title = "test", .width = 64, .height = 64, .api = api, .headless = true};
    if (!plat_window_create(&wd, &c->win, err, sizeof err)) {
        print_error("window: %s\n", err);
        free(c);
        return NULL;
    }
    const char *shaders = getenv("PAINMAP_SHADERS_DIR");
    GfxDesc gd = {.backend = GFX_BACKEND_GL,
                  .gles = plat_window_is_gles(c->win),
                  .shaders_dir = shaders ? shaders : "shaders"};
    if (!gfx_create(&gd, &c->gfx, err, sizeof err) ||
        !gfx_set_offscreen(c->gfx, W, H, 4, err, sizeof err) ||
        !scene_load_placeholder(&c->scene, c->gfx, err, sizeof err)) {
        print_error("gfx: %s\n", err);
        return NULL;
    }
    return c;
}

static void close_ctx(Ctx *c) {
    scene_unload(&c->scene, c->gfx);
    gfx_destroy(c->gfx);
    plat_window_destroy(c->win);
    plat_shutdown();
    free(c);
}

static void draw(Ctx *c, ViewId view, unsigned mask, Camera *out_cam) {
    cam_init_view(out_cam, view, c->scene.bmin, c->scene.bmax, (float)W / (float)H);
    FrameDesc f;
    scene_build_frame(&c->scene, out_cam, mask, W, H, &f);
    gfx_draw_frame(c->gfx, &f);
    assert_true(gfx_read_pixels(c->gfx, c->pixels));
}

static const uint8_t *pixel_at(const Ctx *c, const Camera *cam, const float p[3]) {
    float px[2];
    assert_true(cam_project(cam, W, H, p, px));
    int x = (int)px[0], y = (int)px[1];
    assert_true(x >= 0 && x < W && y >= 0 && y < H);
    return c->pixels + ((size_t)y * W + (size_t)x) * 4;
}

/* The lit colour keeps the hue of the structure's kind: bone is pale and warm, muscle red,
 * nerve yellow; the background is a dark blue-grey. */
static bool is_bone(const uint8_t *p) {
    return p[0] > 120 && p[1] > 110 && p[2] > 85 && p[0] >= p[2] && p[0] - p[2] < 90;
}
static bool is_muscle(const uint8_t *p) {
    return p[0] > 90 && p[0] > p[1] + 50 && p[0] > p[2] + 50;
}
static bool is_nerve(const uint8_t *p) {
    return p[0] > 120 && p[1] > 90 && p[2] < p[1] - 60;
}
static bool is_background(const uint8_t *p) {
    return p[0] < 60 && p[1] < 60 && p[2] < 70 && p[2] >= p[0];
}

static void expect(bool ok, const char *what, const uint8_t *p) {
    if (!ok) {
        print_error("expected %s, got rgb(%d,%d,%d)\n", what, p[0], p[1], p[2]);
        fail();
    }
}

static void check_api(PlatGlApi api) {
    Ctx *c = open_ctx(api);
    assert_non_null(c);
    Camera cam;
    /* bones alone, from behind: both femoral heads, background in the corners */
    draw(c, VIEW_POSTERIOR, LAYER_BIT(LAYER_BONES), &cam);
    const float head_r[3] = {-80, 0, 0}, head_l[3] = {80, 0, 0};
    expect(is_bone(pixel_at(c, &cam, head_r)), "bone at the right femoral head", c->pixels);
    expect(is_bone(pixel_at(c, &cam, head_l)), "bone at the left femoral head", c->pixels);
    expect(is_background(c->pixels), "background at the top-left corner", c->pixels);
    expect(is_background(c->pixels + ((size_t)(H - 1) * W + W - 1) * 4),
           "background at the bottom-right corner", c->pixels);
    /* a point between the legs, below the pelvis, shows background */
    const float gap[3] = {0, -250, 0};
    const uint8_t *g = pixel_at(c, &cam, gap);
    expect(is_background(g), "background between the femurs", g);
    /* deep muscles: the piriformis belly between sacrum and notch */
    draw(c, VIEW_POSTERIOR, LAYER_BIT(LAYER_DEEP_MUSCLES), &cam);
    const float piri[3] = {-40, 58, -52};
    const uint8_t *m = pixel_at(c, &cam, piri);
    expect(is_muscle(m), "muscle at the right piriformis", m);
    expect(is_background(pixel_at(c, &cam, head_r)), "background where only bone is",
           pixel_at(c, &cam, head_r));
    /* nerves: the sciatic nerve down the back of the thigh */
    draw(c, VIEW_POSTERIOR, LAYER_BIT(LAYER_NERVES), &cam);
    const float sciatic[3] = {-83, -200, -48};
    const uint8_t *n = pixel_at(c, &cam, sciatic);
    expect(is_nerve(n), "nerve on the right sciatic", n);
    /* anterior view: the body's left femur appears on the image's right half */
    draw(c, VIEW_ANTERIOR, LAYER_BIT(LAYER_BONES), &cam);
    float px[2];
    assert_true(cam_project(&cam, W, H, head_l, px));
    assert_true(px[0] > W / 2);
    expect(is_bone(pixel_at(c, &cam, head_l)), "bone at the left femoral head (front)",
           pixel_at(c, &cam, head_l));
    /* translucent skin over bone blends: neither pure background nor pure bone */
    draw(c, VIEW_POSTERIOR, LAYER_BIT(LAYER_SKIN), &cam);
    const float thigh[3] = {-90, -250, -90};
    const uint8_t *s = pixel_at(c, &cam, thigh);
    expect(!is_background(s) && s[0] > s[2], "translucent skin on the thigh", s);
    close_ctx(c);
}

static void test_gl33(void **state) {
    (void)state;
    check_api(PLAT_GL_CORE33);
}

static void test_gles30(void **state) {
    (void)state;
    check_api(PLAT_GLES30);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl33),
        cmocka_unit_test(test_gles30),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
