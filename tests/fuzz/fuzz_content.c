/* Fuzzes content_load: the first byte picks the mode, the rest is the damaged input.
 *   mode % 8 in 0..6: that content file (meta, citations, ui, structures, zones, sources,
 *                     redflags) is replaced; the other six are the shipped ones.
 *   mode % 8 == 7:    the rest is split at NUL bytes into the seven files in order (files
 *                     past the last part are missing).
 * mode & 8 checks against the shipped landmarks and zone shapes; otherwise no cross-check.
 * mode & 16 (with a single replaced file) leaves the other six missing: much faster, so
 * the fuzzer goes deeper into one file's checks. */
#include <stdbool.h>

#include "anatomy/landmarks.h"
#include "content/content.h"
#include "fuzz_common.h"
#include "referral/zone_shapes.h"

static const char *g_files[CONTENT_FILE_COUNT];
static size_t g_lens[CONTENT_FILE_COUNT];
static const char **g_lm_ids, **g_shape_ids;
static int g_lm_count, g_shape_count;

static void init_once(void) {
    static bool done;
    if (done) {
        return;
    }
    done = true;
    for (int i = 0; i < CONTENT_FILE_COUNT; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "content/en/%s", content_file_name((ContentFileId)i));
        g_files[i] = fuzz_asset(rel, &g_lens[i]);
    }
    /* the ids the shipped content is checked against (kept for the whole process) */
    static LandmarkSet lms;
    static RefShapes shapes;
    char err[512];
    size_t len;
    char *lj = fuzz_asset("anatomy/landmarks.json", &len);
    if (!landmarks_parse(lj, len, "landmarks.json", &lms, err, sizeof err)) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    char *sj = fuzz_asset("anatomy/skin_points.json", &len);
    if (!landmarks_parse(sj, len, "skin_points.json", &lms, err, sizeof err)) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    size_t zl, dl;
    char *zj = fuzz_asset("anatomy/zones.json", &zl);
    char *dj = fuzz_asset("anatomy/dermatomes.json", &dl);
    ContentDiag diag = {0};
    ref_shapes_load(zj, zl, "zones.json", dj, dl, "dermatomes.json", &lms, &shapes, &diag);
    content_diag_free(&diag);
    free(lj);
    free(sj);
    free(zj);
    free(dj);
    g_lm_count = lms.count;
    g_lm_ids = malloc((size_t)(g_lm_count + 1) * sizeof *g_lm_ids);
    int ns = shapes.zones.shape_count + (shapes.map_count ? shapes.maps[0].shape_count : 0);
    g_shape_ids = malloc((size_t)(ns + 1) * sizeof *g_shape_ids);
    if (!g_lm_ids || !g_shape_ids) {
        abort();
    }
    for (int i = 0; i < g_lm_count; i++) {
        g_lm_ids[i] = lms.items[i].id;
    }
    for (int i = 0; i < shapes.zones.shape_count; i++) {
        g_shape_ids[g_shape_count++] = shapes.zones.shapes[i].id;
    }
    for (int i = 0; shapes.map_count && i < shapes.maps[0].shape_count; i++) {
        g_shape_ids[g_shape_count++] = shapes.maps[0].shapes[i].id;
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
    ContentInput in;
    memset(&in, 0, sizeof in);
    in.locale = "en";
    char *copies[CONTENT_FILE_COUNT] = {0};
    if (mode % 8 < CONTENT_FILE_COUNT) {
        for (int i = 0; i < CONTENT_FILE_COUNT; i++) {
            in.files[i].name = content_file_name((ContentFileId)i);
            if (!(mode & 16)) {
                in.files[i].data = g_files[i];
                in.files[i].len = g_lens[i];
            }
        }
        copies[mode % 8] = fuzz_copy(data, size);
        in.files[mode % 8].data = copies[mode % 8];
        in.files[mode % 8].len = size;
    } else {
        const uint8_t *parts[CONTENT_FILE_COUNT];
        size_t lens[CONTENT_FILE_COUNT];
        int n = fuzz_split(data, size, CONTENT_FILE_COUNT, parts, lens);
        for (int i = 0; i < CONTENT_FILE_COUNT; i++) {
            in.files[i].name = content_file_name((ContentFileId)i);
            if (i < n) {
                copies[i] = fuzz_copy(parts[i], lens[i]);
                in.files[i].data = copies[i];
                in.files[i].len = lens[i];
            }
        }
    }
    ContentCheck check;
    memset(&check, 0, sizeof check);
    if (mode & 8) {
        check.landmark_ids = g_lm_ids;
        check.landmark_count = g_lm_count;
        check.zone_shape_ids = g_shape_ids;
        check.zone_shape_count = g_shape_count;
    }
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load(&in, &check, &db, &diag);
    if (ok != (diag.count == 0)) {
        fprintf(stderr, "content_load returned %d with %d problems\n", ok, diag.count);
        abort();
    }
    /* what loaded must be usable: every lookup finds itself */
    for (int i = 0; i < db.source_count; i++) {
        if (db.sources[i].id && content_find_source(&db, db.sources[i].id) < 0) {
            abort();
        }
    }
    for (int i = 0; i < db.structure_count; i++) {
        if (db.structures[i].id) {
            (void)content_find_structure(&db, db.structures[i].id);
        }
    }
    (void)content_ui(&db, "app_title", "");
    content_free(&db);
    content_diag_free(&diag);
    for (int i = 0; i < CONTENT_FILE_COUNT; i++) {
        free(copies[i]);
    }
    return 0;
}
