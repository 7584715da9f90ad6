#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "anatomy/cam.h"

static const float BMIN[3] = {-180, -900, -150}, BMAX[3] = {180, 330, 130};

static void test_views_put_left_where_expected(void **state) {
    (void)state;
    Camera c;
    float left[3] = {100, 0, 0}, right[3] = {-100, 0, 0}, px_l[2], px_r[2];
    /* anterior: the body faces the viewer, so its left is on the image's right */
    cam_init_view(&c, VIEW_ANTERIOR, BMIN, BMAX, 1.6f);
    assert_true(cam_project(&c, 1280, 800, left, px_l));
    assert_true(cam_project(&c, 1280, 800, right, px_r));
    assert_true(px_l[0] > 640.0f && px_r[0] < 640.0f);
    /* posterior: we see the body's back, its left is on the image's left */
    cam_init_view(&c, VIEW_POSTERIOR, BMIN, BMAX, 1.6f);
    assert_true(cam_project(&c, 1280, 800, left, px_l));
    assert_true(cam_project(&c, 1280, 800, right, px_r));
    assert_true(px_l[0] < 640.0f && px_r[0] > 640.0f);
}

static void test_frame_fits_bounds(void **state) {
    (void)state;
    for (int v = 0; v < VIEW_COUNT; v++) {
        Camera c;
        cam_init_view(&c, (ViewId)v, BMIN, BMAX, 1.6f);
        for (int corner = 0; corner < 8; corner++) {
            float p[3] = {corner & 1 ? BMAX[0] : BMIN[0], corner & 2 ? BMAX[1] : BMIN[1],
                          corner & 4 ? BMAX[2] : BMIN[2]};
            float px[2];
            assert_true(cam_project(&c, 1280, 800, p, px));
            assert_true(px[0] >= 0 && px[0] <= 1280 && px[1] >= 0 && px[1] <= 800);
        }
    }
}

static void test_orbit_never_flips(void **state) {
    (void)state;
    Camera c;
    cam_init_view(&c, VIEW_ANTERIOR, BMIN, BMAX, 1.0f);
    cam_orbit(&c, 0.0f, 500.0f);
    assert_true(c.pitch_deg <= 85.0f);
    cam_orbit(&c, 0.0f, -1000.0f);
    assert_true(c.pitch_deg >= -85.0f);
    float d = c.distance_mm;
    cam_zoom(&c, 0.0f);
    assert_true(c.distance_mm == d);
    cam_zoom(&c, 1e-9f);
    assert_true(c.distance_mm >= c.min_distance_mm);
    cam_zoom(&c, 1e9f);
    assert_true(c.distance_mm <= c.max_distance_mm);
}

static void test_ray_hits_projected_point(void **state) {
    (void)state;
    Camera c;
    cam_init_view(&c, VIEW_LEFT, BMIN, BMAX, 1.5f);
    float p[3] = {30, -200, 40}, px[2], o[3], d[3];
    assert_true(cam_project(&c, 900, 600, p, px));
    cam_ray(&c, 900, 600, px[0], px[1], o, d);
    /* distance from p to the ray */
    float v[3] = {p[0] - o[0], p[1] - o[1], p[2] - o[2]};
    float t = v[0] * d[0] + v[1] * d[1] + v[2] * d[2];
    float q[3] = {o[0] + t * d[0] - p[0], o[1] + t * d[1] - p[1], o[2] + t * d[2] - p[2]};
    assert_true(sqrtf(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]) < 0.5f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views_put_left_where_expected),
        cmocka_unit_test(test_frame_fits_bounds),
        cmocka_unit_test(test_orbit_never_flips),
        cmocka_unit_test(test_ray_hits_projected_point),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
