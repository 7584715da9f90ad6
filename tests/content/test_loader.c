/* Content loader: the shipped content loads clean; every file of the broken corpus
 * (tests/content/broken, expected lines in expected.tsv) yields its exact message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/canon.h"
#include "content/content.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "referral/ref_assets.h"

static const char *env_or_fail(const char *name) {
    const char *v = getenv(name);
    if (!v || !v[0]) {
        fail_msg("environment variable %s is not set (run through ctest)", name);
    }
    return v;
}

static RefAssets g_assets;
static const char **g_landmark_ids;
static const char **g_shape_ids;
static int g_shape_count;

static int setup(void **state) {
    (void)state;
    ContentDiag diag = {0};
    ref_assets_load(env_or_fail("PAINMAP_ASSETS_DIR"), "en", NULL, 0, &g_assets, &diag);
    content_diag_free(&diag);
    g_landmark_ids = malloc((size_t)g_assets.landmarks.count * sizeof *g_landmark_ids);
    for (int i = 0; i < g_assets.landmarks.count; i++) {
        g_landmark_ids[i] = g_assets.landmarks.items[i].id;
    }
    const RefShapes *sh = &g_assets.shapes;
    int n = sh->zones.shape_count + (sh->map_count ? sh->maps[0].shape_count : 0);
    g_shape_ids = malloc((size_t)(n ? n : 1) * sizeof *g_shape_ids);
    for (int i = 0; i < sh->zones.shape_count; i++) {
        g_shape_ids[g_shape_count++] = sh->zones.shapes[i].id;
    }
    for (int i = 0; sh->map_count && i < sh->maps[0].shape_count; i++) {
        g_shape_ids[g_shape_count++] = sh->maps[0].shapes[i].id;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    free(g_landmark_ids);
    free(g_shape_ids);
    ref_assets_free(&g_assets);
    return 0;
}

static ContentCheck shipped_check(void) {
    ContentCheck c = {0};
    c.landmark_ids = g_landmark_ids;
    c.landmark_count = g_assets.landmarks.count;
    c.zone_shape_ids = g_shape_ids;
    c.zone_shape_count = g_shape_count;
    return c;
}

static void read_shipped(ContentInput *in) {
    char dir[1024], err[256];
    path_join(dir, sizeof dir, env_or_fail("PAINMAP_ASSETS_DIR"), "content/en");
    assert_true(content_read_dir(dir, in, err, sizeof err));
    in->locale = "en";
}

static void dump(const ContentDiag *d) {
    for (int i = 0; i < d->count && i < 40; i++) {
        print_message("  got: %s\n", d->lines[i]);
    }
}

static void test_shipped_content_is_valid(void **state) {
    (void)state;
    ContentInput in;
    read_shipped(&in);
    ContentCheck check = shipped_check();
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load(&in, &check, &db, &diag);
    dump(&diag);
    assert_true(ok);
    assert_int_equal(diag.count, 0);
    /* paired entries expand with the side words of ui.json */
    int l = content_find_source(&db, "piriformis_l"), r = content_find_source(&db, "piriformis_r");
    assert_true(l >= 0 && r >= 0);
    assert_int_equal(db.sources[l].side, CONTENT_SIDE_LEFT);
    assert_non_null(strstr(db.sources[r].name, content_ui(&db, "side_right", "right")));
    /* every source resolves its zones on its own side or the midline */
    for (int s = 0; s < db.source_count; s++) {
        const ContentSource *src = &db.sources[s];
        assert_true(src->primary.count >= 1);
        assert_true(src->citations.count >= 1);
        for (int k = 0; k < src->primary.count; k++) {
            ContentSide zs = db.zones[src->primary.items[k]].side;
            assert_true(zs == CONTENT_SIDE_MIDLINE || zs == src->side);
        }
        for (int k = 0; k < src->spillover.count; k++) {
            ContentSide zs = db.zones[src->spillover.items[k]].side;
            assert_true(zs == CONTENT_SIDE_MIDLINE || zs == src->side);
        }
    }
    content_free(&db);
    content_diag_free(&diag);
    content_input_free(&in);
}

static bool has_line(const ContentDiag *d, const char *want) {
    for (int i = 0; i < d->count; i++) {
        if (strcmp(d->lines[i], want) == 0) {
            return true;
        }
    }
    return false;
}

/* Loads the shipped assets with one file replaced by a broken one. */
static void load_with(const char *role, const char *data, size_t len, ContentDiag *diag) {
    static const char *const roles[CONTENT_FILE_COUNT] = {
        "meta", "citations", "ui", "structures", "zones", "sources", "redflags"};
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        if (strcmp(role, roles[f]) != 0) {
            continue;
        }
        ContentInput in;
        read_shipped(&in);
        free((void *)in.files[f].data);
        in.files[f].data = data;
        in.files[f].len = len;
        ContentCheck check = shipped_check();
        ContentDb db;
        content_load(&in, &check, &db, diag);
        in.files[f].data = NULL;
        content_free(&db);
        content_input_free(&in);
        return;
    }
    bool zones = strcmp(role, "anatomy_zones") == 0;
    bool derms = strcmp(role, "anatomy_dermatomes") == 0;
    if (!zones && !derms) {
        fail_msg("unknown role '%s' in expected.tsv", role);
    }
    char path[1024], err[256];
    char *other = NULL;
    size_t other_len = 0;
    path_join(path, sizeof path, env_or_fail("PAINMAP_ASSETS_DIR"),
              zones ? "anatomy/dermatomes.json" : "anatomy/zones.json");
    assert_true(file_read_all(path, &other, &other_len, err, sizeof err));
    RefShapes shapes;
    if (zones) {
        ref_shapes_load(data, len, "anatomy/zones.json", other, other_len,
                        "anatomy/dermatomes.json", &g_assets.landmarks, &shapes, diag);
    } else {
        ref_shapes_load(other, other_len, "anatomy/zones.json", data, len,
                        "anatomy/dermatomes.json", &g_assets.landmarks, &shapes, diag);
    }
    ref_shapes_free(&shapes);
    free(other);
}

static void test_broken_corpus(void **state) {
    (void)state;
    char dir[1024], tsv[1100], err[256];
    path_join(dir, sizeof dir, env_or_fail("PAINMAP_SOURCE_DIR"), "tests/content/broken");
    path_join(tsv, sizeof tsv, dir, "expected.tsv");
    char *table = NULL;
    size_t len = 0;
    assert_true(file_read_all(tsv, &table, &len, err, sizeof err));
    int cases = 0, failures = 0;
    for (char *line = strtok(table, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !line[0]) {
            continue;
        }
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        const char *name = line, *want = tab + 1;
        char role[64];
        str_copy(role, sizeof role, name);
        char *sep = strstr(role, "__");
        assert_non_null(sep);
        *sep = '\0';
        char path[1200];
        path_join(path, sizeof path, dir, name);
        char *data = NULL;
        size_t dlen = 0;
        assert_true(file_read_all(path, &data, &dlen, err, sizeof err));
        ContentDiag diag = {0};
        load_with(role, data, dlen, &diag);
        if (!has_line(&diag, want)) {
            print_error("%s: expected\n  want: %s\n", name, want);
            dump(&diag);
            failures++;
        }
        content_diag_free(&diag);
        free(data);
        cases++;
    }
    free(table);
    assert_true(cases >= 20);
    assert_int_equal(failures, 0);
}

static void test_missing_file_is_reported(void **state) {
    (void)state;
    ContentInput in;
    read_shipped(&in);
    free((void *)in.files[CONTENT_FILE_UI].data);
    in.files[CONTENT_FILE_UI].data = NULL;
    ContentDb db;
    ContentDiag diag = {0};
    assert_false(content_load(&in, NULL, &db, &diag));
    assert_true(has_line(&diag, "ui.json: missing (file not found or unreadable)"));
    content_free(&db);
    content_diag_free(&diag);
    content_input_free(&in);
}

static void test_body_nodes_cross_check(void **state) {
    (void)state;
    ContentInput in;
    read_shipped(&in);
    int n = 0;
    const CanonStructure *canon = canon_structures(&n);
    /* every meshed canonical structure except femur_l, plus one node nobody knows */
    const char *nodes[128];
    char names[128][64];
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (!canon_kind_has_mesh(canon[i].kind)) {
            continue;
        }
        for (int s = 0; s < (canon[i].paired ? 2 : 1); s++) {
            snprintf(names[count], sizeof names[count], "%s%s", canon[i].id,
                     canon[i].paired ? (s ? "_r" : "_l") : "");
            if (strcmp(names[count], "femur_l") != 0) {
                nodes[count] = names[count];
                count++;
            }
        }
    }
    nodes[count++] = "mystery_node";
    ContentCheck check = shipped_check();
    check.node_names = nodes;
    check.node_count = count;
    ContentDb db;
    ContentDiag diag = {0};
    content_load(&in, &check, &db, &diag);
    dump(&diag);
    assert_true(has_line(&diag, "structures.json:structures: body.glb has a node 'mystery_node' "
                                "with no entry here"));
    bool femur = false;
    for (int i = 0; i < diag.count; i++) {
        femur = femur || strstr(diag.lines[i], "'femur_l' (a bone) has no node in body.glb");
    }
    assert_true(femur);
    assert_int_equal(diag.count, 2);
    content_free(&db);
    content_diag_free(&diag);
    content_input_free(&in);
}

/* Damaged content never crashes the loader and never loads silently. */
static void test_damaged_files_never_crash(void **state) {
    (void)state;
    uint32_t x = 2463534242u;
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        for (int variant = 0; variant < 24; variant++) {
            ContentInput in;
            read_shipped(&in);
            size_t len = in.files[f].len;
            char *data = malloc(len + 1);
            assert_non_null(data);
            memcpy(data, in.files[f].data, len + 1);
            size_t use = len;
            if (variant < 8) {
                use = len * (size_t)variant / 8; /* truncated */
            } else {
                for (int k = 0; k < 4; k++) { /* a few bytes changed */
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    data[x % len] = (char)("{}[]\",:0x\\"[x % 10]);
                }
            }
            free((void *)in.files[f].data);
            in.files[f].data = data;
            in.files[f].len = use;
            ContentCheck check = shipped_check();
            ContentDb db;
            ContentDiag diag = {0};
            bool ok = content_load(&in, &check, &db, &diag);
            if (variant < 8) {
                assert_false(ok);
            }
            assert_int_equal(ok, diag.count == 0);
            content_free(&db);
            content_diag_free(&diag);
            content_input_free(&in);
        }
    }
}

static void test_damaged_shape_files_never_crash(void **state) {
    (void)state;
    static const char *const files[2] = {"anatomy/zones.json", "anatomy/dermatomes.json"};
    static const char *const roles[2] = {"anatomy_zones", "anatomy_dermatomes"};
    for (int f = 0; f < 2; f++) {
        char path[1024], err[256];
        path_join(path, sizeof path, env_or_fail("PAINMAP_ASSETS_DIR"), files[f]);
        char *data = NULL;
        size_t len = 0;
        assert_true(file_read_all(path, &data, &len, err, sizeof err));
        for (int cut = 0; cut < 16; cut++) {
            ContentDiag diag = {0};
            load_with(roles[f], data, len * (size_t)cut / 16, &diag);
            assert_true(diag.count > 0);
            content_diag_free(&diag);
        }
        free(data);
    }
}

static void test_zone_shapes_cross_check(void **state) {
    (void)state;
    ContentInput in;
    read_shipped(&in);
    /* every shape but zone_knee_l, plus one shape with no words */
    const char **ids = malloc((size_t)(g_shape_count + 1) * sizeof *ids);
    assert_non_null(ids);
    int n = 0;
    for (int i = 0; i < g_shape_count; i++) {
        if (strcmp(g_shape_ids[i], "zone_knee_l") != 0) {
            ids[n++] = g_shape_ids[i];
        }
    }
    ids[n++] = "zone_elbow_r";
    ContentCheck check = shipped_check();
    check.zone_shape_ids = ids;
    check.zone_shape_count = n;
    ContentDb db;
    ContentDiag diag = {0};
    content_load(&in, &check, &db, &diag);
    dump(&diag);
    assert_int_equal(diag.count, 2);
    assert_true(has_line(&diag, "zones.json:zones: no entry for the zone shape 'zone_elbow_r'"));
    assert_non_null(strstr(diag.lines[0], "zone 'zone_knee_l' has no shape"));
    free(ids);
    content_free(&db);
    content_diag_free(&diag);
    content_input_free(&in);
}

static void test_suggestions(void **state) {
    (void)state;
    const char *ids[] = {"zone_buttock_r", "zone_buttock_l", "zone_knee_r", "piriformis_r"};
    assert_string_equal(content_suggest("zone_butock_r", ids, 4), "zone_buttock_r");
    assert_null(content_suggest("completely_else", ids, 4));
    const char *out[3];
    int k = content_suggest_many("zone_knee", ids, 4, out, 3);
    assert_int_equal(k, 3);
    assert_string_equal(out[0], "zone_knee_r");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_content_is_valid),
        cmocka_unit_test(test_broken_corpus),
        cmocka_unit_test(test_missing_file_is_reported),
        cmocka_unit_test(test_body_nodes_cross_check),
        cmocka_unit_test(test_damaged_files_never_crash),
        cmocka_unit_test(test_damaged_shape_files_never_crash),
        cmocka_unit_test(test_zone_shapes_cross_check),
        cmocka_unit_test(test_suggestions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
