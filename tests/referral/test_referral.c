/* Referral engine: zone weights (exact on a synthetic anatomy, then on the shipped shapes),
 * the timeline sampled at several times, where-it-hurts in both directions, dermatomes at the
 * ISNCSCI key points under both maps, and laterality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anatomy/body.h"
#include "referral/ref_assets.h"
#include "referral/skin_weights.h"
#include "referral/referral.h"
#include "referral/timeline.h"
#include "referral/zone_shapes.h"

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

/* ---- exact weights on a tiny synthetic anatomy ---- */

static const char SYN_LANDMARKS[] = "{\"schema\":1,\"units\":\"mm\",\"landmarks\":["
                                    "{\"id\":\"a\",\"paired\":true,\"pos_mm\":[-100,0,0]},"
                                    "{\"id\":\"b\",\"paired\":true,\"pos_mm\":[-100,-200,0]},"
                                    "{\"id\":\"mid\",\"paired\":false,\"pos_mm\":[0,0,0]}]}";
static const char SYN_ZONES[] =
    "{\"schema\":1,\"zones\":["
    "{\"id\":\"zone_band\",\"paired\":true,\"parts\":[{\"path\":[{\"at\":\"a\"},{\"at\":\"b\"}],"
    "\"radius_mm\":20,\"falloff_mm\":10}]},"
    "{\"id\":\"zone_blob\",\"paired\":true,\"parts\":[{\"path\":[{\"at\":\"a\",\"offset_mm\":[-50,"
    "0,0]}],\"radius_mm\":10,\"falloff_mm\":0}]},"
    "{\"id\":\"zone_ring\",\"parts\":[{\"path\":[{\"at\":\"mid\"}],\"radius_mm\":40,"
    "\"falloff_mm\":10,\"inner_mm\":20}]},"
    "{\"id\":\"zone_wide\",\"paired\":true,\"parts\":[{\"path\":[{\"at\":\"mid\"}],"
    "\"radius_mm\":300,\"falloff_mm\":10}]}]}";
static const char SYN_DERMS[] = "{\"schema\":1,\"default_map\":\"lee_2008\",\"maps\":["
                                "{\"id\":\"lee_2008\",\"citation\":\"Lee08\",\"dermatomes\":"
                                "[{\"id\":\"derm_l5\",\"paired\":true,\"parts\":[{\"path\":[{"
                                "\"at\":\"b\"}],\"radius_mm\":30,\"falloff_mm\":10}]}]},"
                                "{\"id\":\"keegan_garrett\",\"citation\":\"KG48\",\"dermatomes\":"
                                "[{\"id\":\"derm_l5\",\"paired\":true,\"parts\":[{\"path\":[{"
                                "\"at\":\"b\"}],\"radius_mm\":30,\"falloff_mm\":10}]}]}]}";

static void test_weights_exact(void **state) {
    (void)state;
    LandmarkSet lm = {0};
    char err[256];
    assert_true(
        landmarks_parse(SYN_LANDMARKS, strlen(SYN_LANDMARKS), "syn.json", &lm, err, sizeof err));
    RefShapes sh;
    ContentDiag diag = {0};
    bool ok = ref_shapes_load(SYN_ZONES, strlen(SYN_ZONES), "zones.json", SYN_DERMS,
                              strlen(SYN_DERMS), "dermatomes.json", &lm, &sh, &diag);
    for (int i = 0; i < diag.count; i++) {
        print_error("%s\n", diag.lines[i]);
    }
    assert_true(ok);
    const RefShapeSet *z = &sh.zones;
    int band_r = ref_shape_find(z, "zone_band_r"), band_l = ref_shape_find(z, "zone_band_l");
    int blob_l = ref_shape_find(z, "zone_blob_l"), ring = ref_shape_find(z, "zone_ring");
    int wide_r = ref_shape_find(z, "zone_wide_r");
    assert_true(band_r >= 0 && band_l >= 0 && blob_l >= 0 && ring >= 0 && wide_r >= 0);

    static const struct {
        float p[3];
        float want;
    } band[] = {
        {{-100, -100, 0}, 1.0f},  /* on the axis */
        {{-100, -100, 20}, 1.0f}, /* at the radius */
        {{-100, -100, 25}, 0.5f}, /* halfway through the falloff */
        {{-100, -100, 30}, 0.0f}, /* at radius + falloff */
        {{-100, 25, 0}, 0.5f},    /* beyond the end cap, halfway */
        {{-100, -240, 0}, 0.0f},
        {{100, -100, 0}, 0.0f}, /* the mirror image belongs to the left zone */
    };
    for (size_t i = 0; i < sizeof band / sizeof band[0]; i++) {
        float w = ref_shape_weight(z, band_r, band[i].p);
        if (fabsf(w - band[i].want) > 1e-4f) {
            fail_msg("zone_band_r at (%g,%g,%g): want %g, got %g", (double)band[i].p[0],
                     (double)band[i].p[1], (double)band[i].p[2], (double)band[i].want, (double)w);
        }
        float m[3] = {-band[i].p[0], band[i].p[1], band[i].p[2]};
        assert_float_equal(ref_shape_weight(z, band_l, m), band[i].want, 1e-4f);
    }
    /* offsets are written for the right side and mirrored for the left */
    float lp[3] = {150, 0, 0}, lq[3] = {50, 0, 0};
    assert_float_equal(ref_shape_weight(z, blob_l, lp), 1.0f, 1e-6f);
    assert_float_equal(ref_shape_weight(z, blob_l, lq), 0.0f, 1e-6f);
    /* a ring is hollow */
    float c0[3] = {0, 0, 0}, c30[3] = {0, 30, 0}, c45[3] = {45, 0, 0}, c15[3] = {0, 0, 15};
    assert_float_equal(ref_shape_weight(z, ring, c0), 0.0f, 1e-6f);
    assert_float_equal(ref_shape_weight(z, ring, c15), 0.0f, 1e-6f);
    assert_float_equal(ref_shape_weight(z, ring, c30), 1.0f, 1e-6f);
    assert_float_equal(ref_shape_weight(z, ring, c45), 0.5f, 1e-4f);
    /* a paired shape never crosses the midline, however big; the midline itself is shared */
    float left[3] = {1, 0, 0}, midline[3] = {0, 0, 0};
    assert_float_equal(ref_shape_weight(z, wide_r, left), 0.0f, 1e-6f);
    assert_float_equal(ref_shape_weight(z, wide_r, midline), 1.0f, 1e-6f);
    /* the batch form equals the point form, weights fall off monotonically */
    float pts[64 * 3], batch[64];
    for (int i = 0; i < 64; i++) {
        pts[i * 3 + 0] = -100.0f;
        pts[i * 3 + 1] = -100.0f;
        pts[i * 3 + 2] = (float)i * 0.5f;
    }
    ref_shape_weights(z, band_r, pts, 64, 3, batch);
    for (int i = 0; i < 64; i++) {
        assert_true(batch[i] == ref_shape_weight(z, band_r, &pts[i * 3]));
        assert_true(batch[i] >= 0.0f && batch[i] <= 1.0f);
        if (i > 0) {
            assert_true(batch[i] <= batch[i - 1]);
        }
    }
    ref_shapes_free(&sh);
    landmarks_free(&lm);
    content_diag_free(&diag);
}

/* ---- shipped data ---- */

static const float *lm_pos(const char *id) {
    const Landmark *l = landmarks_find(&g.landmarks, id);
    if (!l) {
        fail_msg("no landmark '%s'", id);
    }
    return l->pos_mm;
}

static void test_dermatomes_at_key_points(void **state) {
    (void)state;
    static const struct {
        const char *key, *want, *also;
    } keys[] = {
        {"key_t12", "derm_t12", NULL},
        {"key_l1", "derm_l1", NULL},
        {"key_l2", "derm_l2", NULL},
        {"key_l3", "derm_l3", NULL},
        {"key_l4", "derm_l4", NULL},
        {"key_l5", "derm_l5", NULL},
        {"key_s1", "derm_s1", NULL},
        {"key_s2", "derm_s2", NULL},
        {"key_s3", "derm_s3", NULL},
        {"key_s4_5", "derm_s4", "derm_s5"}, /* scored as one level, S4-5 */
    };
    const char *maps[] = {"lee_2008", "keegan_garrett"};
    for (int m = 0; m < 2; m++) {
        int map = ref_map_find(&g.engine, maps[m]);
        assert_true(map >= 0);
        for (int side = 0; side < 2; side++) {
            const char *suf = side ? "_r" : "_l";
            for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
                char id[64], want[64], also[64] = "";
                snprintf(id, sizeof id, "%s%s", keys[k].key, suf);
                snprintf(want, sizeof want, "%s%s", keys[k].want, suf);
                if (keys[k].also) {
                    snprintf(also, sizeof also, "%s%s", keys[k].also, suf);
                }
                RefDermHit hits[8];
                int n = ref_dermatomes_at(&g.engine, map, lm_pos(id), hits, 8);
                const char *got = n > 0 ? hits[0].id : "(none)";
                bool ok = n > 0 && (!strcmp(got, want) || (also[0] && !strcmp(got, also)));
                /* the winner must be clear, not a tie broken by file order */
                ok = ok && hits[0].weight > 0.99f && (n < 2 || hits[1].weight < 0.95f);
                if (!ok) {
                    fail_msg("%s under %s: want %s, got %s (%.2f; next %s %.2f)", id, maps[m], want,
                             got, n ? (double)hits[0].weight : 0.0, n > 1 ? hits[1].id : "-",
                             n > 1 ? (double)hits[1].weight : 0.0);
                }
                assert_true(hits[0].zone >= 0); /* the content names it */
            }
        }
    }
}

static void test_saddle_zones(void **state) {
    (void)state;
    const char *yes[] = {
        "zone_perineum", "zone_anus",           "zone_genital",         "derm_s4_l",
        "derm_s5_r",     "zone_medial_thigh_r", "zone_nerve_pudendal_l"};
    const char *no[] = {"zone_buttock_r", "zone_knee_l", "derm_l5_r", "zone_sacrum"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        int z = content_find_zone(&g.content, yes[i]);
        assert_true(z >= 0);
        assert_true(ref_zone_in_saddle(&g.engine, z));
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        assert_false(ref_zone_in_saddle(&g.engine, content_find_zone(&g.content, no[i])));
    }
    assert_false(ref_zone_in_saddle(&g.engine, -1));
}

static void test_baked_labels(void **state) {
    (void)state;
    /* the label the model baker writes per skin vertex: 1 + index in T12..S5, 0 = none */
    for (int m = 0; m < g.shapes.map_count; m++) {
        assert_int_equal(ref_shapes_derm_label(&g.shapes, m, lm_pos("key_l5_r")), 6);
        assert_int_equal(ref_shapes_derm_label(&g.shapes, m, lm_pos("key_t12_l")), 1);
        assert_int_equal(ref_shapes_derm_label(&g.shapes, m, lm_pos("key_s1_l")), 7);
        float far[3] = {0, 2000, 0};
        assert_int_equal(ref_shapes_derm_label(&g.shapes, m, far), 0);
    }
    assert_string_equal(ref_derm_segment(0), "t12");
    assert_string_equal(ref_derm_segment(10), "s5");
    assert_string_equal(ref_derm_segment(11), "");
}

static void test_maps_differ_where_sources_do(void **state) {
    (void)state;
    /* Keegan & Garrett's L4 band covers the lateral thigh; Lee keeps L4 to the medial leg */
    int lee = ref_map_find(&g.engine, "lee_2008"), kg = ref_map_find(&g.engine, "keegan_garrett");
    int l4 = content_find_zone(&g.content, "derm_l4_r");
    const float *p = lm_pos("skin_thigh_lateral_lower_r");
    assert_true(ref_zone_weight(&g.engine, l4, kg, p) > 0.9f);
    assert_true(ref_zone_weight(&g.engine, l4, lee, p) < 0.01f);
    /* and the default map is Lee 2008 */
    assert_int_equal(ref_map_find(&g.engine, NULL), lee);
}

static bool match_has(const RefMatch *m, int n, int source, int zone, bool primary) {
    for (int i = 0; i < n; i++) {
        if (m[i].source != source) {
            continue;
        }
        for (int k = 0; k < m[i].zone_count; k++) {
            if (m[i].zones[k].zone == zone && m[i].zones[k].primary == primary) {
                return true;
            }
        }
    }
    return false;
}

static void test_where_agrees_with_sources(void **state) {
    (void)state;
    const ContentDb *db = &g.content;
    RefMatch *m = malloc(256 * sizeof *m);
    assert_non_null(m);
    for (int z = 0; z < db->zone_count; z++) {
        int n = ref_where_zone(&g.engine, z, m, 256);
        assert_true(n <= 256);
        /* primary matches come first */
        for (int i = 1; i < n; i++) {
            assert_true(m[i - 1].primary || !m[i].primary);
        }
        for (int s = 0; s < db->source_count; s++) {
            const ContentSource *src = &db->sources[s];
            bool prim = false, spill = false;
            for (int k = 0; k < src->primary.count; k++) {
                prim = prim || src->primary.items[k] == z;
            }
            for (int k = 0; k < src->spillover.count; k++) {
                spill = spill || src->spillover.items[k] == z;
            }
            bool listed = false;
            for (int i = 0; i < n; i++) {
                listed = listed || m[i].source == s;
            }
            /* both directions: S lists Z <=> where(Z) lists S, with the right role */
            assert_int_equal(listed, prim || spill);
            if (prim) {
                assert_true(match_has(m, n, s, z, true));
            } else if (spill) {
                assert_true(match_has(m, n, s, z, false));
            }
        }
    }
    free(m);
}

static bool part_inner_point(const RefShapeSet *set, int shape, float out[3]) {
    const RefShape *s = &set->shapes[shape];
    for (int i = 0; i < s->part_count; i++) {
        const RefShapePart *p = &set->parts[s->part_first + i];
        if (p->inner_mm > 0) {
            continue;
        }
        for (int k = 0; k < 3; k++) {
            out[k] = 0.5f * (p->a[k] + p->b[k]);
        }
        return true;
    }
    return false;
}

static void test_where_at_points(void **state) {
    (void)state;
    const ContentDb *db = &g.content;
    RefMatch *m = malloc(256 * sizeof *m);
    assert_non_null(m);
    /* a point well inside each primary zone lists the source there, as primary */
    for (int s = 0; s < db->source_count; s++) {
        const ContentSource *src = &db->sources[s];
        for (int k = 0; k < src->primary.count; k++) {
            int z = src->primary.items[k];
            int shape = g.engine.zone_shape[z];
            const RefShapeSet *set = &g.shapes.zones;
            if (shape < 0) {
                set = &g.shapes.maps[g.shapes.default_map];
                shape = g.engine.derm_shape[z][g.shapes.default_map];
            }
            assert_true(shape >= 0);
            float p[3];
            assert_true(part_inner_point(set, shape, p));
            assert_true(ref_zone_weight(&g.engine, z, -1, p) >= REF_COVER_MIN);
            int n = ref_where_point(&g.engine, -1, p, m, 256);
            if (!match_has(m, n, s, z, true)) {
                fail_msg("where at the centre of %s does not list %s", db->zones[z].id, src->id);
            }
        }
    }
    /* painted vertices: the union of what each vertex finds */
    float painted[2][3];
    memcpy(painted[0], lm_pos("skin_buttock_apex_r"), sizeof painted[0]);
    memcpy(painted[1], lm_pos("skin_thigh_front_upper_r"), sizeof painted[1]);
    int n = ref_where_points(&g.engine, -1, &painted[0][0], 2, 3, m, 256);
    int piri = content_find_source(db, "piriformis_r");
    int hip = content_find_source(db, "hip_joint_r");
    bool saw_piri = false, saw_hip = false;
    for (int i = 0; i < n; i++) {
        saw_piri = saw_piri || m[i].source == piri;
        saw_hip = saw_hip || m[i].source == hip;
    }
    assert_true(saw_piri && saw_hip);
    free(m);
}

static void test_laterality(void **state) {
    (void)state;
    const ContentDb *db = &g.content;
    /* a source's zones are on its side or the midline, and a right zone weighs 0 on every
     * landmark of the left half of the body (and the other way round) */
    for (int s = 0; s < db->source_count; s++) {
        const ContentSource *src = &db->sources[s];
        RefTimelineSample ts;
        ref_timeline(&g.engine, s, REF_TIMELINE_SEC, &ts);
        for (int k = 0; k < ts.zone_count; k++) {
            ContentSide zs = db->zones[ts.zones[k].zone].side;
            assert_true(zs == CONTENT_SIDE_MIDLINE || zs == src->side);
            if (zs == CONTENT_SIDE_MIDLINE || ts.zones[k].intensity <= 0.0f) {
                continue;
            }
            for (int l = 0; l < g.landmarks.count; l++) {
                const float *p = g.landmarks.items[l].pos_mm;
                bool other = src->side == CONTENT_SIDE_LEFT ? p[0] < 0.0f : p[0] > 0.0f;
                if (other) {
                    assert_true(ref_zone_weight(&g.engine, ts.zones[k].zone, -1, p) == 0.0f);
                }
            }
        }
    }
    for (int m = 0; m < g.shapes.map_count; m++) {
        const RefShapeSet *set = &g.shapes.maps[m];
        for (int s = 0; s < set->shape_count; s++) {
            for (int l = 0; l < g.landmarks.count; l++) {
                const float *p = g.landmarks.items[l].pos_mm;
                if ((set->shapes[s].side == CONTENT_SIDE_RIGHT && p[0] > 0.0f) ||
                    (set->shapes[s].side == CONTENT_SIDE_LEFT && p[0] < 0.0f)) {
                    assert_true(ref_shape_weight(set, s, p) == 0.0f);
                }
            }
        }
    }
}

static void test_timeline_samples(void **state) {
    (void)state;
    const ContentDb *db = &g.content;
    int s = content_find_source(db, "piriformis_r");
    assert_true(s >= 0);
    const ContentSource *src = &db->sources[s];
    /* a structure position makes the path start at the muscle */
    int st = src->structure;
    float piri_pos[3] = {-70, 40, -45};
    ref_engine_set_structure_pos(&g.engine, st, piri_pos);
    float path[REF_PATH_MAX][3];
    int np = ref_source_path(&g.engine, s, path, REF_PATH_MAX);
    assert_true(np >= 2);
    assert_memory_equal(path[0], piri_pos, sizeof piri_pos);

    static const struct {
        float t;
        ContentPhase phase;
    } samples[] = {
        {-1.0f, CONTENT_PHASE_TENSION},   {0.0f, CONTENT_PHASE_TENSION},
        {0.75f, CONTENT_PHASE_TENSION},   {1.5f, CONTENT_PHASE_TRAVEL},
        {2.5f, CONTENT_PHASE_TRAVEL},     {3.6f, CONTENT_PHASE_PRIMARY},
        {4.25f, CONTENT_PHASE_PRIMARY},   {5.0f, CONTENT_PHASE_SPILLOVER},
        {6.0f, CONTENT_PHASE_SPILLOVER},  {7.5f, CONTENT_PHASE_SPILLOVER},
        {99.0f, CONTENT_PHASE_SPILLOVER},
    };
    float prev_tension_rise = -1.0f, prev_u = -1.0f, prev_prim = -1.0f, prev_spill = -1.0f;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        RefTimelineSample a, b;
        ref_timeline(&g.engine, s, samples[i].t, &a);
        ref_timeline(&g.engine, s, samples[i].t, &b);
        assert_memory_equal(&a, &b, sizeof a); /* pure: same t, same answer */
        if (a.phase != samples[i].phase) {
            fail_msg("t=%g: want phase %s, got %s", (double)samples[i].t,
                     ref_phase_id(samples[i].phase), a.phase_id);
        }
        assert_string_equal(a.phase_id, ref_phase_id(a.phase));
        assert_string_equal(a.caption, src->captions[a.phase]);
        assert_true(a.tension >= 0.0f && a.tension <= 1.0f);
        assert_true(a.signal_u >= 0.0f && a.signal_u <= 1.0f);
        assert_true(a.signal_u >= prev_u);
        prev_u = a.signal_u;
        if (a.phase == CONTENT_PHASE_TENSION) {
            assert_true(a.tension >= prev_tension_rise);
            prev_tension_rise = a.tension;
            assert_float_equal(a.signal_u, 0.0f, 1e-6f);
            assert_memory_equal(a.signal_pos_mm, path[0], sizeof path[0]);
        }
        if (samples[i].t >= REF_TIMELINE_SEC) {
            assert_float_equal(a.signal_u, 1.0f, 1e-6f);
            assert_float_equal(a.signal_pos_mm[0], path[np - 1][0], 1e-3f);
        }
        /* primary zones first, each reaching 1; spillover after, fainter and later */
        assert_int_equal(a.zone_count, src->primary.count + src->spillover.count);
        float prim = 0.0f, spill = 0.0f;
        for (int k = 0; k < a.zone_count; k++) {
            bool is_primary = k < src->primary.count;
            assert_int_equal(a.zones[k].primary, is_primary);
            if (is_primary) {
                prim = a.zones[k].intensity;
            } else {
                spill = a.zones[k].intensity;
                assert_true(spill <= REF_SPILLOVER_PEAK + 1e-6f);
                assert_true(spill <= prim);
            }
        }
        if (a.phase < CONTENT_PHASE_PRIMARY) {
            assert_float_equal(prim, 0.0f, 1e-6f);
        }
        if (a.phase < CONTENT_PHASE_SPILLOVER) {
            assert_float_equal(spill, 0.0f, 1e-6f);
        }
        if (a.phase == CONTENT_PHASE_SPILLOVER) {
            assert_float_equal(prim, 1.0f, 1e-6f);
        }
        assert_true(prim >= prev_prim && spill >= prev_spill);
        prev_prim = prim;
        prev_spill = spill;
    }
    RefTimelineSample end;
    ref_timeline(&g.engine, s, REF_TIMELINE_SEC, &end);
    assert_float_equal(end.zones[src->primary.count].intensity, REF_SPILLOVER_PEAK, 1e-6f);
    /* the travel phase is where the signal shows, midway along the path at its middle */
    RefTimelineSample mid;
    ref_timeline(&g.engine, s, REF_TENSION_SEC + 0.5f * REF_TRAVEL_SEC, &mid);
    assert_true(mid.signal_visible);
    assert_float_equal(mid.signal_u, 0.5f, 1e-5f);
    /* an unknown source gives an empty, well-defined sample */
    RefTimelineSample none;
    ref_timeline(&g.engine, -1, 1.0f, &none);
    assert_int_equal(none.zone_count, 0);
    assert_string_equal(none.caption, "");
}

static void test_weights_on_a_big_skin_are_fast(void **state) {
    (void)state;
    /* 200k pseudo-random points in the body's box, every zone shape: deterministic and quick */
    enum { N = 200000 };
    float *pos = malloc((size_t)N * 3 * sizeof *pos);
    float *w = malloc((size_t)N * sizeof *w);
    float *w2 = malloc((size_t)N * sizeof *w2);
    assert_true(pos && w && w2);
    uint32_t x = 12345u;
    for (int i = 0; i < N * 3; i++) {
        x = x * 1664525u + 1013904223u;
        float u = (float)(x >> 8) / 16777216.0f;
        int axis = i % 3;
        pos[i] = axis == 0   ? -200.0f + 400.0f * u
                 : axis == 1 ? -910.0f + 1250.0f * u
                             : -160.0f + 330.0f * u;
    }
    clock_t t0 = clock();
    double sum = 0;
    for (int z = 0; z < g.content.zone_count; z++) {
        ref_zone_weights(&g.engine, z, -1, pos, N, 3, w);
        for (int i = 0; i < N; i++) {
            sum += w[i];
        }
    }
    double sec = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("  %d zones x %d vertices: %.3f s (sum %.1f)\n", g.content.zone_count, N, sec,
                  sum);
    assert_true(sum > 0.0);
    int z = content_find_zone(&g.content, "zone_buttock_r");
    ref_zone_weights(&g.engine, z, -1, pos, N, 3, w);
    ref_zone_weights(&g.engine, z, -1, pos, N, 3, w2);
    assert_memory_equal(w, w2, (size_t)N * sizeof *w);
    assert_true(sec < 10.0);
    free(pos);
    free(w);
    free(w2);
}

static void test_skin_weights_and_painting(void **state) {
    (void)state;
    /* a stand-in skin: every landmark is a vertex */
    uint32_t nv = (uint32_t)g.landmarks.count;
    float *pos = malloc(nv * 3 * sizeof *pos);
    float *prim = malloc(nv * sizeof *prim), *spill = malloc(nv * sizeof *spill);
    assert_true(pos && prim && spill);
    for (uint32_t v = 0; v < nv; v++) {
        memcpy(&pos[v * 3], g.landmarks.items[v].pos_mm, 3 * sizeof(float));
    }
    RefSkinWeights sw;
    assert_true(ref_skin_weights_create(&g.engine, -1, pos, nv, 3, &sw));
    int s = content_find_source(&g.content, "piriformis_r");
    RefTimelineSample ts;
    ref_timeline(&g.engine, s, REF_TIMELINE_SEC, &ts);
    ref_skin_intensity(&sw, &ts, prim, spill);
    for (uint32_t v = 0; v < nv; v++) {
        float want_p = 0.0f, want_s = 0.0f;
        for (int k = 0; k < ts.zone_count; k++) {
            float w = ref_zone_weight(&g.engine, ts.zones[k].zone, -1, &pos[v * 3]) *
                      ts.zones[k].intensity;
            if (ts.zones[k].primary) {
                want_p = w > want_p ? w : want_p;
            } else {
                want_s = w > want_s ? w : want_s;
            }
        }
        assert_float_equal(prim[v], want_p, 1e-6f);
        assert_float_equal(spill[v], want_s, 1e-6f);
        if (g.landmarks.items[v].pos_mm[0] > 0.0f) {
            assert_true(prim[v] == 0.0f && spill[v] == 0.0f); /* right source, left body */
        }
    }
    const Landmark *apex = landmarks_find(&g.landmarks, "skin_buttock_apex_r");
    uint32_t painted = (uint32_t)(apex - g.landmarks.items);
    assert_float_equal(prim[painted], 1.0f, 1e-6f);
    RefMatch m[128];
    int n = ref_where_vertices(&g.engine, &sw, &painted, 1, m, 128);
    int n2 = ref_where_point(&g.engine, -1, apex->pos_mm, m + 64, 64);
    assert_int_equal(n, n2);
    bool found = false;
    for (int i = 0; i < n; i++) {
        found = found || (m[i].source == s && m[i].primary);
        assert_int_equal(m[i].source, m[64 + i].source);
    }
    assert_true(found);
    ref_skin_weights_destroy(&sw);
    free(pos);
    free(prim);
    free(spill);
}

static void test_zones_cover_the_baked_skin(void **state) {
    (void)state;
    const char *model = getenv("PAINMAP_MODEL");
    Body body;
    char err[512];
    if (!model || !body_load_file(model, &body, err, sizeof err)) {
        print_message("  no baked model (%s): skipped\n", model ? err : "PAINMAP_MODEL unset");
        skip();
    }
    int skin = body_find(&body, "skin");
    assert_true(skin >= 0);
    const BodyMesh *m = &body.items[skin].lod[BODY_LOD_FULL];
    for (int map = 0; map < g.shapes.map_count; map++) {
        RefSkinWeights sw;
        assert_true(ref_skin_weights_create(&g.engine, map, m->pos, m->vcount, 3, &sw));
        for (int z = 0; z < g.content.zone_count; z++) {
            uint32_t covered = 0;
            for (uint32_t k = 0; k < sw.zones[z].count; k++) {
                covered += sw.zones[z].weight[k] >= REF_COVER_MIN;
            }
            if (covered < 20) {
                fail_msg("%s covers only %u skin vertices under %s", g.content.zones[z].id, covered,
                         g.shapes.map_ids[map]);
            }
        }
        ref_skin_weights_destroy(&sw);
    }
    /* with the model attached, a muscle's animation path starts inside that muscle */
    ref_assets_attach_body(&g, &body);
    int s = content_find_source(&g.content, "piriformis_l");
    float path[REF_PATH_MAX][3];
    int np = ref_source_path(&g.engine, s, path, REF_PATH_MAX);
    assert_true(np >= 2);
    const BodyMesh *pm = &body.items[body_find(&body, "piriformis_l")].lod[BODY_LOD_FULL];
    for (int k = 0; k < 3; k++) {
        assert_true(path[0][k] >= pm->bmin[k] && path[0][k] <= pm->bmax[k]);
    }
    body_free(&body);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weights_exact),
        cmocka_unit_test(test_dermatomes_at_key_points),
        cmocka_unit_test(test_baked_labels),
        cmocka_unit_test(test_saddle_zones),
        cmocka_unit_test(test_maps_differ_where_sources_do),
        cmocka_unit_test(test_where_agrees_with_sources),
        cmocka_unit_test(test_where_at_points),
        cmocka_unit_test(test_laterality),
        cmocka_unit_test(test_timeline_samples),
        cmocka_unit_test(test_weights_on_a_big_skin_are_fast),
        cmocka_unit_test(test_skin_weights_and_painting),
        cmocka_unit_test(test_zones_cover_the_baked_skin),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
