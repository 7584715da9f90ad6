/* Pain drawing: strokes, erase, stroke-wise undo/redo with a bounded history, clear, the
 * per-quality patterns, per-vertex paint, vertex areas, and the summaries on the shipped
 * zones (zone areas, where-it-hurts, the saddle and both-legs flags). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/drawing.h"
#include "referral/ref_assets.h"

static RefAssets g;

static int setup(void **state) {
    (void)state;
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    if (!dir) {
        fail_msg("PAINMAP_ASSETS_DIR is not set (run through ctest)");
    }
    ContentDiag diag = {0};
    bool ok = ref_assets_load(dir, "en", NULL, 0, &g, &diag);
    for (int i = 0; i < diag.count; i++) {
        print_error("%s\n", diag.lines[i]);
    }
    content_diag_free(&diag);
    return ok && g.engine_ready ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    ref_assets_free(&g);
    return 0;
}

static void paint_line(Drawing *d, PainQuality q, int intensity, float radius, float x0, float x1,
                       float y, float z) {
    drawing_stroke_begin(d, DRAWING_TOOL_PAINT, q, intensity, radius);
    for (float x = x0; x <= x1; x += 1.0f) {
        float p[3] = {x, y, z};
        drawing_stroke_add(d, p);
    }
    drawing_stroke_end(d);
}

static void test_stroke_spacing(void **state) {
    (void)state;
    Drawing d;
    drawing_init(&d);
    /* 90 mm at radius 15: points every 5 mm, so 19 points (both ends included) */
    paint_line(&d, PAIN_QUALITY_BURNING, 7, 15.0f, 0.0f, 90.0f, 0.0f, 0.0f);
    assert_int_equal(d.count, 19);
    for (uint32_t i = 0; i < d.count; i++) {
        assert_int_equal(d.points[i].stroke, 1);
        assert_int_equal(d.points[i].intensity, 7);
        assert_int_equal(d.points[i].quality, PAIN_QUALITY_BURNING);
        assert_true(fabsf(d.points[i].radius_mm - 15.0f) < 1e-6f);
    }
    /* a jump of 40 mm is joined by straight-line points; one of 200 mm is not */
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_ACHING, 3, 15.0f);
    float a[3] = {0, 100, 0}, b[3] = {40, 100, 0}, c[3] = {240, 100, 0};
    assert_int_equal(drawing_stroke_add(&d, a), 1);
    assert_int_equal(drawing_stroke_add(&d, b), 8);
    assert_int_equal(drawing_stroke_add(&d, c), 1);
    drawing_stroke_end(&d);
    assert_int_equal(d.points[d.count - 1].stroke, 2);
    /* out-of-range inputs are clamped; NaN points are ignored */
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_ACHING, 42, 1e6f);
    float nan_p[3] = {NAN, 0, 0};
    assert_int_equal(drawing_stroke_add(&d, nan_p), 0);
    assert_int_equal(drawing_stroke_add(&d, a), 1);
    drawing_stroke_end(&d);
    assert_int_equal(d.points[d.count - 1].intensity, 10);
    assert_true(d.points[d.count - 1].radius_mm == DRAWING_RADIUS_MAX_MM);
    /* adding outside a stroke does nothing */
    assert_int_equal(drawing_stroke_add(&d, a), 0);
    drawing_free(&d);
}

static void test_undo_redo_erase_clear(void **state) {
    (void)state;
    Drawing d;
    drawing_init(&d);
    assert_false(drawing_can_undo(&d));
    assert_false(drawing_undo(&d));
    paint_line(&d, PAIN_QUALITY_ACHING, 5, 15.0f, 0.0f, 90.0f, 0.0f, 0.0f);
    uint32_t one = d.count;
    paint_line(&d, PAIN_QUALITY_NUMBNESS, 2, 15.0f, 0.0f, 90.0f, 50.0f, 0.0f);
    uint32_t two = d.count;
    assert_true(two > one);
    /* erase around (45, 0, 0) with radius 12: removes the first line's points within it */
    drawing_stroke_begin(&d, DRAWING_TOOL_ERASE, PAIN_QUALITY_ACHING, 0, 12.0f);
    float e[3] = {45, 0, 0};
    int removed = drawing_stroke_add(&d, e);
    drawing_stroke_end(&d);
    assert_int_equal(removed, 5); /* 35, 40, 45, 50, 55 */
    assert_int_equal(d.count, two - 5);
    for (uint32_t i = 0; i < d.count; i++) {
        float dx = d.points[i].pos_mm[0] - 45.0f, dy = d.points[i].pos_mm[1];
        assert_true(sqrtf(dx * dx + dy * dy) > 12.0f);
    }
    /* an eraser stroke that hits nothing is no undo step */
    drawing_stroke_begin(&d, DRAWING_TOOL_ERASE, PAIN_QUALITY_ACHING, 0, 5.0f);
    float far[3] = {1000, 1000, 1000};
    assert_int_equal(drawing_stroke_add(&d, far), 0);
    drawing_stroke_end(&d);
    drawing_clear(&d);
    assert_int_equal(d.count, 0);
    assert_true(drawing_undo(&d)); /* the clear */
    assert_int_equal(d.count, two - 5);
    assert_true(drawing_undo(&d)); /* the erase */
    assert_int_equal(d.count, two);
    assert_true(drawing_undo(&d)); /* the second stroke */
    assert_int_equal(d.count, one);
    assert_true(drawing_redo(&d));
    assert_int_equal(d.count, two);
    assert_true(drawing_undo(&d));
    assert_true(drawing_undo(&d));
    assert_int_equal(d.count, 0);
    assert_false(drawing_undo(&d));
    assert_true(drawing_redo(&d));
    assert_int_equal(d.count, one);
    /* a new stroke drops the redo branch */
    paint_line(&d, PAIN_QUALITY_BURNING, 9, 10.0f, 0.0f, 10.0f, -50.0f, 0.0f);
    assert_false(drawing_can_redo(&d));
    assert_int_equal(d.points[d.count - 1].stroke, 2); /* numbering went back with undo */
    drawing_free(&d);
}

/* The same points, field by field (a point's padding bytes are never written). */
static void assert_points_equal(const DrawingPoint *a, const DrawingPoint *b, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        assert_memory_equal(a[i].pos_mm, b[i].pos_mm, sizeof a[i].pos_mm);
        assert_true(a[i].radius_mm == b[i].radius_mm);
        assert_int_equal(a[i].stroke, b[i].stroke);
        assert_int_equal(a[i].intensity, b[i].intensity);
        assert_int_equal(a[i].quality, b[i].quality);
    }
}

/* Paint strokes cost the history no copy of the drawing: their undo steps hold only a count,
 * their redo steps only the stroke's own points; mixed with an erase (a full copy), undo and
 * redo still give back exactly the states there were. */
static void test_history_keeps_no_copies_of_paint(void **state) {
    (void)state;
    Drawing d;
    drawing_init(&d);
    paint_line(&d, PAIN_QUALITY_ACHING, 5, 10.0f, 0.0f, 60.0f, 0.0f, 0.0f);
    uint32_t after_a = d.count;
    paint_line(&d, PAIN_QUALITY_BURNING, 7, 10.0f, 0.0f, 60.0f, 100.0f, 0.0f);
    uint32_t after_b = d.count;
    DrawingPoint *copy = malloc(after_b * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, d.points, after_b * sizeof *copy);
    assert_int_equal(d.undo_count, 2);
    for (int i = 0; i < d.undo_count; i++) {
        assert_int_equal(d.undo[i].kind, DRAWING_SNAP_TRUNCATE);
        assert_null(d.undo[i].points);
    }
    /* an erase across stroke B: a full step */
    drawing_stroke_begin(&d, DRAWING_TOOL_ERASE, PAIN_QUALITY_ACHING, 0, 20.0f);
    float p[3] = {30.0f, 100.0f, 0.0f};
    assert_true(drawing_stroke_add(&d, p) > 0);
    drawing_stroke_end(&d);
    assert_int_equal(d.undo[2].kind, DRAWING_SNAP_FULL);
    uint32_t after_erase = d.count;
    assert_true(after_erase < after_b);
    /* back to after B, byte for byte; then before B (its points wait on the redo stack) */
    assert_true(drawing_undo(&d));
    assert_int_equal(d.count, after_b);
    assert_points_equal(d.points, copy, after_b);
    assert_true(drawing_undo(&d));
    assert_int_equal(d.count, after_a);
    assert_int_equal(d.redo[d.redo_count - 1].kind, DRAWING_SNAP_APPEND);
    assert_int_equal(d.redo[d.redo_count - 1].count, after_b - after_a);
    assert_true(drawing_undo(&d));
    assert_int_equal(d.count, 0);
    assert_false(drawing_undo(&d));
    /* and forward again to the erase */
    assert_true(drawing_redo(&d));
    assert_int_equal(d.count, after_a);
    assert_true(drawing_redo(&d));
    assert_int_equal(d.count, after_b);
    assert_points_equal(d.points, copy, after_b);
    assert_int_equal(d.next_stroke, 3);
    assert_true(drawing_redo(&d));
    assert_int_equal(d.count, after_erase);
    assert_false(drawing_redo(&d));
    /* a new stroke after undo drops the redo branch */
    assert_true(drawing_undo(&d));
    paint_line(&d, PAIN_QUALITY_NUMBNESS, 3, 10.0f, 0.0f, 20.0f, 300.0f, 0.0f);
    assert_false(drawing_can_redo(&d));
    free(copy);
    drawing_free(&d);
}

static void test_history_bounded(void **state) {
    (void)state;
    Drawing d;
    drawing_init(&d);
    for (int i = 0; i < DRAWING_HISTORY_MAX + 8; i++) {
        paint_line(&d, PAIN_QUALITY_ACHING, 5, 10.0f, 0.0f, 0.0f, (float)i * 30.0f, 0.0f);
    }
    assert_int_equal(d.count, DRAWING_HISTORY_MAX + 8);
    int undone = 0;
    while (drawing_undo(&d)) {
        undone++;
    }
    assert_int_equal(undone, DRAWING_HISTORY_MAX);
    assert_int_equal(d.count, 8); /* the oldest 8 strokes can no longer be undone */
    drawing_free(&d);
}

static void test_patterns(void **state) {
    (void)state;
    /* each quality has its own pattern; non-solid patterns ink between 15% and 60% of a tile,
     * and no two patterns agree everywhere */
    bool seen[DRAWING_PATTERN_COUNT] = {false};
    static bool ink[DRAWING_PATTERN_COUNT][64 * 64];
    for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
        DrawingPattern p = drawing_quality_pattern((PainQuality)q);
        assert_false(seen[p]);
        seen[p] = true;
        int n = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                ink[p][y * 64 + x] =
                    drawing_pattern_ink(p, (float)x + 0.5f, (float)y + 0.5f, 16.0f);
                n += ink[p][y * 64 + x];
            }
        }
        float frac = (float)n / (64.0f * 64.0f);
        if (p == DRAWING_PATTERN_SOLID) {
            assert_true(frac == 1.0f);
        } else if (frac < 0.15f || frac > 0.6f) {
            fail_msg("pattern %d inks %.2f of a tile, expected 0.15..0.6", p, (double)frac);
        }
        PainQuality back;
        assert_true(drawing_quality_find(drawing_quality_id((PainQuality)q), &back));
        assert_int_equal(back, q);
    }
    for (int a = 0; a < DRAWING_PATTERN_COUNT; a++) {
        for (int b = a + 1; b < DRAWING_PATTERN_COUNT; b++) {
            assert_true(memcmp(ink[a], ink[b], sizeof ink[a]) != 0);
        }
    }
    PainQuality q;
    assert_false(drawing_quality_find("stabbing", &q));
    assert_false(drawing_quality_find(NULL, &q));
}

static void test_paint_vertices(void **state) {
    (void)state;
    Drawing d;
    drawing_init(&d);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_NUMBNESS, 10, 20.0f);
    float a[3] = {0, 0, 0};
    drawing_stroke_add(&d, a);
    drawing_stroke_end(&d);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_BURNING, 2, 20.0f);
    float b[3] = {15, 0, 0};
    drawing_stroke_add(&d, b);
    drawing_stroke_end(&d);
    /* vertices with a stride of 4 floats (a 4th float that must be ignored) */
    float verts[][4] = {
        {0, 0, 0, 99}, {15, 0, 0, 99}, {7, 0, 0, 99}, {40, 0, 0, 99}, {-500, 0, 0, 99}};
    float rgba[5 * 4], qual[5];
    drawing_paint_vertices(&d, &verts[0][0], 5, 4, NULL, rgba, qual);
    float blue[3], red[3];
    drawing_quality_color(PAIN_QUALITY_NUMBNESS, blue);
    drawing_quality_color(PAIN_QUALITY_BURNING, red);
    /* at the numbness point: numbness at full strength */
    assert_true(qual[0] == (float)PAIN_QUALITY_NUMBNESS);
    assert_true(fabsf(rgba[0] - blue[0]) < 1e-6f && fabsf(rgba[3] - 1.0f) < 1e-6f);
    /* at the burning point the numbness brush is still strong (weight ~0.5 * opacity 1) and
     * beats burning at intensity 2 (opacity 0.32): the strongest wins */
    assert_true(qual[1] == (float)PAIN_QUALITY_NUMBNESS);
    assert_true(qual[2] == (float)PAIN_QUALITY_NUMBNESS);
    assert_true(qual[3] == -1.0f && rgba[3 * 4 + 3] == 0.0f);
    assert_true(qual[4] == -1.0f && rgba[4 * 4 + 3] == 0.0f);
    /* the weaker quality wins where it is alone */
    float c[4] = {30, 0, 0, 0};
    drawing_paint_vertices(&d, c, 1, 4, NULL, rgba, qual);
    assert_true(qual[0] == (float)PAIN_QUALITY_BURNING);
    assert_true(fabsf(rgba[0] - red[0]) < 1e-6f);
    float expect = drawing_brush_weight(15.0f, 20.0f) * drawing_intensity_opacity(2);
    assert_true(fabsf(rgba[3] - expect) < 1e-5f);
    /* patterns thin the alpha between the ink */
    DrawingPaintDesc desc = {.patterns = true, .pattern_period_mm = 8.0f};
    int thin = 0;
    for (int i = 0; i < 16; i++) {
        float v[3] = {(float)i * 0.7f, (float)i * 0.3f, 0};
        float o[4];
        drawing_paint_vertices(&d, v, 1, 3, &desc, o, NULL);
        thin += o[3] < 0.99f;
    }
    assert_true(thin > 0 && thin < 16);
    /* the falloff and the opacity ramp */
    assert_true(drawing_brush_weight(5.0f, 20.0f) == 1.0f);
    assert_true(fabsf(drawing_brush_weight(15.0f, 20.0f) - 0.5f) < 1e-6f);
    assert_true(drawing_brush_weight(20.0f, 20.0f) == 0.0f);
    assert_true(fabsf(drawing_intensity_opacity(0) - 0.15f) < 1e-6f);
    assert_true(drawing_intensity_opacity(10) == 1.0f);
    drawing_free(&d);
}

static void test_dirty_region(void **state) {
    (void)state;
    Drawing d;
    drawing_init(&d);
    float mn[3], mx[3];
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_ALL);
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_NONE);
    /* a skin: a row of vertices along x, painted in full once */
    enum { N = 101 };
    float skin[N][3], full[N][4], part[N][4];
    for (int i = 0; i < N; i++) {
        skin[i][0] = (float)i * 4.0f - 200.0f;
        skin[i][1] = skin[i][2] = 0.0f;
    }
    paint_line(&d, PAIN_QUALITY_ACHING, 5, 10.0f, -100.0f, -80.0f, 0.0f, 0.0f);
    drawing_take_dirty(&d, mn, mx);
    drawing_paint_vertices(&d, &skin[0][0], N, 3, NULL, &part[0][0], NULL);
    /* a second stroke far away: only its box is dirty, and repainting just the box gives
     * the same paint as repainting everything */
    paint_line(&d, PAIN_QUALITY_BURNING, 8, 12.0f, 100.0f, 110.0f, 0.0f, 0.0f);
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_BOX);
    assert_true(fabsf(mn[0] - 88.0f) < 1e-4f &&
                fabsf(mx[0] - 120.0f) < 1e-4f); /* points at 100, 104, 108 */
    assert_true(fabsf(mn[1] + 12.0f) < 1e-4f && fabsf(mx[2] - 12.0f) < 1e-4f);
    DrawingPaintDesc box = {.box_min = mn, .box_max = mx};
    drawing_paint_vertices(&d, &skin[0][0], N, 3, &box, &part[0][0], NULL);
    drawing_paint_vertices(&d, &skin[0][0], N, 3, NULL, &full[0][0], NULL);
    assert_memory_equal(part, full, sizeof full);
    /* outside the box nothing is written */
    float sentinel[N][4];
    for (int i = 0; i < N; i++) {
        sentinel[i][0] = sentinel[i][1] = sentinel[i][2] = sentinel[i][3] = 7.0f;
    }
    drawing_paint_vertices(&d, &skin[0][0], N, 3, &box, &sentinel[0][0], NULL);
    assert_true(sentinel[0][3] == 7.0f); /* x = -200 */
    assert_true(sentinel[(int)(105 + 200) / 4][3] > 0.0f && sentinel[(105 + 200) / 4][3] < 7.0f);
    /* erasing marks the erased points' reach */
    drawing_stroke_begin(&d, DRAWING_TOOL_ERASE, PAIN_QUALITY_ACHING, 0, 5.0f);
    float e[3] = {-90.0f, 0.0f, 0.0f};
    assert_true(drawing_stroke_add(&d, e) > 0);
    drawing_stroke_end(&d);
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_BOX);
    assert_true(mn[0] >= -105.0f && mx[0] <= -75.0f);
    /* a fast eraser drag from x = 95 to 125 sweeps the way between, not just its ends */
    drawing_stroke_begin(&d, DRAWING_TOOL_ERASE, PAIN_QUALITY_ACHING, 0, 3.0f);
    float e0[3] = {95.0f, 0.0f, 0.0f}, e1[3] = {125.0f, 0.0f, 0.0f};
    drawing_stroke_add(&d, e0);
    assert_int_equal(drawing_stroke_add(&d, e1), 3); /* 100, 104, 108 */
    drawing_stroke_end(&d);
    for (uint32_t i = 0; i < d.count; i++) {
        assert_true(d.points[i].pos_mm[0] < 90.0f);
    }
    /* undo, redo and clear repaint everything */
    assert_true(drawing_undo(&d));
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_ALL);
    assert_true(drawing_redo(&d));
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_ALL);
    drawing_clear(&d);
    assert_int_equal(drawing_take_dirty(&d, mn, mx), DRAWING_DIRTY_ALL);
    drawing_free(&d);
}

static void test_vertex_areas(void **state) {
    (void)state;
    float pos[] = {0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 0};
    uint32_t idx[] = {0, 1, 2, 0, 2, 3, 0, 2, 99}; /* the last triangle is out of range */
    float area[4];
    drawing_vertex_areas(pos, 4, 3, idx, 9, area);
    float sum = area[0] + area[1] + area[2] + area[3];
    assert_true(fabsf(sum - 100.0f) < 1e-3f);
    assert_true(fabsf(area[1] - 50.0f / 3.0f) < 1e-3f);
}

/* A flat patch of skin (5 mm grid, +-half mm) at a landmark, facing along z. */
static float *patch_at(const float c[3], float half, uint32_t *out_n) {
    int side = (int)(2.0f * half / 5.0f) + 1;
    float *v = malloc((size_t)side * (size_t)side * 3 * sizeof *v);
    uint32_t n = 0;
    for (int j = 0; j < side; j++) {
        for (int i = 0; i < side; i++) {
            v[n * 3 + 0] = c[0] - half + (float)i * 5.0f;
            v[n * 3 + 1] = c[1] - half + (float)j * 5.0f;
            v[n * 3 + 2] = c[2];
            n++;
        }
    }
    *out_n = n;
    return v;
}

static const float *lm(const char *id) {
    const Landmark *l = landmarks_find(&g.landmarks, id);
    if (!l) {
        fail_msg("no landmark %s", id);
    }
    return l->pos_mm;
}

static bool has_zone(const DrawingZoneArea *z, int n, const char *id) {
    int want = content_find_zone(&g.content, id);
    for (int i = 0; i < n; i++) {
        if (z[i].zone == want) {
            return true;
        }
    }
    return false;
}

static void test_summary_buttock(void **state) {
    (void)state;
    const RefEngine *e = &g.engine;
    const float *apex = lm("skin_buttock_apex_r");
    Drawing d;
    drawing_init(&d);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_ACHING, 6, 20.0f);
    drawing_stroke_add(&d, apex);
    drawing_stroke_end(&d);
    uint32_t n;
    float *skin = patch_at(apex, 60.0f, &n);
    float *area = malloc(n * sizeof *area);
    for (uint32_t i = 0; i < n; i++) {
        area[i] = 25.0f; /* a 5 mm grid */
    }
    DrawingSummary s;
    assert_true(drawing_summarize(&d, e, 0, skin, n, 3, area, &s));
    /* painted: within 0.75 r = 15 mm: the lattice points in that disc (29 of them) */
    assert_true(fabsf(s.total_area_mm2 - 29.0f * 25.0f) < 1e-3f);
    assert_true(has_zone(s.zones, s.zone_count, "zone_buttock_r"));
    assert_false(has_zone(s.zones, s.zone_count, "zone_buttock_l"));
    assert_true(s.zone_count > 0 && s.zones[0].area_mm2 > 0.0f);
    for (int i = 1; i < s.zone_count; i++) {
        assert_true(s.zones[i - 1].area_mm2 >= s.zones[i].area_mm2);
    }
    for (int i = 0; i < s.zone_count; i++) {
        assert_true(s.zones[i].area_mm2 <= s.total_area_mm2 + 1e-3f);
        assert_int_equal(s.zones[i].intensity, 6);
        assert_int_equal(s.zones[i].covers, 1u << PAIN_QUALITY_ACHING);
        assert_string_not_equal(g.content.zones[s.zones[i].zone].kind, "dermatome");
    }
    for (int i = 0; i < s.dermatome_count; i++) {
        assert_string_equal(g.content.zones[s.dermatomes[i].zone].kind, "dermatome");
    }
    /* the same matches as the engine's own where-it-hurts on the painted vertices */
    float painted[64 * 3];
    int k = 0;
    for (uint32_t i = 0; i < n; i++) {
        float dx = skin[i * 3] - apex[0], dy = skin[i * 3 + 1] - apex[1];
        if (sqrtf(dx * dx + dy * dy) <= 15.0f) {
            memcpy(&painted[k++ * 3], &skin[i * 3], 3 * sizeof(float));
        }
    }
    assert_int_equal(k, 29);
    RefMatch want[64];
    int want_n = ref_where_points(e, 0, painted, k, 3, want, 64);
    assert_true(s.match_count > 0);
    assert_int_equal(s.match_count, want_n);
    bool seen_spill = false;
    for (int i = 0; i < s.match_count; i++) {
        assert_int_equal(s.matches[i].source, want[i].source);
        seen_spill = seen_spill || !s.matches[i].primary;
        assert_false(seen_spill && s.matches[i].primary); /* primary first */
    }
    assert_false(s.saddle);
    assert_false(s.both_legs);
    drawing_summary_free(&s);
    /* nothing painted: an empty summary */
    Drawing empty;
    drawing_init(&empty);
    assert_true(drawing_summarize(&empty, e, 0, skin, n, 3, NULL, &s));
    assert_int_equal(s.zone_count, 0);
    assert_int_equal(s.match_count, 0);
    assert_true(s.total_area_mm2 == 0.0f);
    drawing_summary_free(&s);
    free(skin);
    free(area);
    drawing_free(&d);
}

static void test_summary_flags(void **state) {
    (void)state;
    const RefEngine *e = &g.engine;
    Drawing d;
    drawing_init(&d);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_NUMBNESS, 4, 15.0f);
    drawing_stroke_add(&d, lm("skin_perineum"));
    drawing_stroke_end(&d);
    DrawingSummary s;
    /* no skin at all: the flags come from the points */
    assert_true(drawing_summarize(&d, e, 0, NULL, 0, 3, NULL, &s));
    assert_true(s.saddle);
    assert_false(s.both_legs);
    drawing_summary_free(&s);
    drawing_clear(&d);
    assert_true(drawing_gluteal_fold_y(e) < -50.0f && drawing_gluteal_fold_y(e) > -150.0f);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_SHOOTING, 8, 15.0f);
    drawing_stroke_add(&d, lm("skin_calf_upper_r"));
    drawing_stroke_end(&d);
    assert_false(drawing_touches_both_legs(&d, drawing_gluteal_fold_y(e)));
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_SHOOTING, 8, 15.0f);
    drawing_stroke_add(&d, lm("skin_thigh_back_lower_l"));
    drawing_stroke_end(&d);
    assert_true(drawing_summarize(&d, e, 0, NULL, 0, 3, NULL, &s));
    assert_true(s.both_legs);
    assert_false(s.saddle);
    drawing_summary_free(&s);
    /* the buttocks of both sides are above the fold: not both legs */
    drawing_clear(&d);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_ACHING, 8, 15.0f);
    drawing_stroke_add(&d, lm("skin_buttock_apex_l"));
    drawing_stroke_end(&d);
    drawing_stroke_begin(&d, DRAWING_TOOL_PAINT, PAIN_QUALITY_ACHING, 8, 15.0f);
    drawing_stroke_add(&d, lm("skin_buttock_apex_r"));
    drawing_stroke_end(&d);
    assert_false(drawing_touches_both_legs(&d, drawing_gluteal_fold_y(e)));
    drawing_free(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stroke_spacing),
        cmocka_unit_test(test_undo_redo_erase_clear),
        cmocka_unit_test(test_history_bounded),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_history_keeps_no_copies_of_paint),
        cmocka_unit_test(test_paint_vertices),
        cmocka_unit_test(test_vertex_areas),
        cmocka_unit_test(test_dirty_region),
        cmocka_unit_test(test_summary_buttock),
        cmocka_unit_test(test_summary_flags),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
