#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/landmarks.h"
#include "core/fileio.h"
#include "core/strutil.h"

static bool parse_str(const char *json, LandmarkSet *set, char *err, size_t cap) {
    return landmarks_parse(json, strlen(json), "t.json", set, err, cap);
}

static void test_paired_expands_and_mirrors(void **state) {
    (void)state;
    LandmarkSet set = {0};
    char err[256] = "";
    const char *json =
        "{\"schema\":1,\"units\":\"mm\",\"landmarks\":["
        "{\"id\":\"asis\",\"paired\":true,\"pos_mm\":[-115,72,50],\"estimate\":true},"
        "{\"id\":\"sacral_promontory\",\"paired\":false,\"pos_mm\":[0,90,-7]}]}";
    assert_true(parse_str(json, &set, err, sizeof err));
    assert_int_equal(set.count, 3);
    const Landmark *r = landmarks_find(&set, "asis_r");
    const Landmark *l = landmarks_find(&set, "asis_l");
    assert_non_null(r);
    assert_non_null(l);
    assert_float_equal(r->pos_mm[0], -115.0f, 1e-6f);
    assert_float_equal(l->pos_mm[0], 115.0f, 1e-6f);
    assert_float_equal(l->pos_mm[1], 72.0f, 1e-6f);
    assert_float_equal(l->pos_mm[2], 50.0f, 1e-6f);
    assert_true(l->estimate);
    const Landmark *p = landmarks_find(&set, "sacral_promontory");
    assert_non_null(p);
    assert_false(p->estimate);
    assert_null(landmarks_find(&set, "asis"));
    assert_null(landmarks_find(&set, "nope"));
    landmarks_free(&set);
    assert_int_equal(set.count, 0);
    assert_null(set.items);
}

static void test_appends_and_rejects_duplicates_across_files(void **state) {
    (void)state;
    LandmarkSet set = {0};
    char err[256] = "";
    assert_true(parse_str("{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\","
                          "\"pos_mm\":[1,2,3]}]}",
                          &set, err, sizeof err));
    assert_true(parse_str("{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"b\","
                          "\"pos_mm\":[4,5,6]}]}",
                          &set, err, sizeof err));
    assert_int_equal(set.count, 2);
    assert_false(parse_str("{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"c\","
                           "\"pos_mm\":[0,0,0]},{\"id\":\"a\",\"pos_mm\":[0,0,0]}]}",
                           &set, err, sizeof err));
    assert_non_null(strstr(err, "t.json:$.landmarks[1].id"));
    assert_non_null(strstr(err, "duplicate landmark \"a\" (an earlier file has it)"));
    assert_int_equal(set.count, 2); /* unchanged on failure */
    assert_null(landmarks_find(&set, "c"));
    landmarks_free(&set);
}

static void test_malformed_inputs(void **state) {
    (void)state;
    static const struct {
        const char *json;
        const char *want;
    } cases[] = {
        {"", "t.json:1:1: not valid JSON"},
        {"{\"schema\":1,\n  \"units\": mm}", "t.json:2:12: not valid JSON"},
        {"[1,2]", "t.json:$: expected an object, got an array of 2"},
        {"{\"schema\":2,\"units\":\"mm\",\"landmarks\":[]}", "t.json:$.schema: expected 1, got 2"},
        {"{\"schema\":1,\"units\":\"cm\",\"landmarks\":[]}",
         "t.json:$.units: expected \"mm\", got \"cm\""},
        {"{\"schema\":1,\"units\":\"mm\"}",
         "t.json:$.landmarks: expected an array, got nothing (the key is missing)"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[3]}", "t.json:$.landmarks[0]: expected"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"pos_mm\":[1,2,3]}]}",
         "t.json:$.landmarks[0].id"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"Bad Id\",\"pos_mm\":[1,2,3]}]}",
         "t.json:$.landmarks[0].id: expected a snake_case string (a-z, 0-9, _), got \"Bad Id\""},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"pos_mm\":[1,2]}]}",
         "t.json:$.landmarks[0].pos_mm: expected [x, y, z]"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"pos_mm\":[1,2,3001]}]}",
         "t.json:$.landmarks[0].pos_mm[2]: expected a number within +-3000 mm, got 3001"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"pos_mm\":[1,\"x\",3]}]}",
         "t.json:$.landmarks[0].pos_mm[1]"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"pos_mm\":[1e999,0,0]}]}",
         "t.json:$.landmarks[0].pos_mm[0]"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"paired\":1,"
         "\"pos_mm\":[-1,0,0]}]}",
         "t.json:$.landmarks[0].paired"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"paired\":true,"
         "\"pos_mm\":[5,0,0]}]}",
         "t.json:$.landmarks[0].pos_mm[0]"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"pos_mm\":[0,0,0]},"
         "{\"id\":\"a\",\"pos_mm\":[0,0,0]}]}",
         "t.json:$.landmarks[1].id: duplicate landmark \"a\" (first at $.landmarks[0])"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":\"a\",\"paired\":true,"
         "\"pos_mm\":[0,0,0]},{\"id\":\"a_l\",\"pos_mm\":[0,0,0]}]}",
         "t.json:$.landmarks[1].id: duplicate"},
        {"{\"schema\":1,\"units\":\"mm\",\"landmarks\":[{\"id\":"
         "\"abcdefghijabcdefghijabcdefghijabcdefghijabcdefgh\",\"pos_mm\":[0,0,0]}]}",
         "t.json:$.landmarks[0].id: longer"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LandmarkSet set = {0};
        char err[256] = "";
        bool ok = parse_str(cases[i].json, &set, err, sizeof err);
        if (ok || !strstr(err, cases[i].want)) {
            print_error("case %zu: want error containing \"%s\", got ok=%d err=\"%s\"\n", i,
                        cases[i].want, ok, err);
            fail();
        }
        assert_int_equal(set.count, 0);
        landmarks_free(&set);
    }
    LandmarkSet set = {0};
    char err[64];
    assert_false(landmarks_parse(NULL, 0, NULL, &set, err, sizeof err));
    assert_false(landmarks_parse("{}", 2, "x", NULL, err, sizeof err));
    assert_false(landmarks_parse("{}", 2, "x", &set, NULL, 0));
}

/* The shipped file parses and holds every landmark the baker and the zone shapes rely on. */
static void test_shipped_file(void **state) {
    (void)state;
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    if (!assets) {
        skip();
    }
    char path[1024];
    assert_true(path_join(path, sizeof path, assets, "anatomy/landmarks.json"));
    char *data = NULL;
    size_t len = 0;
    char err[512] = "";
    if (!file_read_all(path, &data, &len, err, sizeof err)) {
        print_error("%s\n", err);
        fail();
    }
    LandmarkSet set = {0};
    bool ok = landmarks_parse(data, len, "landmarks.json", &set, err, sizeof err);
    free(data);
    if (!ok) {
        print_error("%s\n", err);
        fail();
    }
    static const char *const required[] = {
        "hip_joint_centre_r",
        "asis_l",
        "aiis_r",
        "psis_r",
        "iliac_crest_top_l",
        "pubic_symphysis_upper",
        "pubic_symphysis_lower",
        "pubic_tubercle_r",
        "obturator_foramen_centre_r",
        "ischial_spine_r",
        "greater_sciatic_notch_apex_r",
        "lesser_sciatic_foramen_r",
        "ischial_tuberosity_r",
        "ischial_tuberosity_low_l",
        "sacral_promontory",
        "s1_endplate",
        "anterior_sacral_foramen_s1_r",
        "anterior_sacral_foramen_s4_l",
        "posterior_sacral_foramen_s2_r",
        "coccyx_tip",
        "piriformis_origin_r",
        "greater_trochanter_tip_r",
        "greater_trochanter_lateral_l",
        "lesser_trochanter_r",
        "gluteal_tuberosity_r",
        "knee_centre_r",
        "lateral_epicondyle_r",
        "medial_epicondyle_l",
        "ankle_centre_r",
        "medial_malleolus_r",
        "lateral_malleolus_l",
        "heel_r",
        "third_mtp_r",
        "popliteal_fossa_r",
        "l1_body",
        "l5_body",
        "t12_body",
        "floor",
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const Landmark *lm = landmarks_find(&set, required[i]);
        if (!lm) {
            print_error("missing landmark %s\n", required[i]);
            fail();
        }
        size_t n = strlen(lm->id);
        if (n > 2 && strcmp(lm->id + n - 2, "_r") == 0) {
            assert_true(lm->pos_mm[0] < 0.0f);
        } else if (n > 2 && strcmp(lm->id + n - 2, "_l") == 0) {
            assert_true(lm->pos_mm[0] > 0.0f);
        }
    }
    /* the frame: hip joint centres 160 mm apart, symmetric about the origin */
    const Landmark *hr = landmarks_find(&set, "hip_joint_centre_r");
    const Landmark *hl = landmarks_find(&set, "hip_joint_centre_l");
    assert_float_equal(hl->pos_mm[0] - hr->pos_mm[0], 160.0f, 0.5f);
    assert_float_equal(hl->pos_mm[0] + hr->pos_mm[0], 0.0f, 1e-4f);
    landmarks_free(&set);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paired_expands_and_mirrors),
        cmocka_unit_test(test_appends_and_rejects_duplicates_across_files),
        cmocka_unit_test(test_malformed_inputs),
        cmocka_unit_test(test_shipped_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
