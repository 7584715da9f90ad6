#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/strutil.h"

static void test_copy_truncates_and_terminates(void **state) {
    (void)state;
    char buf[4];
    assert_true(str_copy(buf, sizeof buf, "abc"));
    assert_string_equal(buf, "abc");
    assert_false(str_copy(buf, sizeof buf, "abcdef"));
    assert_string_equal(buf, "abc");
}

static void test_path_join(void **state) {
    (void)state;
    static const struct {
        const char *a, *b, *want;
    } cases[] = {
        {"assets", "content/en", "assets/content/en"},
        {"assets/", "/x.json", "assets/x.json"},
        {"/", "x", "/x"},
        {"", "x", "x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        assert_true(path_join(out, sizeof out, cases[i].a, cases[i].b));
        assert_string_equal(out, cases[i].want);
    }
    char small[5];
    assert_false(path_join(small, sizeof small, "abc", "def"));
}

static void test_dirname(void **state) {
    (void)state;
    char out[64];
    assert_true(path_dirname(out, sizeof out, "/usr/bin/painmap"));
    assert_string_equal(out, "/usr/bin");
    assert_true(path_dirname(out, sizeof out, "painmap"));
    assert_string_equal(out, ".");
    assert_true(path_dirname(out, sizeof out, "/painmap"));
    assert_string_equal(out, "/");
}

static void test_edit_distance(void **state) {
    (void)state;
    assert_int_equal(str_edit_distance("zone_buttock_r", "zone_buttock_r"), 0);
    assert_int_equal(str_edit_distance("zone_butock_r", "zone_buttock_r"), 1);
    assert_int_equal(str_edit_distance("", "abc"), 3);
    assert_int_equal(str_edit_distance("kitten", "sitting"), 3);
}

static void test_parse_numbers(void **state) {
    (void)state;
    long v = 0;
    assert_true(str_parse_int("1280", 1, 16384, &v));
    assert_int_equal(v, 1280);
    assert_false(str_parse_int("12x", 1, 16384, &v));
    assert_false(str_parse_int("", 1, 16384, &v));
    assert_false(str_parse_int("0", 1, 16384, &v));
    assert_false(str_parse_int("99999999999999999999", 1, 16384, &v));
    float f = 0;
    assert_true(str_parse_float("-12.5", &f));
    assert_true(f == -12.5f);
    assert_false(str_parse_float("nan", &f));
    assert_false(str_parse_float("1e999", &f));
    assert_false(str_parse_float("3,4", &f));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_truncates_and_terminates),
        cmocka_unit_test(test_path_join),
        cmocka_unit_test(test_dirname),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_parse_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
