#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui_fixture.h"

typedef struct {
    bool a_clicked, b_changed, b_on;
    int field_result;
    char field[32];
    float slider;
    bool slider_changed;
    int mode;
    bool mode_changed;
} Screen;

static const char *const MODES[] = {"Explore", "Where it hurts", "Draw"};

static void frame(UiContext *ui, Screen *s) {
    ui_begin(ui, &fixture_input, 1000, 700, 1.0f, 0.1f);
    s->a_clicked = ui_button(ui, "Alpha");
    s->b_changed = ui_toggle(ui, "Bones", &s->b_on);
    s->field_result = ui_text_field(ui, "search", s->field, (int)sizeof s->field, "Search");
    s->slider_changed = ui_slider(ui, "scrub", &s->slider, 0.1f);
    s->mode_changed = ui_segmented(ui, "mode", MODES, 3, &s->mode);
    ui_end(ui);
    in_reset();
}

static void press(UiContext *ui, Screen *s, InputKey key, bool shift) {
    in_key(key, shift);
    frame(ui, s);
}

static bool has_focus_ring(const UiContext *ui) {
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    float want[4];
    ui_color_to_floats(ui_get_theme(ui)->focus, want);
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_OUTLINE && memcmp(cmds[i].rgba, want, sizeof want) == 0 &&
            cmds[i].thickness >= 2.0f) {
            return true;
        }
    }
    return false;
}

static void test_tab_order_and_wrap(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    frame(ui, &s);
    assert_false(has_focus_ring(ui));
    static const char *const order[] = {"Alpha", "Bones", "search", "scrub"};
    for (int i = 0; i < 4; i++) {
        press(ui, &s, INPUT_KEY_TAB, false);
        if (!ui_has_focus(ui, order[i])) {
            fail_msg("Tab %d: expected focus on %s", i + 1, order[i]);
        }
        assert_true(has_focus_ring(ui));
    }
    /* the three segments, then back to the first widget */
    press(ui, &s, INPUT_KEY_TAB, false);
    press(ui, &s, INPUT_KEY_TAB, false);
    press(ui, &s, INPUT_KEY_TAB, false);
    press(ui, &s, INPUT_KEY_TAB, false);
    assert_true(ui_has_focus(ui, "Alpha"));
    press(ui, &s, INPUT_KEY_TAB, true); /* Shift+Tab wraps backwards */
    assert_false(ui_has_focus(ui, "Alpha"));
    press(ui, &s, INPUT_KEY_TAB, true);
    press(ui, &s, INPUT_KEY_TAB, true);
    press(ui, &s, INPUT_KEY_TAB, true);
    assert_true(ui_has_focus(ui, "scrub"));
    ui_destroy(ui);
}

static void test_enter_and_space_activate(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    frame(ui, &s);
    press(ui, &s, INPUT_KEY_TAB, false);
    press(ui, &s, INPUT_KEY_ENTER, false);
    assert_true(s.a_clicked);
    assert_true(ui_event_consumed(ui, 0));
    press(ui, &s, INPUT_KEY_TAB, false);
    press(ui, &s, INPUT_KEY_SPACE, false);
    assert_true(s.b_changed);
    assert_true(s.b_on);
    /* tab past the field and the slider to the second segment and pick it */
    for (int i = 0; i < 4; i++) {
        press(ui, &s, INPUT_KEY_TAB, false);
    }
    press(ui, &s, INPUT_KEY_ENTER, false);
    assert_true(s.mode_changed);
    assert_int_equal(s.mode, 1);
    ui_destroy(ui);
}

static void test_keys_reach_the_app_when_nothing_is_focused(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    frame(ui, &s);
    in_key(INPUT_KEY_LEFT, false);
    in_key(INPUT_KEY_ENTER, false);
    in_key(INPUT_KEY_CHAR, false);
    frame(ui, &s);
    assert_false(ui_event_consumed(ui, 0));
    assert_false(ui_event_consumed(ui, 1));
    assert_false(ui_event_consumed(ui, 2));
    assert_false(s.a_clicked);
    /* a focused button leaves the arrows to the app; a focused slider takes them */
    press(ui, &s, INPUT_KEY_TAB, false);
    press(ui, &s, INPUT_KEY_LEFT, false);
    assert_false(ui_event_consumed(ui, 0));
    for (int i = 0; i < 3; i++) {
        press(ui, &s, INPUT_KEY_TAB, false);
    }
    assert_true(ui_has_focus(ui, "scrub"));
    s.slider = 0.5f;
    press(ui, &s, INPUT_KEY_LEFT, false);
    assert_true(ui_event_consumed(ui, 0));
    assert_true(s.slider_changed);
    assert_float_equal(s.slider, 0.4f, 1e-5);
    ui_destroy(ui);
}

static void test_pointer_press_elsewhere_drops_focus(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    frame(ui, &s);
    press(ui, &s, INPUT_KEY_TAB, false);
    assert_true(ui_has_focus(ui, "Alpha"));
    in_down(0, 500, 650); /* the 3-D view */
    in_up(0, 500, 650);
    frame(ui, &s);
    assert_false(ui_has_focus(ui, "Alpha"));
    assert_false(has_focus_ring(ui)); /* gone in the very frame of the press */
    assert_true(ui_redraw_needed(ui));
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tab_order_and_wrap),
        cmocka_unit_test(test_enter_and_space_activate),
        cmocka_unit_test(test_keys_reach_the_app_when_nothing_is_focused),
        cmocka_unit_test(test_pointer_press_elsewhere_drops_focus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
