/* Fuzzes ref_shapes_load against the shipped landmarks. The first byte picks the mode:
 * bit 0 clear replaces zones.json, set replaces dermatomes.json (the other stays shipped);
 * bit 1 set splits the rest at the first NUL into zones and dermatomes instead. Whatever
 * loads is then evaluated at a few points, as the renderer and the baker would. */
#include "anatomy/landmarks.h"
#include "fuzz_common.h"
#include "referral/zone_shapes.h"

static LandmarkSet g_lms;
static char *g_zones, *g_derms;
static size_t g_zones_len, g_derms_len;

static void init_once(void) {
    static bool done;
    if (done) {
        return;
    }
    done = true;
    char err[512];
    size_t len;
    char *lj = fuzz_asset("anatomy/landmarks.json", &len);
    if (!landmarks_parse(lj, len, "landmarks.json", &g_lms, err, sizeof err)) {
        abort();
    }
    free(lj);
    lj = fuzz_asset("anatomy/skin_points.json", &len);
    if (!landmarks_parse(lj, len, "skin_points.json", &g_lms, err, sizeof err)) {
        abort();
    }
    free(lj);
    g_zones = fuzz_asset("anatomy/zones.json", &g_zones_len);
    g_derms = fuzz_asset("anatomy/dermatomes.json", &g_derms_len);
}

static void probe(const RefShapeSet *set) {
    static const float pts[][3] = {
        {0, 0, 0}, {-80, -20, -150}, {90, -300, 40}, {0, 120, -100}, {1e30f, -1e30f, 0}};
    float xyz[5 * 3];
    memcpy(xyz, pts, sizeof xyz);
    float w[5];
    for (int s = 0; s < set->shape_count && s < 256; s++) {
        (void)ref_shape_weight(set, s, pts[1]);
        ref_shape_weights(set, s, xyz, 5, 3, w);
        for (int i = 0; i < 5; i++) {
            if (!(w[i] >= 0.0f && w[i] <= 1.0f)) {
                fprintf(stderr, "shape %s: weight %g outside 0..1\n", set->shapes[s].id,
                        (double)w[i]);
                abort();
            }
        }
        if (ref_shape_find(set, set->shapes[s].id) < 0) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    init_once();
    if (size < 1) {
        return 0;
    }
    unsigned mode = data[0];
    data++;
    size--;
    char *a = NULL, *b = NULL;
    const char *zj = g_zones, *dj = g_derms;
    size_t zl = g_zones_len, dl = g_derms_len;
    if (mode & 2) {
        const uint8_t *p[2];
        size_t l[2];
        int n = fuzz_split(data, size, 2, p, l);
        a = fuzz_copy(p[0], l[0]);
        zj = a;
        zl = l[0];
        if (n == 2) {
            b = fuzz_copy(p[1], l[1]);
            dj = b;
            dl = l[1];
        } else {
            dj = NULL;
            dl = 0;
        }
    } else if (mode & 1) {
        b = fuzz_copy(data, size);
        dj = b;
        dl = size;
    } else {
        a = fuzz_copy(data, size);
        zj = a;
        zl = size;
    }
    RefShapes shapes;
    ContentDiag diag = {0};
    bool ok = ref_shapes_load(zj, zl, "anatomy/zones.json", dj, dl, "anatomy/dermatomes.json",
                              &g_lms, &shapes, &diag);
    if (ok != (diag.count == 0)) {
        abort();
    }
    probe(&shapes.zones);
    for (int m = 0; m < shapes.map_count; m++) {
        probe(&shapes.maps[m]);
        static const float p[3] = {-60, -200, 20};
        int label = ref_shapes_derm_label(&shapes, m, p);
        if (label < 0 || label > REF_DERM_SEGMENT_COUNT) {
            abort();
        }
        if (ref_shapes_find_map(&shapes, shapes.map_ids[m]) < 0) {
            abort();
        }
    }
    ref_shapes_free(&shapes);
    content_diag_free(&diag);
    free(a);
    free(b);
    return 0;
}
