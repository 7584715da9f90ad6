/* The baker's distance fields against brute-force references (model-notes: a tube's
 * early-out once broke every inside value). Built from tools/bake/sdf.c by tests.cmake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "sdf.h"

/* Distance to a family of spheres swept along a polyline (radius linear per segment). */
static float sweep_distance(const float *pts, const float *rad, int n, const float p[3]) {
    float best = FLT_MAX;
    for (int i = 0; i + 1 < n; i++) {
        for (int s = 0; s <= 400; s++) {
            float t = (float)s / 400.0f;
            float c[3], r = rad[i] + (rad[i + 1] - rad[i]) * t;
            for (int k = 0; k < 3; k++) {
                c[k] = pts[3 * i + k] + (pts[3 * (i + 1) + k] - pts[3 * i + k]) * t;
            }
            float d = sqrtf((p[0] - c[0]) * (p[0] - c[0]) + (p[1] - c[1]) * (p[1] - c[1]) +
                            (p[2] - c[2]) * (p[2] - c[2])) -
                      r;
            best = d < best ? d : best;
        }
    }
    return best;
}

static float rnd(unsigned *state, float lo, float hi) {
    *state = *state * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(*state >> 8) / 16777216.0f;
}

static void test_round_cone_matches_sweep(void **state) {
    (void)state;
    float pts[6] = {-10, 5, 3, 30, -8, 12};
    float rad[2] = {9, 3};
    Prim p;
    prim_capsule(&p, pts, pts + 3, rad[0], rad[1]);
    Shape s = {&p, 1, false, 0, {0, 0, 0}, {0, 0, 0}};
    unsigned seed = 7;
    for (int i = 0; i < 3000; i++) {
        float q[3] = {rnd(&seed, -30, 50), rnd(&seed, -30, 30), rnd(&seed, -20, 35)};
        float f = shape_eval(&s, q), b = sweep_distance(pts, rad, 2, q);
        if (b > 0.01f) {
            assert_float_equal(f, b, 0.05f); /* outside: exact */
        } else if (b < -0.01f) {
            assert_true(f < 0.0f && f <= b + 0.05f); /* inside: at least as deep */
        }
    }
    prim_free(&p);
}

static void test_tube_inside_values_survive_the_early_out(void **state) {
    (void)state;
    /* a tube that folds back on itself, so segment bounds overlap deep inside */
    float ctrl[15] = {0, 0, 0, 40, 10, 0, 45, 40, 5, 10, 45, 0, 0, 20, 2};
    float rad[5] = {8, 10, 9, 7, 6};
    Prim p;
    assert_true(prim_tube(&p, ctrl, rad, 5, 8));
    Shape s = {&p, 1, false, 0, {0, 0, 0}, {0, 0, 0}};
    unsigned seed = 11;
    for (int i = 0; i < 3000; i++) {
        float q[3] = {rnd(&seed, -15, 60), rnd(&seed, -15, 60), rnd(&seed, -15, 15)};
        float f = shape_eval(&s, q);
        float b = sweep_distance(p.tube_pts, p.tube_rad, p.tube_n, q);
        if (b > 0.01f) {
            assert_float_equal(f, b, 0.08f);
        } else if (b < -0.01f) {
            assert_true(f < 0.0f && f <= b + 0.08f);
        }
    }
    prim_free(&p);
}

static void test_smooth_ops(void **state) {
    (void)state;
    assert_float_equal(sdf_smin(1.0f, 5.0f, 2.0f), 1.0f, 1e-6f); /* far apart: plain min */
    assert_float_equal(sdf_smin(1.0f, 1.0f, 4.0f), 0.0f, 1e-6f); /* equal: min - k/4 */
    assert_float_equal(sdf_smax(1.0f, 5.0f, 2.0f), 5.0f, 1e-6f);
    assert_float_equal(sdf_smin(2.0f, 3.0f, 0.0f), 2.0f, 0.0f);
}

static void test_plate_sign_and_rim(void **state) {
    (void)state;
    /* a flat square plate 6 mm thick in the XY plane */
    float outline[12] = {-20, -20, 0, 20, -20, 0, 20, 20, 0, -20, 20, 0};
    float thick[4] = {6, 6, 6, 6};
    Prim p;
    assert_true(prim_plate(&p, outline, 4, NULL, 0, thick, 1, 4));
    Shape s = {&p, 1, false, 0, {0, 0, 0}, {0, 0, 0}};
    float centre[3] = {0, 0, 0}, above[3] = {0, 0, 10}, side[3] = {40, 0, 0};
    assert_float_equal(shape_eval(&s, centre), -3.0f, 0.01f);
    assert_float_equal(shape_eval(&s, above), 7.0f, 0.01f);
    assert_true(shape_eval(&s, side) > 10.0f);
    prim_free(&p);
}

static void test_symmetric_cut_is_not_refilled(void **state) {
    (void)state;
    /* right half: a box across the midline with a hole at x = +-10 cut on the right only */
    Prim parts[2];
    float c[3] = {-5, 0, 0}, half[3] = {25, 10, 10}, hole[3] = {-10, 0, 0};
    prim_box(&parts[0], c, half, NULL, NULL, 1);
    prim_sphere(&parts[1], hole, 4);
    parts[1].op = OP_SUB;
    Shape s = {parts, 2, true, 0, {0, 0, 0}, {0, 0, 0}};
    float left_hole[3] = {10, 0, 0}, right_hole[3] = {-10, 0, 0};
    assert_true(shape_eval(&s, right_hole) > 0.0f);
    assert_true(shape_eval(&s, left_hole) > 0.0f);
    float solid[3] = {0, 0, 0};
    assert_true(shape_eval(&s, solid) < 0.0f);
    prim_free(&parts[0]);
    prim_free(&parts[1]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_cone_matches_sweep),
        cmocka_unit_test(test_tube_inside_values_survive_the_early_out),
        cmocka_unit_test(test_smooth_ops),
        cmocka_unit_test(test_plate_sign_and_rim),
        cmocka_unit_test(test_symmetric_cut_is_not_refilled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
