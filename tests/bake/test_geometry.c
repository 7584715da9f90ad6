/* Geometry checks on the baked body (PAINMAP_MODEL) against the landmarks
 * (PAINMAP_ASSETS_DIR): structures present on the right side of the body, closed meshes,
 * muscles reaching their attachments, nerve routes, nerves outside bone, skin outside all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/body.h"
#include "anatomy/landmarks.h"
#include "core/fileio.h"
#include "core/strutil.h"

static Body g_body;
static LandmarkSet g_lms;

static int setup(void **state) {
    (void)state;
    const char *model = getenv("PAINMAP_MODEL");
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    if (!model || !assets) {
        fprintf(stderr, "PAINMAP_MODEL and PAINMAP_ASSETS_DIR must be set\n");
        return -1;
    }
    char err[512];
    if (!body_load_file(model, &g_body, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    char path[1024];
    char *data = NULL;
    size_t len = 0;
    if (!path_join(path, sizeof path, assets, "anatomy/landmarks.json") ||
        !file_read_all(path, &data, &len, err, sizeof err) ||
        !landmarks_parse(data, len, path, &g_lms, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        free(data);
        return -1;
    }
    free(data);
    data = NULL;
    /* skin points (ISNCSCI key points) are optional here */
    if (path_join(path, sizeof path, assets, "anatomy/skin_points.json") &&
        file_read_all(path, &data, &len, err, sizeof err)) {
        if (!landmarks_parse(data, len, path, &g_lms, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            free(data);
            return -1;
        }
        free(data);
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    body_free(&g_body);
    landmarks_free(&g_lms);
    return 0;
}

static const BodyMesh *mesh_of(const char *id, BodyLod lod) {
    int i = body_find(&g_body, id);
    if (i < 0) {
        print_error("structure %s is missing\n", id);
        fail();
    }
    return &g_body.items[i].lod[lod];
}

static void lm_pos(const char *id, float out[3]) {
    const Landmark *lm = landmarks_find(&g_lms, id);
    if (!lm) {
        print_error("landmark %s is missing\n", id);
        fail();
    }
    memcpy(out, lm->pos_mm, 3 * sizeof(float));
}

/* ---- point/mesh queries ---------------------------------------------------------- */

static void closest_on_triangle(const float p[3], const float a[3], const float b[3],
                                const float c[3], float out[3]) {
    /* Ericson, Real-Time Collision Detection 5.1.5 */
    float ab[3], ac[3], ap[3];
    for (int i = 0; i < 3; i++) {
        ab[i] = b[i] - a[i];
        ac[i] = c[i] - a[i];
        ap[i] = p[i] - a[i];
    }
#define DOT(u, v) ((u)[0] * (v)[0] + (u)[1] * (v)[1] + (u)[2] * (v)[2])
    float d1 = DOT(ab, ap), d2 = DOT(ac, ap);
    if (d1 <= 0 && d2 <= 0) {
        memcpy(out, a, 3 * sizeof(float));
        return;
    }
    float bp[3] = {p[0] - b[0], p[1] - b[1], p[2] - b[2]};
    float d3 = DOT(ab, bp), d4 = DOT(ac, bp);
    if (d3 >= 0 && d4 <= d3) {
        memcpy(out, b, 3 * sizeof(float));
        return;
    }
    float vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) {
        float v = d1 / (d1 - d3);
        for (int i = 0; i < 3; i++) {
            out[i] = a[i] + v * ab[i];
        }
        return;
    }
    float cp[3] = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
    float d5 = DOT(ab, cp), d6 = DOT(ac, cp);
    if (d6 >= 0 && d5 <= d6) {
        memcpy(out, c, 3 * sizeof(float));
        return;
    }
    float vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) {
        float w = d2 / (d2 - d6);
        for (int i = 0; i < 3; i++) {
            out[i] = a[i] + w * ac[i];
        }
        return;
    }
    float va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
        float w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
        for (int i = 0; i < 3; i++) {
            out[i] = b[i] + w * (c[i] - b[i]);
        }
        return;
    }
    float denom = 1.0f / (va + vb + vc);
    float v = vb * denom, w = vc * denom;
    for (int i = 0; i < 3; i++) {
        out[i] = a[i] + ab[i] * v + ac[i] * w;
    }
#undef DOT
}

/* Distance from p to the mesh surface; closest point in out (may be NULL). */
static float surface_distance(const BodyMesh *m, const float p[3], float out[3]) {
    float best = FLT_MAX;
    for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
        float q[3];
        closest_on_triangle(p, m->pos + 3 * m->idx[t], m->pos + 3 * m->idx[t + 1],
                            m->pos + 3 * m->idx[t + 2], q);
        float d = sqrtf((q[0] - p[0]) * (q[0] - p[0]) + (q[1] - p[1]) * (q[1] - p[1]) +
                        (q[2] - p[2]) * (q[2] - p[2]));
        if (d < best) {
            best = d;
            if (out) {
                memcpy(out, q, sizeof q);
            }
        }
    }
    return best;
}

/* Inside test by counting crossings of a ray towards +Z, with triangles bucketed in XY. */
typedef struct {
    const BodyMesh *m;
    float x0, y0, cell;
    int nx, ny;
    uint32_t *start, *tris;
} Inside;

static void inside_init(Inside *s, const BodyMesh *m, float cell) {
    memset(s, 0, sizeof *s);
    s->m = m;
    s->cell = cell;
    s->x0 = m->bmin[0] - cell;
    s->y0 = m->bmin[1] - cell;
    s->nx = (int)((m->bmax[0] - s->x0) / cell) + 2;
    s->ny = (int)((m->bmax[1] - s->y0) / cell) + 2;
    size_t nc = (size_t)s->nx * (size_t)s->ny;
    uint32_t *count = calloc(nc + 1, sizeof(uint32_t));
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
            float lo[2] = {FLT_MAX, FLT_MAX}, hi[2] = {-FLT_MAX, -FLT_MAX};
            for (int k = 0; k < 3; k++) {
                const float *v = m->pos + 3 * m->idx[t + (uint32_t)k];
                for (int c = 0; c < 2; c++) {
                    lo[c] = fminf(lo[c], v[c]);
                    hi[c] = fmaxf(hi[c], v[c]);
                }
            }
            int i0 = (int)((lo[0] - s->x0) / cell), i1 = (int)((hi[0] - s->x0) / cell);
            int j0 = (int)((lo[1] - s->y0) / cell), j1 = (int)((hi[1] - s->y0) / cell);
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    size_t c = (size_t)j * (size_t)s->nx + (size_t)i;
                    if (pass == 0) {
                        count[c + 1]++;
                    } else {
                        s->tris[count[c]++] = t;
                    }
                }
            }
        }
        if (pass == 0) {
            for (size_t c = 0; c < nc; c++) {
                count[c + 1] += count[c];
            }
            s->start = malloc((nc + 1) * sizeof(uint32_t));
            memcpy(s->start, count, (nc + 1) * sizeof(uint32_t));
            s->tris = malloc((size_t)count[nc] * sizeof(uint32_t) + 4);
        }
    }
    free(count);
}

static void inside_free(Inside *s) {
    free(s->start);
    free(s->tris);
}

static bool inside_test(const Inside *s, const float p_in[3]) {
    const BodyMesh *m = s->m;
    /* nudge off vertices and edges aligned with the grid */
    float p[3] = {p_in[0] + 1.37e-3f, p_in[1] + 2.11e-3f, p_in[2]};
    if (p[0] < m->bmin[0] || p[0] > m->bmax[0] || p[1] < m->bmin[1] || p[1] > m->bmax[1] ||
        p[2] < m->bmin[2] || p[2] > m->bmax[2]) {
        return false;
    }
    int i = (int)((p[0] - s->x0) / s->cell), j = (int)((p[1] - s->y0) / s->cell);
    size_t c = (size_t)j * (size_t)s->nx + (size_t)i;
    int crossings = 0;
    for (uint32_t k = s->start[c]; k < s->start[c + 1]; k++) {
        uint32_t t = s->tris[k];
        const float *a = m->pos + 3 * m->idx[t], *b = m->pos + 3 * m->idx[t + 1],
                    *cc = m->pos + 3 * m->idx[t + 2];
        /* barycentric in XY */
        float d = (b[1] - cc[1]) * (a[0] - cc[0]) + (cc[0] - b[0]) * (a[1] - cc[1]);
        if (fabsf(d) < 1e-12f) {
            continue;
        }
        float l1 = ((b[1] - cc[1]) * (p[0] - cc[0]) + (cc[0] - b[0]) * (p[1] - cc[1])) / d;
        float l2 = ((cc[1] - a[1]) * (p[0] - cc[0]) + (a[0] - cc[0]) * (p[1] - cc[1])) / d;
        float l3 = 1.0f - l1 - l2;
        if (l1 < 0 || l2 < 0 || l3 < 0) {
            continue;
        }
        float z = l1 * a[2] + l2 * b[2] + l3 * cc[2];
        if (z > p[2]) {
            crossings++;
        }
    }
    return (crossings & 1) != 0;
}

/* ---- the canonical structure list ------------------------------------------------ */

static const char *const k_midline[] = {"t12_vertebra", "l1_vertebra", "l2_vertebra",
                                        "l3_vertebra",  "l4_vertebra", "l5_vertebra",
                                        "sacrum",       "coccyx",      "skin"};
static const char *const k_paired[] = {"rib_12",
                                       "hip_bone",
                                       "femur",
                                       "tibia",
                                       "fibula",
                                       "foot",
                                       "sacrospinous_ligament",
                                       "sacrotuberous_ligament",
                                       "psoas_major",
                                       "iliacus",
                                       "gluteus_maximus",
                                       "gluteus_medius",
                                       "gluteus_minimus",
                                       "piriformis",
                                       "obturator_internus",
                                       "pubococcygeus",
                                       "puborectalis",
                                       "iliococcygeus",
                                       "coccygeus",
                                       "quadratus_lumborum",
                                       "erector_spinae",
                                       "sciatic_nerve",
                                       "tibial_nerve",
                                       "common_fibular_nerve",
                                       "pudendal_nerve",
                                       "inferior_rectal_nerve",
                                       "perineal_nerve",
                                       "dorsal_nerve",
                                       "femoral_nerve",
                                       "obturator_nerve",
                                       "iliohypogastric_nerve",
                                       "ilioinguinal_nerve",
                                       "genitofemoral_nerve",
                                       "lateral_femoral_cutaneous_nerve",
                                       "superior_gluteal_nerve",
                                       "inferior_gluteal_nerve",
                                       "posterior_femoral_cutaneous_nerve"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_every_structure_present_with_metadata(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(k_midline); i++) {
        int k = body_find(&g_body, k_midline[i]);
        if (k < 0) {
            print_error("missing %s\n", k_midline[i]);
            fail();
        }
        assert_string_equal(g_body.items[k].side, "midline");
    }
    for (size_t i = 0; i < COUNT(k_paired); i++) {
        for (int side = 0; side < 2; side++) {
            char id[96];
            snprintf(id, sizeof id, "%s_%c", k_paired[i], side ? 'l' : 'r');
            int k = body_find(&g_body, id);
            if (k < 0) {
                print_error("missing %s\n", id);
                fail();
            }
            assert_string_equal(g_body.items[k].side, side ? "left" : "right");
            assert_true(g_body.items[k].name[0] != '\0');
        }
    }
    assert_int_equal(g_body.count, (int)(COUNT(k_midline) + 2 * COUNT(k_paired)));
}

static void test_left_is_plus_x_and_mirrors_right(void **state) {
    (void)state;
    for (size_t i = 0; i < COUNT(k_paired); i++) {
        char l[96], r[96];
        snprintf(l, sizeof l, "%s_l", k_paired[i]);
        snprintf(r, sizeof r, "%s_r", k_paired[i]);
        const BodyMesh *ml = mesh_of(l, BODY_LOD_FULL), *mr = mesh_of(r, BODY_LOD_FULL);
        double sl = 0, sr = 0;
        for (uint32_t v = 0; v < ml->vcount; v++) {
            sl += ml->pos[3 * v];
        }
        for (uint32_t v = 0; v < mr->vcount; v++) {
            sr += mr->pos[3 * v];
        }
        if (!(sl / ml->vcount > 5.0) || !(sr / mr->vcount < -5.0)) {
            print_error("%s: mean x left %.1f, right %.1f\n", k_paired[i], sl / ml->vcount,
                        sr / mr->vcount);
            fail();
        }
        assert_float_equal(ml->bmin[0], -mr->bmax[0], 1e-3f);
        assert_float_equal(ml->bmin[1], mr->bmin[1], 1e-3f);
        assert_float_equal(ml->bmax[2], mr->bmax[2], 1e-3f);
    }
}

static int cmp_u64(const void *x, const void *y) {
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : (a > b ? 1 : 0);
}

/* Edges used an odd number of times (0 for a closed surface). */
static uint32_t open_edges(const BodyMesh *m) {
    uint64_t *e = malloc((size_t)m->icount * sizeof(uint64_t));
    for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
        for (uint32_t k = 0; k < 3; k++) {
            uint64_t a = m->idx[t + k], b = m->idx[t + (k + 1) % 3];
            e[t + k] = a < b ? (a << 32 | b) : (b << 32 | a);
        }
    }
    qsort(e, m->icount, sizeof *e, cmp_u64);
    uint32_t bad = 0;
    for (uint32_t i = 0; i < m->icount;) {
        uint32_t j = i;
        while (j < m->icount && e[j] == e[i]) {
            j++;
        }
        bad += (j - i) % 2;
        i = j;
    }
    free(e);
    return bad;
}

static void test_meshes_are_closed_and_outward(void **state) {
    (void)state;
    int failures = 0;
    for (int i = 0; i < g_body.count; i++) {
        for (int l = 0; l < BODY_LOD_COUNT; l++) {
            const BodyMesh *m = &g_body.items[i].lod[l];
            uint32_t bad = open_edges(m);
            double vol = 0;
            for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
                const float *a = m->pos + 3 * m->idx[t], *b = m->pos + 3 * m->idx[t + 1],
                            *c = m->pos + 3 * m->idx[t + 2];
                vol += (a[0] * ((double)b[1] * c[2] - (double)b[2] * c[1]) -
                        a[1] * ((double)b[0] * c[2] - (double)b[2] * c[0]) +
                        a[2] * ((double)b[0] * c[1] - (double)b[1] * c[0])) /
                       6.0;
            }
            if (bad != 0 || vol <= 0) {
                print_error("%s (%s): %u open edges, volume %.0f mm3\n", g_body.items[i].id,
                            l ? "tablet" : "full", bad, vol);
                failures++;
            }
        }
    }
    assert_int_equal(failures, 0);
}

static void test_lod_budgets(void **state) {
    (void)state;
    long tris[2] = {0, 0};
    for (int i = 0; i < g_body.count; i++) {
        for (int l = 0; l < 2; l++) {
            tris[l] += (long)(g_body.items[i].lod[l].icount / 3);
        }
    }
    print_message("triangles: full %ld, tablet %ld\n", tris[0], tris[1]);
    assert_true(tris[1] <= 150000);
    assert_true(tris[0] >= tris[1]);
    assert_true(tris[0] <= 700000);
}

/* ---- attachments ------------------------------------------------------------------ */

typedef struct {
    const char *muscle, *landmark;
    float pos[3]; /* used when landmark is NULL (right side) */
    const char *bone;
} Attachment;

static const Attachment k_attach[] = {
    {"piriformis", "piriformis_origin", {0}, "sacrum"},
    {"piriformis", "greater_trochanter_tip", {0}, "femur"},
    {"psoas_major", NULL, {-24, 237, 17}, "l2_vertebra"},
    {"psoas_major", "lesser_trochanter", {0}, "femur"},
    {"iliacus", "iliac_fossa_centre", {0}, "hip_bone"},
    {"iliacus", "lesser_trochanter", {0}, "femur"},
    {"gluteus_maximus", "psis", {0}, "hip_bone"},
    {"gluteus_maximus", NULL, {-24, 66, -86}, "sacrum"},
    {"gluteus_maximus", "gluteal_tuberosity", {0}, "femur"},
    {"gluteus_medius", "iliac_tubercle", {0}, "hip_bone"},
    {"gluteus_medius", NULL, {-130, -6, -26}, "femur"},
    {"gluteus_minimus", NULL, {-112, 80, 10}, "hip_bone"},
    {"gluteus_minimus", NULL, {-133, -10, -7}, "femur"},
    {"obturator_internus", NULL, {-55, -35, 15}, "hip_bone"},
    {"obturator_internus", "trochanteric_fossa", {0}, "femur"},
    {"pubococcygeus", NULL, {-15, -25, 45}, "hip_bone"},
    {"pubococcygeus", "coccyx_tip", {0}, "coccyx"},
    {"puborectalis", NULL, {-12, -35, 44}, "hip_bone"},
    {"iliococcygeus", "ischial_spine", {0}, "hip_bone"},
    {"iliococcygeus", "coccyx_tip", {0}, "coccyx"},
    {"coccygeus", "ischial_spine", {0}, "hip_bone"},
    {"coccygeus", "sacrum_lateral_s5", {0}, "sacrum"},
    {"quadratus_lumborum", "iliac_crest_posterior", {0}, "hip_bone"},
    {"quadratus_lumborum", NULL, {-60, 300, -50}, "rib_12"},
    {"erector_spinae", NULL, {-25, 95, -80}, "sacrum"},
    {"erector_spinae", "l3_spinous", {0}, "l3_vertebra"},
};

static void test_muscles_touch_their_attachments(void **state) {
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < COUNT(k_attach); i++) {
        const Attachment *a = &k_attach[i];
        for (int side = 0; side < 2; side++) {
            float p[3];
            if (a->landmark) {
                char lid[96];
                snprintf(lid, sizeof lid, "%s_%c", a->landmark, side ? 'l' : 'r');
                if (landmarks_find(&g_lms, lid)) {
                    lm_pos(lid, p);
                } else {
                    lm_pos(a->landmark, p);
                    p[0] = side ? fabsf(p[0]) : -fabsf(p[0]);
                }
            } else {
                memcpy(p, a->pos, sizeof p);
                p[0] = side ? -p[0] : p[0];
            }
            char mid[96], bid[96];
            snprintf(mid, sizeof mid, "%s_%c", a->muscle, side ? 'l' : 'r');
            bool midline_bone = body_find(&g_body, a->bone) >= 0;
            snprintf(bid, sizeof bid, midline_bone ? "%s" : "%s_%c", a->bone, side ? 'l' : 'r');
            const BodyMesh *bone = mesh_of(bid, BODY_LOD_FULL);
            const BodyMesh *mus = mesh_of(mid, BODY_LOD_FULL);
            float on_bone[3];
            surface_distance(bone, p, on_bone);
            Inside in;
            inside_init(&in, mus, 8.0f);
            bool inside = inside_test(&in, on_bone);
            inside_free(&in);
            float d = inside ? 0.0f : surface_distance(mus, on_bone, NULL);
            if (d > 8.0f) {
                print_error("%s: %.1f mm from its attachment on %s at (%.0f, %.0f, %.0f)\n", mid,
                            (double)d, bid, (double)on_bone[0], (double)on_bone[1],
                            (double)on_bone[2]);
                failures++;
            }
        }
    }
    assert_int_equal(failures, 0);
}

/* ---- nerve routes ----------------------------------------------------------------- */

static void test_sciatic_leaves_below_piriformis(void **state) {
    (void)state;
    for (int side = 0; side < 2; side++) {
        char n_id[64], p_id[64], lm[64];
        snprintf(n_id, sizeof n_id, "sciatic_nerve_%c", side ? 'l' : 'r');
        snprintf(p_id, sizeof p_id, "piriformis_%c", side ? 'l' : 'r');
        snprintf(lm, sizeof lm, "piriformis_notch_point_%c", side ? 'l' : 'r');
        float c[3];
        lm_pos(lm, c);
        const BodyMesh *nerve = mesh_of(n_id, BODY_LOD_FULL);
        const BodyMesh *pir = mesh_of(p_id, BODY_LOD_FULL);
        /* a sagittal slab through the notch: |x - xn| < 4, |z - zn| < 20, |y - yn| < 30 */
        float nerve_top = -FLT_MAX, pir_bottom = FLT_MAX;
        for (uint32_t v = 0; v < nerve->vcount; v++) {
            const float *q = nerve->pos + 3 * v;
            if (fabsf(q[0] - c[0]) < 4.0f && fabsf(q[2] - c[2]) < 20.0f &&
                fabsf(q[1] - c[1]) < 30.0f) {
                nerve_top = fmaxf(nerve_top, q[1]);
            }
        }
        for (uint32_t v = 0; v < pir->vcount; v++) {
            const float *q = pir->pos + 3 * v;
            if (fabsf(q[0] - c[0]) < 4.0f && fabsf(q[2] - c[2]) < 20.0f &&
                fabsf(q[1] - c[1]) < 30.0f) {
                pir_bottom = fminf(pir_bottom, q[1]);
            }
        }
        if (!(nerve_top > -FLT_MAX && pir_bottom < FLT_MAX && nerve_top < pir_bottom + 1.0f)) {
            print_error("%s: nerve top %.1f, piriformis bottom %.1f at the notch\n", n_id,
                        (double)nerve_top, (double)pir_bottom);
            fail();
        }
    }
}

static void test_pudendal_route(void **state) {
    (void)state;
    for (int side = 0; side < 2; side++) {
        char n_id[64], sp[64], lsf[64], hb[64];
        snprintf(n_id, sizeof n_id, "pudendal_nerve_%c", side ? 'l' : 'r');
        snprintf(sp, sizeof sp, "ischial_spine_%c", side ? 'l' : 'r');
        snprintf(lsf, sizeof lsf, "lesser_sciatic_foramen_%c", side ? 'l' : 'r');
        snprintf(hb, sizeof hb, "hip_bone_%c", side ? 'l' : 'r');
        const BodyMesh *nerve = mesh_of(n_id, BODY_LOD_FULL);
        float spine[3], foramen[3], tip[3];
        lm_pos(sp, spine);
        lm_pos(lsf, foramen);
        surface_distance(mesh_of(hb, BODY_LOD_FULL), spine, tip);
        /* nerve vertices level with the spine tip (+-6 mm) and within 25 mm of it in X */
        int level = 0, behind = 0;
        for (uint32_t v = 0; v < nerve->vcount; v++) {
            const float *q = nerve->pos + 3 * v;
            if (fabsf(q[1] - tip[1]) < 6.0f && fabsf(q[0] - tip[0]) < 25.0f) {
                level++;
                behind += q[2] < tip[2] ? 1 : 0;
            }
        }
        if (level == 0 || behind != level) {
            print_error("%s: %d of %d vertices at the spine level lie behind the spine tip "
                        "(z %.1f)\n",
                        n_id, behind, level, (double)tip[2]);
            fail();
        }
        Inside in;
        inside_init(&in, nerve, 4.0f);
        float d = inside_test(&in, foramen) ? 0.0f : surface_distance(nerve, foramen, NULL);
        inside_free(&in);
        if (d > 5.0f) {
            print_error("%s: %.1f mm from the lesser sciatic foramen\n", n_id, (double)d);
            fail();
        }
    }
}

static bool near_exempt_point(const float q[3]) {
    static const char *const names[] = {"anterior_sacral_foramen_s1", "anterior_sacral_foramen_s2",
                                        "anterior_sacral_foramen_s3", "anterior_sacral_foramen_s4",
                                        "l4_intervertebral_foramen",  "l5_intervertebral_foramen"};
    for (size_t i = 0; i < COUNT(names); i++) {
        for (int side = 0; side < 2; side++) {
            char id[64];
            snprintf(id, sizeof id, "%s_%c", names[i], side ? 'l' : 'r');
            float p[3];
            lm_pos(id, p);
            float d = sqrtf((q[0] - p[0]) * (q[0] - p[0]) + (q[1] - p[1]) * (q[1] - p[1]) +
                            (q[2] - p[2]) * (q[2] - p[2]));
            if (d < 12.0f) {
                return true;
            }
        }
    }
    return false;
}

static void test_nerves_stay_out_of_bone(void **state) {
    (void)state;
    int failures = 0;
    for (int b = 0; b < g_body.count; b++) {
        if (strcmp(g_body.items[b].kind, "bone") != 0) {
            continue;
        }
        const BodyMesh *bone = &g_body.items[b].lod[BODY_LOD_FULL];
        Inside in;
        inside_init(&in, bone, 6.0f);
        for (int n = 0; n < g_body.count; n++) {
            if (strcmp(g_body.items[n].kind, "nerve") != 0) {
                continue;
            }
            const BodyMesh *nerve = &g_body.items[n].lod[BODY_LOD_FULL];
            int bad = 0;
            float worst = 0, where[3] = {0, 0, 0};
            for (uint32_t v = 0; v < nerve->vcount; v++) {
                const float *q = nerve->pos + 3 * v;
                if (!inside_test(&in, q) || near_exempt_point(q)) {
                    continue;
                }
                /* touching is fine; more than 1 mm deep is not */
                float d = surface_distance(bone, q, NULL);
                if (d > 1.0f) {
                    bad++;
                    if (d > worst) {
                        worst = d;
                        memcpy(where, q, sizeof where);
                    }
                }
            }
            if (bad > 0) {
                print_error("%s: %d vertices inside %s (deepest %.1f mm at %.0f, %.0f, %.0f)\n",
                            g_body.items[n].id, bad, g_body.items[b].id, (double)worst,
                            (double)where[0], (double)where[1], (double)where[2]);
                failures++;
            }
        }
        inside_free(&in);
    }
    assert_int_equal(failures, 0);
}

static void test_skin_encloses_muscles_and_bones(void **state) {
    (void)state;
    const BodyMesh *skin = mesh_of("skin", BODY_LOD_FULL);
    Inside in;
    inside_init(&in, skin, 10.0f);
    int failures = 0;
    for (int i = 0; i < g_body.count; i++) {
        const char *kind = g_body.items[i].kind;
        if (strcmp(kind, "bone") != 0 && strcmp(kind, "muscle") != 0) {
            continue;
        }
        const BodyMesh *m = &g_body.items[i].lod[BODY_LOD_TABLET];
        int outside = 0;
        const float *first = NULL;
        for (uint32_t v = 0; v < m->vcount; v++) {
            if (!inside_test(&in, m->pos + 3 * v)) {
                outside++;
                first = first ? first : m->pos + 3 * v;
            }
        }
        if (outside > 0) {
            print_error("%s: %d of %u vertices outside the skin, e.g. (%.0f, %.0f, %.0f)\n",
                        g_body.items[i].id, outside, m->vcount, (double)first[0], (double)first[1],
                        (double)first[2]);
            failures++;
        }
    }
    inside_free(&in);
    assert_int_equal(failures, 0);
}

/* ---- per-vertex dermatome labels on the skin ------------------------------------- */

static void test_skin_dermatome_labels(void **state) {
    (void)state;
    static const char *const attrs[2] = {"_DERM_KG", "_DERM_LEE"};
    static const char *const segs[] = {"t12", "l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3"};
    int failures = 0;
    for (int l = 0; l < BODY_LOD_COUNT; l++) {
        const BodyMesh *skin = mesh_of("skin", (BodyLod)l);
        for (int a = 0; a < 2; a++) {
            const float *lab = body_mesh_attr(skin, attrs[a]);
            if (!lab) {
                print_error("skin (%s) has no %s\n", l ? "tablet" : "full", attrs[a]);
                fail();
            }
            int seen[12] = {0};
            for (uint32_t v = 0; v < skin->vcount; v++) {
                assert_true(lab[v] >= 0.0f && lab[v] <= 11.0f && lab[v] == floorf(lab[v]));
                seen[(int)lab[v]] = 1;
            }
            int distinct = 0;
            for (int k = 1; k < 12; k++) {
                distinct += seen[k];
            }
            assert_true(distinct >= 9);
            if (l != BODY_LOD_FULL) {
                continue;
            }
            /* the ISNCSCI key sensory point of each segment lies in that segment */
            for (size_t k = 0; k < COUNT(segs); k++) {
                for (int side = 0; side < 2; side++) {
                    char id[32];
                    snprintf(id, sizeof id, "key_%s_%c", segs[k], side ? 'l' : 'r');
                    const Landmark *lm = landmarks_find(&g_lms, id);
                    if (!lm) {
                        continue; /* skin points live with the zone shapes */
                    }
                    uint32_t best = 0;
                    float bd = FLT_MAX;
                    for (uint32_t v = 0; v < skin->vcount; v++) {
                        const float *q = skin->pos + 3 * v;
                        float d = (q[0] - lm->pos_mm[0]) * (q[0] - lm->pos_mm[0]) +
                                  (q[1] - lm->pos_mm[1]) * (q[1] - lm->pos_mm[1]) +
                                  (q[2] - lm->pos_mm[2]) * (q[2] - lm->pos_mm[2]);
                        if (d < bd) {
                            bd = d;
                            best = v;
                        }
                    }
                    int want = (int)k + 1; /* segs[] follows the label order */
                    if ((int)lab[best] != want) {
                        print_error("%s: %s label %d at the skin vertex nearest %s, want %d\n",
                                    attrs[a], l ? "tablet" : "full", (int)lab[best], id, want);
                        failures++;
                    }
                }
            }
        }
    }
    assert_int_equal(failures, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_structure_present_with_metadata),
        cmocka_unit_test(test_left_is_plus_x_and_mirrors_right),
        cmocka_unit_test(test_meshes_are_closed_and_outward),
        cmocka_unit_test(test_lod_budgets),
        cmocka_unit_test(test_muscles_touch_their_attachments),
        cmocka_unit_test(test_sciatic_leaves_below_piriformis),
        cmocka_unit_test(test_pudendal_route),
        cmocka_unit_test(test_nerves_stay_out_of_bone),
        cmocka_unit_test(test_skin_encloses_muscles_and_bones),
        cmocka_unit_test(test_skin_dermatome_labels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
