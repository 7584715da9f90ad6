/* The baked body, rendered for real (OpenGL 3.3 core and OpenGL ES 3.0, headless): with one
 * layer at a time, the pixel where a landmark of a key structure projects has that
 * structure's colour, and the corners stay background. Landmarks come from
 * assets/anatomy/landmarks.json, so the checks follow the anatomy spec. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/landmarks.h"
#include "app/scene.h"
#include "core/fileio.h"
#include "platform/plat.h"
#include "render/gfx.h"

enum { W = 600, H = 800 };

typedef enum { EXPECT_BONE, EXPECT_MUSCLE, EXPECT_NERVE, EXPECT_LIGAMENT, EXPECT_SKIN } Expect;

typedef struct {
    ViewId view;
    LayerId layer;
    const char *a, *b; /* the point is the midpoint of two landmarks (b may be NULL) */
    Expect expect;
    const char *what;
} Check;

static const Check CHECKS[] = {
    {VIEW_POSTERIOR, LAYER_BONES, "median_sacral_crest_s3", NULL, EXPECT_BONE, "sacrum"},
    {VIEW_POSTERIOR, LAYER_BONES, "ischial_tuberosity_r", NULL, EXPECT_BONE, "ischium"},
    {VIEW_POSTERIOR, LAYER_BONES, "greater_trochanter_tip_l", NULL, EXPECT_BONE, "femur"},
    {VIEW_POSTERIOR, LAYER_DEEP_MUSCLES, "greater_sciatic_notch_apex_r", "greater_trochanter_tip_r",
     EXPECT_MUSCLE, "right piriformis"},
    {VIEW_POSTERIOR, LAYER_DEEP_MUSCLES, "greater_sciatic_notch_apex_l", "greater_trochanter_tip_l",
     EXPECT_MUSCLE, "left piriformis"},
    {VIEW_POSTERIOR, LAYER_SUPERFICIAL_MUSCLES, "sciatic_ischium_r", NULL, EXPECT_MUSCLE,
     "gluteus maximus over the sciatic nerve"},
    {VIEW_POSTERIOR, LAYER_NERVES, "sciatic_gluteal_fold_r", NULL, EXPECT_NERVE,
     "sciatic nerve below the buttock"},
    {VIEW_ANTERIOR, LAYER_DEEP_MUSCLES, "iliac_fossa_centre_r", NULL, EXPECT_MUSCLE, "iliacus"},
    {VIEW_ANTERIOR, LAYER_BONES, "pubic_symphysis_upper", "pubic_symphysis_lower", EXPECT_BONE,
     "pubic symphysis"},
    {VIEW_LEFT, LAYER_BONES, "greater_trochanter_lateral_l", NULL, EXPECT_BONE,
     "left greater trochanter"},
    {VIEW_RIGHT, LAYER_BONES, "greater_trochanter_lateral_r", NULL, EXPECT_BONE,
     "right greater trochanter"},
    {VIEW_POSTERIOR, LAYER_LIGAMENTS, "ischial_tuberosity_r", "sacrum_lateral_s5_r",
     EXPECT_LIGAMENT, "right sacrotuberous ligament"},
    {VIEW_POSTERIOR, LAYER_LIGAMENTS, "ischial_tuberosity_l", "sacrum_lateral_s5_l",
     EXPECT_LIGAMENT, "left sacrotuberous ligament"},
    {VIEW_POSTERIOR, LAYER_SKIN, "ischial_tuberosity_r", NULL, EXPECT_SKIN, "skin of the buttock"},
};

static bool is_kind(const uint8_t *p, Expect e) {
    int r = p[0], g = p[1], b = p[2];
    switch (e) {
        case EXPECT_BONE:
            return r > 120 && g > 110 && b > 80 && r >= b && r - b < 90;
        case EXPECT_MUSCLE:
            return r > 90 && r > g + 50 && r > b + 50;
        case EXPECT_NERVE:
            return r > 120 && g > 90 && b < g - 60;
        case EXPECT_LIGAMENT:
            return b > r + 10 && g > r && b > 90; /* blue-grey */
        case EXPECT_SKIN:
            return r >= 53 && r >= b; /* translucent: faint but warm */
    }
    return false;
}

static bool is_background(const uint8_t *p) {
    return p[0] < 60 && p[1] < 60 && p[2] < 70;
}

static LandmarkSet g_lm;

static bool point_of(const Check *c, float out[3]) {
    const Landmark *a = landmarks_find(&g_lm, c->a);
    const Landmark *b = c->b ? landmarks_find(&g_lm, c->b) : a;
    if (!a || !b) {
        print_error("landmark %s or %s is missing from landmarks.json\n", c->a, c->b ? c->b : "");
        return false;
    }
    for (int k = 0; k < 3; k++) {
        out[k] = 0.5f * (a->pos_mm[k] + b->pos_mm[k]);
    }
    return true;
}

static void run(PlatGlApi api) {
    char err[4096];
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    const char *model = getenv("PAINMAP_MODEL");
    assert_non_null(assets);
    assert_non_null(model);
    char path[4096];
    snprintf(path, sizeof path, "%s/anatomy/landmarks.json", assets);
    char *json = NULL;
    size_t len = 0;
    assert_true(file_read_all(path, &json, &len, err, sizeof err));
    memset(&g_lm, 0, sizeof g_lm);
    assert_true(landmarks_parse(json, len, "landmarks.json", &g_lm, err, sizeof err));
    free(json);

    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    assert_true(plat_init(true, err, sizeof err));
    PlatWindow *win = NULL;
    PlatWindowDesc wd = {.width = 64, .height = 64, .api = api, .headless = true};
    assert_true(plat_window_create(&wd, &win, err, sizeof err));
    const char *shaders = getenv("PAINMAP_SHADERS_DIR");
    GfxDesc gd = {.backend = GFX_BACKEND_GL,
                  .gles = plat_window_is_gles(win),
                  .shaders_dir = shaders ? shaders : "shaders"};
    Gfx *gfx = NULL;
    assert_true(gfx_create(&gd, &gfx, err, sizeof err));
    assert_true(gfx_set_offscreen(gfx, W, H, 4, err, sizeof err));
    Scene *scene = calloc(1, sizeof *scene);
    if (!scene_load_body(scene, gfx, model, LOD_TABLET, true, err, sizeof err)) {
        print_error("%s\n", err);
        fail();
    }
    uint8_t *px = malloc((size_t)W * H * 4);
    int failures = 0;
    for (size_t i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++) {
        const Check *c = &CHECKS[i];
        float p[3], xy[2];
        if (!point_of(c, p)) {
            failures++;
            continue;
        }
        Camera cam;
        cam_init_view(&cam, c->view, scene->bmin, scene->bmax, (float)W / (float)H);
        FrameDesc f;
        scene_build_frame(scene, &cam, LAYER_BIT(c->layer), W, H, &f);
        gfx_draw_frame(gfx, &f);
        assert_true(gfx_read_pixels(gfx, px));
        assert_true(cam_project(&cam, W, H, p, xy));
        /* the landmark's pixel or one of its 8 neighbours (landmarks are +-15 mm) */
        bool ok = false;
        const uint8_t *seen = NULL;
        for (int dy = -2; dy <= 2 && !ok; dy += 2) {
            for (int dx = -2; dx <= 2 && !ok; dx += 2) {
                int x = (int)xy[0] + dx, y = (int)xy[1] + dy;
                if (x < 0 || y < 0 || x >= W || y >= H) {
                    continue;
                }
                seen = px + ((size_t)y * W + (size_t)x) * 4;
                ok = is_kind(seen, c->expect);
            }
        }
        bool corners = is_background(px) && is_background(px + ((size_t)W * H - 1) * 4);
        if (!ok || !corners) {
            print_error("%s view, layer %s: %s at (%.0f, %.0f): rgb(%d,%d,%d)%s\n",
                        view_name(c->view), layer_name(c->layer), c->what, (double)xy[0],
                        (double)xy[1], seen ? seen[0] : -1, seen ? seen[1] : -1,
                        seen ? seen[2] : -1, corners ? "" : " (corners not background)");
            failures++;
        }
    }
    free(px);
    scene_unload(scene, gfx);
    free(scene);
    landmarks_free(&g_lm);
    gfx_destroy(gfx);
    plat_window_destroy(win);
    plat_shutdown();
    assert_int_equal(failures, 0);
}

static void test_gl33(void **state) {
    (void)state;
    run(PLAT_GL_CORE33);
}

static void test_gles30(void **state) {
    (void)state;
    run(PLAT_GLES30);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl33),
        cmocka_unit_test(test_gles30),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
