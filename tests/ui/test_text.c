#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui_fixture.h"

static void test_utf8_stepping(void **state) {
    (void)state;
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z"; /* a é € 😀 z */
    int len = (int)strlen(s);
    static const int starts[] = {0, 1, 3, 6, 10, 11};
    int i = 0;
    for (int k = 0; k < 5; k++) {
        assert_int_equal(i, starts[k]);
        i = ui_utf8_next(s, len, i);
    }
    assert_int_equal(i, len);
    for (int k = 5; k > 0; k--) {
        assert_int_equal(ui_utf8_prev(s, starts[k]), starts[k - 1]);
    }
    assert_int_equal(ui_utf8_count(s, len), 5);
    /* a truncated sequence never swallows the next character */
    const char *bad = "\xc3x";
    assert_int_equal(ui_utf8_next(bad, 2, 0), 1);
    assert_int_equal(ui_utf8_count(bad, 2), 2);
}

static void join_lines(const char *text, const UiLine *lines, int n, char *out, size_t cap) {
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        char part[256];
        snprintf(part, sizeof part, "%s%.*s", i ? "|" : "", lines[i].len, text + lines[i].start);
        strncat(out, part, cap - strlen(out) - 1);
    }
}

/* Size 10 -> 5 px per code point, so width 50 holds 10 characters. */
static void test_wrap_table(void **state) {
    (void)state;
    static const struct {
        const char *text;
        float width;
        const char *want; /* lines joined by | */
    } cases[] = {
        {"", 50, ""},
        {"short", 50, "short"},
        {"the quick brown fox", 50, "the quick|brown fox"},
        {"exactly ten", 50, "exactly|ten"},
        {"abcdefghij", 50, "abcdefghij"},
        {"abcdefghijklmnop", 50, "abcdefghij|klmnop"},
        {"hi abcdefghijklmnop", 50, "hi|abcdefghij|klmnop"},
        {"one\ntwo three four", 50, "one|two three|four"},
        {"para\n\nnext", 50, "para||next"},
        {"word    spaced", 50, "word|spaced"},
        {"trailing   ", 50, "trailing"},
        /* é and ñ are two bytes but one character each */
        {"pequeño músculo glúteo", 50, "pequeño|músculo|glúteo"},
        {"ñññññññññññññ", 25, "ñññññ|ñññññ|ñññ"},
        {"no wrap at all here", 0, "no wrap at all here"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        UiLine lines[16];
        const char *t = cases[k].text;
        int n = ui_wrap_text(fake_measure, NULL, 0, 10.0f, t, (int)strlen(t), cases[k].width, lines,
                             16);
        char got[512];
        join_lines(t, lines, n, got, sizeof got);
        if (strcmp(got, cases[k].want) != 0) {
            fail_msg("wrap \"%s\" in %.0f px: expected \"%s\", got \"%s\"", t, cases[k].width,
                     cases[k].want, got);
        }
        for (int i = 0; i < n; i++) {
            if (cases[k].width > 0) {
                assert_true(lines[i].width_px <= cases[k].width);
            }
            assert_float_equal(lines[i].width_px,
                               fake_measure(NULL, 0, 10.0f, t + lines[i].start, lines[i].len),
                               1e-4);
        }
    }
}

static void test_wrap_never_splits_a_character(void **state) {
    (void)state;
    /* one long word of two-byte characters, broken at every width */
    const char *t = "ñéñéñéñéñéñéñéñéñéñé";
    int len = (int)strlen(t);
    for (int width = 5; width <= 120; width += 5) {
        UiLine lines[64];
        int n = ui_wrap_text(fake_measure, NULL, 0, 10.0f, t, len, (float)width, lines, 64);
        int total = 0;
        for (int i = 0; i < n; i++) {
            assert_true(ui_utf8_is_start(t[lines[i].start]));
            int end = lines[i].start + lines[i].len;
            assert_true(end == len || ui_utf8_is_start(t[end]));
            assert_true(lines[i].len > 0);
            assert_true(lines[i].width_px <= (float)width);
            total += lines[i].len;
        }
        assert_int_equal(total, len); /* nothing lost, nothing repeated */
        assert_int_equal(n, (20 + width / 5 - 1) / (width / 5));
    }
}

static void test_wrap_reports_lines_beyond_capacity(void **state) {
    (void)state;
    const char *t = "a b c d e f g h";
    UiLine lines[3];
    int n = ui_wrap_text(fake_measure, NULL, 0, 10.0f, t, (int)strlen(t), 5.0f, lines, 3);
    assert_int_equal(n, 8);
    assert_int_equal(lines[2].start, 4);
    /* narrower than one character: one character per line, never an empty line */
    n = ui_wrap_text(fake_measure, NULL, 0, 10.0f, "abc", 3, 1.0f, lines, 3);
    assert_int_equal(n, 3);
    assert_int_equal(lines[1].len, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_stepping),
        cmocka_unit_test(test_wrap_table),
        cmocka_unit_test(test_wrap_never_splits_a_character),
        cmocka_unit_test(test_wrap_reports_lines_beyond_capacity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
