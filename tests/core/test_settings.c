#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/settings.h"

static void test_round_trip(void **state) {
    (void)state;
    Settings s, back;
    settings_default(&s);
    s.map = DERM_MAP_KEEGAN_GARRETT;
    s.reduced_motion = true;
    s.high_contrast = true;
    s.text_scale = 1.5f;
    s.idle_minutes = 10;
    s.retention_days = 90;
    s.paper = PAPER_LETTER;
    char *json = settings_to_json(&s);
    assert_non_null(json);
    char err[256];
    assert_true(settings_parse(json, strlen(json), "settings.json", &back, err, sizeof err));
    free(json);
    assert_int_equal(back.map, DERM_MAP_KEEGAN_GARRETT);
    assert_true(back.reduced_motion && back.high_contrast);
    assert_true(back.text_scale == 1.5f);
    assert_int_equal(back.idle_minutes, 10);
    assert_int_equal(back.retention_days, 90);
    assert_int_equal(back.paper, PAPER_LETTER);
    assert_string_equal(back.locale, "system");
}

static void test_bad_values_name_the_field(void **state) {
    (void)state;
    static const struct {
        const char *json, *field;
    } cases[] = {
        {"{\"text_scale\": 9}", "text_scale"},
        {"{\"text_scale\": \"big\"}", "text_scale"},
        {"{\"dermatome_map\": \"foerster\"}", "dermatome_map"},
        {"{\"idle_minutes\": 0}", "idle_minutes"},
        {"{\"retention_days\": -1}", "retention_days"},
        {"{\"retention_days\": 2.5}", "retention_days"},
        {"{\"retention_days\": \"30\"}", "retention_days"},
        {"{\"idle_minutes\": 1.5}", "idle_minutes"},
        {"{\"idle_minutes\": 1e400}", "idle_minutes"},
        {"{\"reduced_motion\": 1}", "reduced_motion"},
        {"{\"paper\": \"a3\"}", "paper"},
        {"{\"locale\": \"../../x\"}", "locale"},
        {"{\"version\": 99}", "version"},
        {"[1,2]", "(top)"},
        {"{\"text_scale\":", "(file)"},
        {"", "(file)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Settings s;
        char err[256] = "";
        bool ok = settings_parse(cases[i].json, strlen(cases[i].json), "settings.json", &s, err,
                                 sizeof err);
        if (ok || !strstr(err, cases[i].field) || !strstr(err, "settings.json")) {
            print_error("case %zu (%s): ok=%d err='%s'\n", i, cases[i].json, ok, err);
            fail();
        }
        /* a bad file leaves every setting at its default */
        assert_true(s.text_scale == 1.0f);
        assert_int_equal(s.map, DERM_MAP_DEFAULT);
    }
}

static void test_unknown_fields_are_ignored(void **state) {
    (void)state;
    const char *json = "{\"version\":1,\"future_option\":[1,2,3],\"high_contrast\":true}";
    Settings s;
    char err[256];
    assert_true(settings_parse(json, strlen(json), "settings.json", &s, err, sizeof err));
    assert_true(s.high_contrast);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_values_name_the_field),
        cmocka_unit_test(test_unknown_fields_are_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
