/* Ray picking: the hierarchy gives exactly the brute-force answer on random rays,
 * respects disabled items, and the nearest of two overlapping structures wins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "anatomy/pick.h"
#include "anatomy/primitives.h"

static uint32_t g_rng = 12345u;
static float frand(float lo, float hi) {
    g_rng = g_rng * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(g_rng >> 8) / 16777216.0f;
}

/* brute force over the same meshes */
static float brute(const MeshBuf *m, int n, const float o[3], const float d[3], int *out_item) {
    PickMeshDesc one;
    float best = FLT_MAX;
    *out_item = -1;
    for (int i = 0; i < n; i++) {
        for (uint32_t k = 0; k < m[i].index_count; k += 3) {
            one.positions = m[i].positions;
            one.indices = m[i].indices + k;
            one.index_count = 3;
            one.item = i;
            PickBvh *b = pick_build(&one, 1);
            PickHit h;
            if (pick_ray(b, o, d, NULL, &h) && h.t_mm < best) {
                best = h.t_mm;
                *out_item = i;
            }
            pick_destroy(b);
        }
    }
    return best;
}

static void test_matches_brute_force(void **state) {
    (void)state;
    MeshBuf m[3] = {{0}};
    const float c0[3] = {0, 0, 0}, c1[3] = {30, 10, 0}, a[3] = {-40, -40, 10}, b[3] = {40, 40, 10};
    assert_true(meshbuf_add_sphere(&m[0], c0, 20.0f, 8, 12));
    assert_true(meshbuf_add_sphere(&m[1], c1, 15.0f, 8, 12));
    assert_true(meshbuf_add_capsule(&m[2], a, b, 6.0f, 10));
    PickMeshDesc d[3];
    for (int i = 0; i < 3; i++) {
        d[i] = (PickMeshDesc){m[i].positions, m[i].indices, m[i].index_count, i};
    }
    PickBvh *bvh = pick_build(d, 3);
    assert_non_null(bvh);
    int hits = 0;
    for (int r = 0; r < 150; r++) {
        float o[3] = {frand(-45, 55), frand(-45, 45), 200.0f};
        float dir[3] = {frand(-0.1f, 0.1f), frand(-0.1f, 0.1f), -1.0f};
        int want_item;
        float want = brute(m, 3, o, dir, &want_item);
        PickHit h;
        bool got = pick_ray(bvh, o, dir, NULL, &h);
        assert_int_equal(got, want_item >= 0);
        if (got) {
            hits++;
            assert_int_equal(h.item, want_item);
            assert_true(fabsf(h.t_mm - want) < 1e-3f);
        }
    }
    assert_true(hits > 20);
    pick_destroy(bvh);
    for (int i = 0; i < 3; i++) {
        meshbuf_free(&m[i]);
    }
}

static void test_disabled_items_are_seen_through(void **state) {
    (void)state;
    MeshBuf outer = {0}, inner = {0};
    const float c[3] = {0, 0, 0};
    assert_true(meshbuf_add_sphere(&outer, c, 50.0f, 10, 16)); /* like the skin */
    assert_true(meshbuf_add_sphere(&inner, c, 10.0f, 10, 16)); /* like a bone inside */
    PickMeshDesc d[2] = {{outer.positions, outer.indices, outer.index_count, 0},
                         {inner.positions, inner.indices, inner.index_count, 1}};
    PickBvh *bvh = pick_build(d, 2);
    const float o[3] = {0, 0, 300}, dir[3] = {0, 0, -1};
    PickHit h;
    assert_true(pick_ray(bvh, o, dir, NULL, &h));
    assert_int_equal(h.item, 0);
    assert_true(fabsf(h.point_mm[2] - 50.0f) < 1.0f);
    bool enabled[PICK_MAX_ITEMS] = {false};
    enabled[1] = true;
    assert_true(pick_ray(bvh, o, dir, enabled, &h));
    assert_int_equal(h.item, 1);
    assert_true(fabsf(h.point_mm[2] - 10.0f) < 1.0f);
    enabled[1] = false;
    assert_false(pick_ray(bvh, o, dir, enabled, &h));
    const float away[3] = {0, 0, 1};
    assert_false(pick_ray(bvh, o, away, NULL, &h));
    pick_destroy(bvh);
    meshbuf_free(&outer);
    meshbuf_free(&inner);
}

static void test_empty(void **state) {
    (void)state;
    PickBvh *bvh = pick_build(NULL, 0);
    assert_non_null(bvh);
    const float o[3] = {0, 0, 0}, d[3] = {1, 0, 0};
    PickHit h;
    assert_false(pick_ray(bvh, o, d, NULL, &h));
    assert_int_equal(h.item, -1);
    pick_destroy(bvh);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_brute_force),
        cmocka_unit_test(test_disabled_items_are_seen_through),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
