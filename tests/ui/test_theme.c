#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stddef.h>

#include "ui_fixture.h"

static void test_contrast_formula(void **state) {
    (void)state;
    assert_float_equal(ui_contrast_ratio(0x000000FF, 0xFFFFFFFF), 21.0f, 0.01);
    assert_float_equal(ui_contrast_ratio(0xFFFFFFFF, 0x000000FF), 21.0f, 0.01);
    assert_float_equal(ui_contrast_ratio(0x777777FF, 0x777777FF), 1.0f, 1e-5);
    /* #767676 on white is the well-known 4.54:1 */
    assert_float_equal(ui_contrast_ratio(0x767676FF, 0xFFFFFFFF), 4.54f, 0.01);
    float rgba[4];
    ui_color_to_floats(0xFF800040, rgba);
    assert_float_equal(rgba[0], 1.0f, 1e-6);
    assert_float_equal(rgba[1], 128.0f / 255.0f, 1e-6);
    assert_float_equal(rgba[2], 0.0f, 1e-6);
    assert_float_equal(rgba[3], 64.0f / 255.0f, 1e-6);
}

typedef struct {
    const char *name;
    size_t fg, bg; /* offsets of the two colours in UiTheme */
    bool text;     /* text needs 4.5:1 (7:1 high contrast); other marks 3:1 */
} Pair;

#define PAIR(f, b, t)                                                                              \
    { #f " on " #b, offsetof(UiTheme, f), offsetof(UiTheme, b), t }

static const Pair PAIRS[] = {
    PAIR(text, panel_bg, true),
    PAIR(text, widget_bg, true),
    PAIR(text, widget_hover, true),
    PAIR(text, widget_active, true),
    PAIR(text_muted, panel_bg, true),
    PAIR(text_muted, widget_bg, true),
    PAIR(text_on_selected, selected_bg, true),
    PAIR(text_on_danger, danger_bg, true),
    PAIR(focus, panel_bg, false),
    PAIR(focus, widget_bg, false),
    PAIR(border, panel_bg, false),
    PAIR(selected_bg, panel_bg, false),
    PAIR(callout_line, panel_bg, false),
    PAIR(selected_bg, track, false), /* a slider's filled part against its track */
};

static uint32_t color_at(const UiTheme *t, size_t off) {
    return *(const uint32_t *)(const void *)((const char *)t + off);
}

static void check_theme(const UiTheme *t, const char *name, float text_min, float mark_min) {
    for (size_t i = 0; i < sizeof PAIRS / sizeof PAIRS[0]; i++) {
        float r = ui_contrast_ratio(color_at(t, PAIRS[i].fg), color_at(t, PAIRS[i].bg));
        float want = PAIRS[i].text ? text_min : mark_min;
        if (r < want) {
            fail_msg("%s theme: %s is %.2f:1, needs %.1f:1", name, PAIRS[i].name, (double)r,
                     (double)want);
        }
    }
}

static void test_default_theme_contrast(void **state) {
    (void)state;
    UiTheme t;
    ui_theme_default(&t);
    check_theme(&t, "default", 4.5f, 3.0f);
    assert_true(t.min_target_px >= 48.0f);
}

static void test_high_contrast_theme(void **state) {
    (void)state;
    UiTheme t;
    ui_theme_high_contrast(&t);
    check_theme(&t, "high-contrast", 7.0f, 3.0f);
    assert_true(ui_contrast_ratio(t.track, t.panel_bg) >= 3.0f);
    UiTheme d;
    ui_theme_default(&d);
    assert_true(t.border_px > d.border_px);
    assert_true(t.focus_px > d.focus_px);
    /* switching the context's theme changes what it emits */
    UiContext *ui = fixture_ui();
    in_reset();
    ui_set_theme(ui, &t);
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    ui_button(ui, "OK");
    ui_end(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    bool outline = false;
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_TEXT) {
            assert_float_equal(cmds[i].rgba[0], 0.0f, 1e-6); /* black text */
        }
        if (cmds[i].kind == UI_CMD_OUTLINE) {
            assert_float_equal(cmds[i].thickness, 2.0f, 1e-6);
            outline = true;
        }
    }
    assert_true(outline);
    assert_int_equal(ui_get_theme(ui)->text, 0x000000FF);
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast_formula),
        cmocka_unit_test(test_default_theme_contrast),
        cmocka_unit_test(test_high_contrast_theme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
