#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui_fixture.h"

/* The screen under test: two buttons stacked at the top-left. At scale 1 the root
 * container starts at (12, 12) and is 776 px wide; each button is 48 px tall. */
typedef struct {
    bool ok, cancel;
    UiRect ok_rect, cancel_rect;
} Screen;

static Screen frame(UiContext *ui) {
    Screen s;
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.1f);
    s.ok = ui_button(ui, "OK");
    s.ok_rect = ui_last_rect(ui);
    s.cancel = ui_button(ui, "Cancel");
    s.cancel_rect = ui_last_rect(ui);
    ui_end(ui);
    in_reset();
    return s;
}

static void test_layout_of_the_screen(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    Screen s = frame(ui);
    assert_float_equal(s.ok_rect.x, 12.0f, 1e-4);
    assert_float_equal(s.ok_rect.y, 12.0f, 1e-4);
    assert_float_equal(s.ok_rect.w, 776.0f, 1e-4);
    assert_float_equal(s.ok_rect.h, 48.0f, 1e-4);
    assert_float_equal(s.cancel_rect.y, 68.0f, 1e-4);
    ui_destroy(ui);
}

/* Pointer scripts: each step is (kind, x, y); OK is at y 12..60, Cancel at 68..116. */
typedef struct {
    InputEventKind kind;
    float x, y;
} Step;

static void test_click_cases(void **state) {
    (void)state;
    static const struct {
        const char *name;
        int pointer;
        Step steps[4];
        int n;
        bool ok, cancel;
    } cases[] = {
        {"tap", 0, {{INPUT_POINTER_DOWN, 100, 30}, {INPUT_POINTER_UP, 100, 30}}, 2, true, false},
        {"small wobble still clicks",
         0,
         {{INPUT_POINTER_DOWN, 100, 30},
          {INPUT_POINTER_MOVE, 104, 33},
          {INPUT_POINTER_UP, 104, 33}},
         3,
         true,
         false},
        {"drag away does not click",
         0,
         {{INPUT_POINTER_DOWN, 100, 30},
          {INPUT_POINTER_MOVE, 100, 300},
          {INPUT_POINTER_UP, 100, 300}},
         3,
         false,
         false},
        {"drag away and back clicks",
         0,
         {{INPUT_POINTER_DOWN, 100, 30},
          {INPUT_POINTER_MOVE, 100, 300},
          {INPUT_POINTER_MOVE, 120, 40},
          {INPUT_POINTER_UP, 120, 40}},
         4,
         true,
         false},
        {"captured: released on another button clicks neither",
         0,
         {{INPUT_POINTER_DOWN, 100, 30},
          {INPUT_POINTER_MOVE, 100, 90},
          {INPUT_POINTER_UP, 100, 90}},
         3,
         false,
         false},
        {"down outside, up inside clicks nothing",
         0,
         {{INPUT_POINTER_DOWN, 100, 400},
          {INPUT_POINTER_MOVE, 100, 30},
          {INPUT_POINTER_UP, 100, 30}},
         3,
         false,
         false},
        {"a finger taps Cancel",
         3,
         {{INPUT_POINTER_DOWN, 50, 90}, {INPUT_POINTER_UP, 50, 90}},
         2,
         false,
         true},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        UiContext *ui = fixture_ui();
        in_reset();
        frame(ui);
        /* one step per frame, and then all steps in a single frame: same outcome */
        bool ok = false, cancel = false;
        for (int i = 0; i < cases[k].n; i++) {
            in_pointer(cases[k].steps[i].kind, cases[k].pointer, cases[k].steps[i].x,
                       cases[k].steps[i].y);
            Screen s = frame(ui);
            ok |= s.ok;
            cancel |= s.cancel;
        }
        if (ok != cases[k].ok || cancel != cases[k].cancel) {
            fail_msg("%s (frame by frame): expected ok=%d cancel=%d, got ok=%d cancel=%d",
                     cases[k].name, cases[k].ok, cases[k].cancel, ok, cancel);
        }
        for (int i = 0; i < cases[k].n; i++) {
            in_pointer(cases[k].steps[i].kind, cases[k].pointer, cases[k].steps[i].x,
                       cases[k].steps[i].y);
        }
        Screen s = frame(ui);
        if (s.ok != cases[k].ok || s.cancel != cases[k].cancel) {
            fail_msg("%s (one frame): expected ok=%d cancel=%d, got ok=%d cancel=%d", cases[k].name,
                     cases[k].ok, cases[k].cancel, s.ok, s.cancel);
        }
        ui_destroy(ui);
    }
}

static void test_click_reported_once_on_release(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    in_down(0, 100, 30);
    assert_false(frame(ui).ok);
    assert_true(ui_pointer_consumed(ui, 0));
    assert_false(frame(ui).ok); /* held */
    in_up(0, 100, 30);
    assert_true(frame(ui).ok);
    assert_false(frame(ui).ok);
    ui_destroy(ui);
}

static void test_right_button_does_not_click(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    InputEvent d = {
        .kind = INPUT_POINTER_DOWN, .button = INPUT_BUTTON_RIGHT, .x_px = 100, .y_px = 30};
    InputEvent u = d;
    u.kind = INPUT_POINTER_UP;
    input_push(&fixture_input, &d);
    input_push(&fixture_input, &u);
    assert_false(frame(ui).ok);
    ui_destroy(ui);
}

static void test_two_fingers_press_two_buttons(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    in_down(1, 100, 30);
    in_down(2, 100, 90);
    frame(ui);
    in_up(1, 100, 30);
    in_up(2, 100, 90);
    Screen s = frame(ui);
    assert_true(s.ok);
    assert_true(s.cancel);
    ui_destroy(ui);
}

static void test_pointer_consumed_and_filtered(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    /* on the UI: every event of that pointer is the UI's until it is released */
    in_down(0, 100, 30);
    in_move(0, 100, 300);
    InputFrame in = fixture_input;
    ui_begin(ui, &in, 800, 600, 1.0f, 0.1f);
    ui_button(ui, "OK");
    ui_end(ui);
    assert_true(ui_pointer_consumed(ui, 0));
    assert_true(ui_wants_pointer(ui));
    static InputFrame out;
    ui_filter_input(ui, &in, &out);
    assert_int_equal(out.count, 0);
    assert_true(ui_event_consumed(ui, 0));
    assert_true(ui_event_consumed(ui, 1));

    in_reset();
    in_move(0, 200, 400); /* still held: the drag belongs to the UI */
    in_up(0, 200, 400);
    in = fixture_input;
    ui_begin(ui, &in, 800, 600, 1.0f, 0.1f);
    ui_button(ui, "OK");
    ui_end(ui);
    assert_true(ui_pointer_consumed(ui, 0)); /* released from the UI this frame */
    ui_filter_input(ui, &in, &out);
    assert_int_equal(out.count, 0);
    float x, y;
    assert_false(ui_background_tap(ui, &x, &y));

    /* on the background: the app gets everything */
    in_reset();
    in_down(1, 300, 400);
    in_move(1, 350, 420);
    in = fixture_input;
    ui_begin(ui, &in, 800, 600, 1.0f, 0.1f);
    ui_button(ui, "OK");
    ui_end(ui);
    assert_false(ui_pointer_consumed(ui, 1));
    ui_filter_input(ui, &in, &out);
    assert_int_equal(out.count, 2);
    assert_int_equal(out.events[1].kind, INPUT_POINTER_MOVE);
    ui_destroy(ui);
}

/* Ownership is decided event by event: a hover move before a press on the UI, and a press on
 * the 3-D view before a hover over a button, stay the app's. */
static void test_events_are_owned_one_by_one(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    in_move(0, 100, 300);
    in_down(0, 100, 30);
    in_up(0, 100, 30);
    in_move(0, 100, 300);
    InputFrame in = fixture_input;
    ui_begin(ui, &in, 800, 600, 1.0f, 0.1f);
    assert_true(ui_button(ui, "OK"));
    ui_end(ui);
    static const bool want1[] = {false, true, true, false};
    for (int i = 0; i < 4; i++) {
        if (ui_event_consumed(ui, i) != want1[i]) {
            fail_msg("press on the UI, event %d: expected consumed=%d", i, want1[i]);
        }
    }
    in_reset();
    in_down(0, 300, 400);
    in_move(0, 100, 30); /* dragging over the button: still the app's drag */
    in_up(0, 100, 30);
    in_move(0, 110, 30);
    in = fixture_input;
    ui_begin(ui, &in, 800, 600, 1.0f, 0.1f);
    assert_false(ui_button(ui, "OK"));
    ui_end(ui);
    for (int i = 0; i < 4; i++) {
        if (ui_event_consumed(ui, i)) {
            fail_msg("press on the 3-D view, event %d was taken by the UI", i);
        }
    }
    ui_destroy(ui);
}

static void test_background_taps(void **state) {
    (void)state;
    static const struct {
        const char *name;
        float dt1, dt2;  /* seconds before the first and the second tap's frame */
        float x2;        /* where the second tap lands (first at 400, 400) */
        float drag_to_x; /* first tap drags here (400 = no drag) */
        bool tap2, double2;
    } cases[] = {
        {"double tap", 0.1f, 0.2f, 405.0f, 400.0f, true, true},
        {"too slow", 0.1f, 0.4f, 400.0f, 400.0f, true, false},
        {"too far apart", 0.1f, 0.1f, 430.0f, 400.0f, true, false},
        {"first was a drag", 0.1f, 0.1f, 400.0f, 440.0f, true, false},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        UiContext *ui = fixture_ui();
        float x = 0, y = 0;
        in_reset();
        in_down(1, 400, 400);
        in_move(1, cases[k].drag_to_x, 400);
        in_up(1, cases[k].drag_to_x, 400);
        ui_begin(ui, &fixture_input, 800, 600, 1.0f, cases[k].dt1);
        ui_button(ui, "OK");
        ui_end(ui);
        bool drag = cases[k].drag_to_x != 400.0f;
        assert_int_equal(ui_background_tap(ui, &x, &y), !drag);
        assert_false(ui_background_double_tap(ui, &x, &y));
        in_reset();
        in_down(1, cases[k].x2, 400);
        in_up(1, cases[k].x2, 400);
        ui_begin(ui, &fixture_input, 800, 600, 1.0f, cases[k].dt2);
        ui_button(ui, "OK");
        ui_end(ui);
        if (ui_background_tap(ui, &x, &y) != cases[k].tap2 ||
            ui_background_double_tap(ui, &x, &y) != cases[k].double2) {
            fail_msg("%s: expected tap=%d double=%d", cases[k].name, cases[k].tap2,
                     cases[k].double2);
        }
        ui_destroy(ui);
    }
    /* a tap on a button is never a background tap */
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    in_down(0, 100, 30);
    in_up(0, 100, 30);
    frame(ui);
    float x, y;
    assert_false(ui_background_tap(ui, &x, &y));
    ui_destroy(ui);
}

static void test_commands_of_a_button(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.1f);
    ui_set_next_width(ui, 10.0f); /* grows to fit its text */
    ui_button(ui, "Explore##mode_explore");
    UiRect r = ui_last_rect(ui);
    ui_end(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    int rects = 0, texts = 0;
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_RECT) {
            rects++;
            assert_memory_equal(&cmds[i].rect, &r, sizeof r);
        } else if (cmds[i].kind == UI_CMD_TEXT) {
            texts++;
            assert_true(rect_inside(cmds[i].rect, r));
            assert_int_equal(cmds[i].len, 7);
            assert_memory_equal(cmds[i].text, "Explore", 7);
            assert_int_equal(cmds[i].font, UI_FONT_REGULAR);
            assert_float_equal(cmds[i].size_px, 18.0f, 1e-4);
            assert_float_equal(cmds[i].rect.h, 18.0f * UI_LINE_HEIGHT, 1e-4);
            assert_float_equal(cmds[i].rgba[3], 1.0f, 1e-4);
        }
    }
    assert_int_equal(rects, 1);
    assert_int_equal(texts, 1);
    /* natural width: 7 characters * 9 px + 2 * 12 px padding */
    assert_float_equal(r.w, 63.0f + 24.0f, 1e-4);
    /* the id comes from the key after ##, so a translated label keeps it */
    assert_int_equal(ui_id(ui, "Explorar##mode_explore"), ui_id(ui, "Explore##mode_explore"));
    assert_int_not_equal(ui_id(ui, "Explore"), ui_id(ui, "Explore##mode_explore"));
    ui_destroy(ui);
}

static void test_redraw_only_when_something_changed(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    assert_true(ui_redraw_needed(ui)); /* the first frame */
    frame(ui);
    assert_false(ui_redraw_needed(ui)); /* idle */
    assert_false(ui_is_animating(ui));
    in_move(0, 100, 30); /* hover OK */
    frame(ui);
    assert_true(ui_redraw_needed(ui));
    in_move(0, 110, 32); /* still over OK: nothing changes */
    frame(ui);
    assert_false(ui_redraw_needed(ui));
    in_move(0, 100, 500); /* off it */
    frame(ui);
    assert_true(ui_redraw_needed(ui));
    in_down(0, 100, 30);
    frame(ui);
    assert_true(ui_redraw_needed(ui)); /* pressed look */
    in_up(0, 100, 30);
    assert_true(frame(ui).ok);
    assert_true(ui_is_animating(ui)); /* one more frame so the app's change shows */
    frame(ui);
    assert_false(ui_is_animating(ui));
    ui_destroy(ui);
}

static void test_disabled_button(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    UiButtonOpts off = {.disabled = true};
    bool clicked = false;
    for (int f = 0; f < 4; f++) {
        in_reset();
        if (f == 1) {
            in_down(0, 100, 30);
            in_up(0, 100, 30);
        }
        if (f == 2) {
            in_key(INPUT_KEY_TAB, false);
        }
        ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.1f);
        clicked |= ui_button_ex(ui, "Compare", &off);
        ui_button(ui, "Other");
        ui_end(ui);
        if (f == 1) {
            assert_true(ui_pointer_consumed(ui, 0)); /* still not the 3-D view's */
        }
    }
    assert_false(clicked);
    assert_true(ui_has_focus(ui, "Other")); /* Tab skipped it */
    ui_destroy(ui);
}

static void test_create_needs_a_measurer(void **state) {
    (void)state;
    UiDesc d = {0};
    assert_null(ui_create(&d));
    assert_null(ui_create(NULL));
    ui_destroy(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_of_the_screen),
        cmocka_unit_test(test_click_cases),
        cmocka_unit_test(test_click_reported_once_on_release),
        cmocka_unit_test(test_right_button_does_not_click),
        cmocka_unit_test(test_two_fingers_press_two_buttons),
        cmocka_unit_test(test_pointer_consumed_and_filtered),
        cmocka_unit_test(test_events_are_owned_one_by_one),
        cmocka_unit_test(test_background_taps),
        cmocka_unit_test(test_commands_of_a_button),
        cmocka_unit_test(test_redraw_only_when_something_changed),
        cmocka_unit_test(test_disabled_button),
        cmocka_unit_test(test_create_needs_a_measurer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
