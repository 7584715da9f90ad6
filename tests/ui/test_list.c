#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "ui_fixture.h"

/* A 300 px list of 20 rows at the top-left of an 800 x 600 screen. Rows are 48 px with
 * 8 px between them, starting at y 13 (inside the list's 1 px border) when unscrolled. */
enum { ROWS = 20 };

typedef struct {
    int clicked; /* row index, -1 if none */
    float first_row_y;
    UiRect list;
} Screen;

static Screen frame(UiContext *ui) {
    Screen s = {.clicked = -1};
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    ui_list_begin(ui, "sources", 300.0f);
    for (int i = 0; i < ROWS; i++) {
        char label[32];
        snprintf(label, sizeof label, "Row %d", i);
        ui_push_id_int(ui, i);
        if (ui_list_item(ui, label, i == 3)) {
            s.clicked = i;
        }
        if (i == 0) {
            s.first_row_y = ui_last_rect(ui).y;
        }
        ui_pop_id(ui);
    }
    ui_list_end(ui);
    s.list = ui_last_rect(ui);
    ui_end(ui);
    in_reset();
    return s;
}

static float row_y(int i) {
    return 13.0f + 56.0f * (float)i + 24.0f; /* the middle of row i, unscrolled */
}

static void test_tap_clicks_the_row_under_the_finger(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    Screen s = frame(ui);
    assert_float_equal(s.list.h, 300.0f, 1e-4);
    assert_float_equal(s.first_row_y, 13.0f, 1e-4);
    in_down(1, 200, row_y(2));
    in_move(1, 203, row_y(2) + 4); /* within the slop */
    in_up(1, 203, row_y(2) + 4);
    assert_int_equal(frame(ui).clicked, 2);
    ui_destroy(ui);
}

static void test_drag_scrolls_and_never_clicks(void **state) {
    (void)state;
    static const struct {
        const char *name;
        float dy;       /* finger movement, negative = up */
        float want_off; /* resulting scroll */
    } cases[] = {
        {"drag up 100", -100.0f, 100.0f},
        {"drag up 20", -20.0f, 20.0f},
        {"drag down at the top stays at 0", 150.0f, 0.0f},
        {"drag far up clamps at the end", -2000.0f, 20.0f * 56.0f - 8.0f - 298.0f},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        UiContext *ui = fixture_ui();
        in_reset();
        frame(ui);
        int clicked = -1;
        float y = row_y(2);
        in_down(1, 200, y);
        clicked = frame(ui).clicked;
        /* move in small steps, one frame each, and release where the finger stopped */
        for (int i = 1; i <= 10; i++) {
            in_move(1, 200, y + cases[k].dy * (float)i / 10.0f);
            int c = frame(ui).clicked;
            clicked = c >= 0 ? c : clicked;
        }
        in_up(1, 200, y + cases[k].dy);
        Screen s = frame(ui);
        clicked = s.clicked >= 0 ? s.clicked : clicked;
        if (clicked != -1) {
            fail_msg("%s: row %d clicked by a scrolling drag", cases[k].name, clicked);
        }
        s = frame(ui);
        float off = 13.0f - s.first_row_y;
        if (off < cases[k].want_off - 0.01f || off > cases[k].want_off + 0.01f) {
            fail_msg("%s: expected scroll %.1f, got %.1f", cases[k].name, (double)cases[k].want_off,
                     (double)off);
        }
        assert_true(ui_pointer_consumed(ui, 1) || !ui_wants_pointer(ui));
        ui_destroy(ui);
    }
}

static void test_after_scrolling_a_tap_hits_the_new_row(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    in_down(1, 200, 250);
    in_move(1, 200, 250 - 56.0f * 2.0f); /* two rows up, in one frame */
    in_up(1, 200, 250 - 56.0f * 2.0f);
    assert_int_equal(frame(ui).clicked, -1);
    frame(ui);
    in_down(1, 200, row_y(1));
    in_up(1, 200, row_y(1));
    assert_int_equal(frame(ui).clicked, 3);
    ui_destroy(ui);
}

static void test_wheel_scrolls_only_over_the_list(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    in_wheel(200, 100, -1.0f); /* towards the user: content moves up */
    frame(ui);
    assert_true(ui_event_consumed(ui, 0));
    assert_true(ui_is_animating(ui));
    assert_float_equal(13.0f - frame(ui).first_row_y, 48.0f, 1e-3);
    in_wheel(200, 500, -1.0f); /* below the list: the 3-D view zooms */
    frame(ui);
    assert_false(ui_event_consumed(ui, 0));
    assert_float_equal(13.0f - frame(ui).first_row_y, 48.0f, 1e-3);
    in_wheel(200, 100, 5.0f); /* back past the top: clamped */
    frame(ui);
    assert_float_equal(13.0f - frame(ui).first_row_y, 0.0f, 1e-3);
    ui_destroy(ui);
}

static void test_rows_are_clipped_to_the_list(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    Screen s = frame(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    int depth = 0, pushes = 0;
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_CLIP_PUSH) {
            depth++;
            pushes++;
            assert_true(rect_inside(cmds[i].rect, s.list));
        } else if (cmds[i].kind == UI_CMD_CLIP_POP) {
            depth--;
            assert_float_equal(cmds[i].rect.w, 800.0f, 1e-4); /* back to the screen */
        } else if (cmds[i].kind == UI_CMD_TEXT) {
            assert_int_equal(depth, 1);
        }
        assert_true(depth >= 0);
    }
    assert_int_equal(depth, 0);
    assert_int_equal(pushes, 1);
    /* a press below the visible rows but on a row's unclipped rect does not click it */
    in_down(1, 200, row_y(6));
    in_up(1, 200, row_y(6));
    assert_int_equal(frame(ui).clicked, -1);
    ui_destroy(ui);
}

static void test_tab_scrolls_the_focused_row_into_view(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    frame(ui);
    for (int i = 0; i < 8; i++) { /* row 7 is below the 300 px view */
        in_key(INPUT_KEY_TAB, false);
        frame(ui);
    }
    Screen s = frame(ui);
    float row7_bottom = s.first_row_y + 56.0f * 7.0f + 48.0f;
    assert_true(row7_bottom <= s.list.y + s.list.h + 0.01f);
    assert_true(s.first_row_y < 13.0f);
    in_key(INPUT_KEY_ENTER, false);
    assert_int_equal(frame(ui).clicked, 7);
    ui_destroy(ui);
}

static void test_list_fills_a_fixed_card(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    bool open = true;
    in_reset();
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    assert_true(ui_panel_begin(ui, "Sources", (UiRect){10, 10, 300, 400}, &open));
    ui_label(ui, "Pick one");
    ui_list_begin(ui, "l", 0.0f);
    ui_list_item(ui, "Piriformis", false);
    ui_list_end(ui);
    UiRect list = ui_last_rect(ui);
    ui_panel_end(ui);
    UiRect card = ui_last_rect(ui);
    ui_end(ui);
    /* from below the label to the bottom of the card's body */
    assert_float_equal(list.y + list.h, card.y + card.h - 12.0f, 1e-3);
    assert_true(list.h > 200.0f);
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_clicks_the_row_under_the_finger),
        cmocka_unit_test(test_drag_scrolls_and_never_clicks),
        cmocka_unit_test(test_after_scrolling_a_tap_hits_the_new_row),
        cmocka_unit_test(test_wheel_scrolls_only_over_the_list),
        cmocka_unit_test(test_rows_are_clipped_to_the_list),
        cmocka_unit_test(test_tab_scrolls_the_focused_row_into_view),
        cmocka_unit_test(test_list_fills_a_fixed_card),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
