/* The 2-D overlay on real GL (3.3 core and ES 3.0): boxes, outlines, lines and text land
 * where they were asked to, in their colours, over the background. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/overlay.h"
#include "platform/plat.h"
#include "platform/plat_text.h"
#include "render/gfx.h"

enum { W = 240, H = 160 };

static uint8_t g_px[W * H * 4];

static const uint8_t *at(int x, int y) {
    return g_px + ((size_t)y * W + (size_t)x) * 4;
}

static void check(PlatGlApi api) {
    char err[4096];
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    assert_true(plat_init(true, err, sizeof err));
    PlatWindow *win = NULL;
    PlatWindowDesc wd = {.width = 64, .height = 64, .api = api, .headless = true};
    assert_true(plat_window_create(&wd, &win, err, sizeof err));
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    if (!plat_text_init(assets ? assets : "assets", err, sizeof err)) {
        print_error("%s\n", err);
        fail();
    }
    Gfx *gfx = NULL;
    const char *shaders = getenv("PAINMAP_SHADERS_DIR");
    GfxDesc gd = {.backend = GFX_BACKEND_GL,
                  .gles = plat_window_is_gles(win),
                  .shaders_dir = shaders ? shaders : "shaders"};
    if (!gfx_create(&gd, &gfx, err, sizeof err)) {
        print_error("%s\n", err);
        fail();
    }
    assert_true(gfx_set_offscreen(gfx, W, H, 1, err, sizeof err));
    Overlay ov;
    overlay_init(&ov, gfx);
    overlay_begin(&ov);
    const float red[4] = {1, 0, 0, 1}, green[4] = {0, 1, 0, 1}, white[4] = {1, 1, 1, 1};
    const float blue[4] = {0, 0, 1, 1};
    overlay_rect(&ov, 10, 10, 60, 40, 8, red);
    overlay_outline(&ov, 100, 10, 60, 40, 0, 4, green);
    overlay_line(&ov, 10, 120, 200, 120, 6, blue);
    float tw = overlay_text(&ov, PLAT_FONT_BOLD, 28, 100, 70, 0, "Piriformis", 10, white);
    assert_true(tw > 80 && tw < 200);
    FrameDesc f;
    memset(&f, 0, sizeof f);
    f.clear_rgba[3] = 1.0f;
    overlay_end(&ov, &f);
    gfx_draw_frame(gfx, &f);
    assert_true(gfx_read_pixels(gfx, g_px));
    /* filled box: centre red, a rounded corner shows background */
    assert_true(at(40, 30)[0] > 240 && at(40, 30)[1] < 20);
    assert_true(at(10, 10)[0] < 40);
    /* outline: the edge is green, the inside background */
    assert_true(at(101, 30)[1] > 200 && at(101, 30)[0] < 40);
    assert_true(at(130, 30)[1] < 20);
    /* line */
    assert_true(at(100, 120)[2] > 200 && at(100, 117)[2] > 100 && at(100, 110)[2] < 20);
    /* text: some white pixels inside its box, none far below it */
    int lit = 0;
    for (int y = 70; y < 105; y++) {
        for (int x = 100; x < 100 + (int)tw && x < W; x++) {
            lit += at(x, y)[0] > 200 && at(x, y)[1] > 200 && at(x, y)[2] > 200;
        }
    }
    assert_true(lit > 60);
    overlay_shutdown(&ov);
    gfx_destroy(gfx);
    plat_text_shutdown();
    plat_window_destroy(win);
    plat_shutdown();
}

static void test_gl33(void **state) {
    (void)state;
    check(PLAT_GL_CORE33);
}

static void test_gles30(void **state) {
    (void)state;
    check(PLAT_GLES30);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl33),
        cmocka_unit_test(test_gles30),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
