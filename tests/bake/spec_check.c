/* The shape spec parser: points through landmarks, mirrored ids, and errors as
 * file:json.path: message. Built from tools/bake/spec.c and sdf.c by tests.cmake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

static const char *const k_lms = "{\"schema\":1,\"units\":\"mm\",\"landmarks\":["
                                 "{\"id\":\"hip\",\"paired\":true,\"pos_mm\":[-80,0,0]},"
                                 "{\"id\":\"mid\",\"pos_mm\":[0,10,0]}]}";

static void load_lms(LandmarkSet *set) {
    char err[256];
    memset(set, 0, sizeof *set);
    assert_true(landmarks_parse(k_lms, strlen(k_lms), "lm.json", set, err, sizeof err));
}

static void test_points_resolve_to_the_right_side(void **state) {
    (void)state;
    LandmarkSet lms;
    load_lms(&lms);
    const char *json =
        "{\"schema\":1,\"include\":[\"more.json\"],\"structures\":[{\"id\":\"ball\",\"paired\":"
        "true,"
        "\"kind\":\"bone\",\"layer\":\"bones\",\"name\":\"Ball\",\"parts\":["
        "{\"sphere\":{\"c\":{\"lm\":\"hip\",\"off\":[0,5,0]},\"r\":10}},"
        "{\"op\":\"sub\",\"k\":2,\"sphere\":{\"c\":{\"lerp\":[\"hip\",\"mid\",0.5]},\"r\":3}}]}]}";
    SpecSet set = {0};
    char **inc = NULL;
    int inc_n = 0;
    char err[256] = "";
    bool ok = spec_parse(json, strlen(json), "s.json", &lms, &set, &inc, &inc_n, err, sizeof err);
    if (!ok) {
        print_error("%s\n", err);
    }
    assert_true(ok);
    assert_int_equal(set.count, 1);
    assert_int_equal(inc_n, 1);
    assert_string_equal(inc[0], "more.json");
    free(inc[0]);
    free(inc);
    const StructSpec *s = &set.items[0];
    assert_true(s->paired);
    float centre[3] = {-80, 5, 0}, hole[3] = {-40, 5, 0};
    assert_float_equal(shape_eval(&s->shape, centre), -10.0f, 1e-4f);
    assert_true(shape_eval(&s->shape, hole) > 0.0f);
    assert_float_equal(s->shape.prims[0].a[0], -80.0f, 0); /* hip -> hip_r */
    spec_free(&set);
    landmarks_free(&lms);
}

static void test_errors_name_file_and_path(void **state) {
    (void)state;
    LandmarkSet lms;
    load_lms(&lms);
    static const struct {
        const char *json, *want;
    } cases[] = {
        {"{", "s.json:$: not valid JSON"},
        {"{\"schema\":2}", "s.json:$.schema"},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"rock\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"sphere\":{\"c\":[0,0,0],\"r\":1}}]}]}",
         "s.json:$.structures[0]: unknown kind"},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"sphere\":{\"c\":\"nowhere\",\"r\":1}}]}]}",
         "s.json:$.structures[0].parts[0].sphere.c: unknown landmark \"nowhere\""},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"tube\":{\"pts\":[[0,0,0],[1,1,1]],\"r\":[1]}}]}]}",
         "s.json:$.structures[0].parts[0].tube.r"},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"sphere\":{\"c\":[0,0,0],\"r\":1},\"capsule\":{}}]}]}",
         "more than one primitive"},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"op\":\"xor\",\"sphere\":{\"c\":[0,0,0],\"r\":1}}]}]}",
         "\"op\" must be"},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"sphere\":{\"c\":[0,0,1e9],\"r\":1}}]}]}",
         "within +-3000"},
        {"{\"schema\":1,\"structures\":[{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\","
         "\"name\":\"A\",\"parts\":[{\"sphere\":{\"c\":[0,0,0],\"r\":1}}]},"
         "{\"id\":\"a\",\"kind\":\"bone\",\"layer\":\"bones\",\"name\":\"A\",\"parts\":[{"
         "\"sphere\":"
         "{\"c\":[0,0,0],\"r\":1}}]}]}",
         "s.json:$.structures[1]: duplicate structure \"a\""},
        {"{\"schema\":1,\"include\":[\"../x.json\"]}", "$.include"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SpecSet set = {0};
        char **inc = NULL;
        int inc_n = 0;
        char err[512] = "";
        bool ok = spec_parse(cases[i].json, strlen(cases[i].json), "s.json", &lms, &set, &inc,
                             &inc_n, err, sizeof err);
        for (int k = 0; k < inc_n; k++) {
            free(inc[k]);
        }
        free(inc);
        if (ok || !strstr(err, cases[i].want)) {
            print_error("case %zu: want \"%s\", got ok=%d err=\"%s\"\n", i, cases[i].want, ok, err);
            fail();
        }
        spec_free(&set);
    }
    landmarks_free(&lms);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_resolve_to_the_right_side),
        cmocka_unit_test(test_errors_name_file_and_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
