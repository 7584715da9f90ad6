#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui_fixture.h"

typedef struct {
    bool a_open, b_open;
    bool behind_clicked, play_clicked;
    UiRect a_rect, b_rect, play_rect;
} Screen;

/* A full-width button at the top of the screen, and two cards over it: A on the left,
 * B (drawn later, so on top) overlapping A's right part. */
static void frame(UiContext *ui, Screen *s) {
    ui_begin(ui, &fixture_input, 1000, 700, 1.0f, 0.016f);
    s->behind_clicked = ui_button(ui, "Behind");
    s->play_clicked = false;
    if (ui_panel_begin(ui, "Piriformis", (UiRect){20, 20, 400, 0}, &s->a_open)) {
        ui_label(ui, "A small muscle deep in the buttock that can refer pain down the thigh.");
        s->play_clicked = ui_button(ui, "Play");
        s->play_rect = ui_last_rect(ui);
        ui_panel_end(ui);
        s->a_rect = ui_last_rect(ui);
    }
    if (ui_panel_begin(ui, "Red flags", (UiRect){300, 100, 300, 0}, &s->b_open)) {
        ui_label(ui, "Numbness in the saddle area.");
        ui_panel_end(ui);
        s->b_rect = ui_last_rect(ui);
    }
    ui_end(ui);
    in_reset();
}

static void test_card_grows_to_its_content(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {.a_open = true};
    in_reset();
    frame(ui, &s);
    assert_true(rect_inside(s.play_rect, s.a_rect));
    assert_true(s.a_rect.h < 400.0f); /* not stretched to the screen's bottom */
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    bool bg = false;
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_RECT && cmds[i].rect.x == 20.0f && cmds[i].rect.y == 20.0f) {
            assert_float_equal(cmds[i].rect.h, s.a_rect.h, 1e-4);
            bg = true;
        }
        if (cmds[i].kind == UI_CMD_CLIP_PUSH) {
            assert_true(rect_inside(cmds[i].rect, s.a_rect));
            assert_true(cmds[i].rect.y + cmds[i].rect.h >= s.play_rect.y + s.play_rect.h - 0.01f);
        }
        if (cmds[i].kind == UI_CMD_TEXT && cmds[i].rect.x < 300.0f) { /* A's texts */
            assert_true(rect_inside(cmds[i].rect, s.a_rect));
        }
    }
    assert_true(bg);
    ui_destroy(ui);
}

static void test_close_button_and_escape(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {.a_open = true, .b_open = true};
    in_reset();
    frame(ui, &s);
    frame(ui, &s);
    /* Escape closes the top card only, then the next */
    in_key(INPUT_KEY_ESCAPE, false);
    frame(ui, &s);
    assert_true(ui_event_consumed(ui, 0));
    assert_true(s.a_open);
    assert_false(s.b_open);
    in_key(INPUT_KEY_ESCAPE, false);
    frame(ui, &s);
    assert_false(s.a_open);
    in_key(INPUT_KEY_ESCAPE, false);
    frame(ui, &s);
    assert_false(ui_event_consumed(ui, 0)); /* nothing left: the app's Escape */
    /* the close button at the card's top-right corner */
    s.a_open = true;
    frame(ui, &s);
    frame(ui, &s);
    float cx = 20 + 400 - 6 - 24, cy = 20 + 6 + 24;
    in_down(1, cx, cy);
    in_up(1, cx, cy);
    frame(ui, &s);
    assert_false(s.a_open);
    ui_destroy(ui);
}

static void test_card_blocks_what_is_behind_it(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {.a_open = true, .b_open = true};
    in_reset();
    frame(ui, &s);
    frame(ui, &s);
    /* on A's title, over the Behind button */
    in_down(1, 150, 40);
    in_up(1, 150, 40);
    frame(ui, &s);
    assert_false(s.behind_clicked);
    assert_true(ui_pointer_consumed(ui, 1));
    float x, y;
    assert_false(ui_background_tap(ui, &x, &y));
    /* where B covers A's Play button, B wins */
    float px = s.play_rect.x + s.play_rect.w - 10.0f, py = s.play_rect.y + 10.0f;
    if (rects_overlap(s.b_rect, (UiRect){px, py, 1, 1})) {
        in_down(1, px, py);
        in_up(1, px, py);
        frame(ui, &s);
        assert_false(s.play_clicked);
    }
    /* Play where nothing covers it */
    in_down(1, s.play_rect.x + 10.0f, s.play_rect.y + 10.0f);
    in_up(1, s.play_rect.x + 10.0f, s.play_rect.y + 10.0f);
    frame(ui, &s);
    assert_true(s.play_clicked);
    /* outside every card and widget: the app's */
    in_down(1, 900, 650);
    in_up(1, 900, 650);
    frame(ui, &s);
    assert_false(ui_pointer_consumed(ui, 1));
    assert_true(ui_background_tap(ui, &x, &y));
    ui_destroy(ui);
}

static void test_fixed_height_card_scrolls(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    bool open = true;
    UiRect last = {0};
    for (int f = 0; f < 4; f++) {
        in_reset();
        if (f == 2) {
            in_down(1, 100, 150);
            in_move(1, 100, 50);
            in_up(1, 100, 50);
        }
        ui_begin(ui, &fixture_input, 1000, 700, 1.0f, 0.016f);
        if (ui_panel_begin(ui, "Long", (UiRect){20, 20, 300, 200}, &open)) {
            for (int i = 0; i < 10; i++) {
                ui_push_id_int(ui, i);
                ui_button(ui, "Row");
                if (i == 0) {
                    last = ui_last_rect(ui);
                }
                ui_pop_id(ui);
            }
            ui_panel_end(ui);
            assert_float_equal(ui_last_rect(ui).h, 200.0f, 1e-4);
        }
        ui_end(ui);
        if (f == 1) {
            assert_float_equal(last.y, 20.0f + 6.0f + 48.0f + 6.0f + 3.0f, 1e-3);
        }
    }
    assert_float_equal(last.y, 20.0f + 6.0f + 48.0f + 6.0f + 3.0f - 100.0f, 1e-3);
    ui_destroy(ui);
}

static void test_card_without_close_and_nested_list(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    float row0_y = 0.0f, first_in_card_y = 0.0f;
    for (int f = 0; f < 4; f++) {
        in_reset();
        if (f == 1) {
            in_key(INPUT_KEY_ESCAPE, false);
        }
        if (f == 2) { /* drag inside the list, which sits in a card that also overflows */
            in_down(1, 100, 300);
            in_move(1, 100, 200);
            in_up(1, 100, 200);
        }
        ui_begin(ui, &fixture_input, 1000, 700, 1.0f, 0.016f);
        assert_true(ui_panel_begin(ui, "Always here", (UiRect){20, 20, 300, 500}, NULL));
        ui_button(ui, "Top");
        first_in_card_y = ui_last_rect(ui).y;
        ui_list_begin(ui, "rows", 300.0f);
        for (int i = 0; i < 20; i++) {
            ui_push_id_int(ui, i);
            ui_list_item(ui, "Row", false);
            if (i == 0) {
                row0_y = ui_last_rect(ui).y;
            }
            ui_pop_id(ui);
        }
        ui_list_end(ui);
        for (int i = 0; i < 5; i++) {
            ui_push_id_int(ui, i);
            ui_button(ui, "More");
            ui_pop_id(ui);
        }
        ui_panel_end(ui);
        ui_end(ui);
        if (f == 1) {
            assert_false(ui_event_consumed(ui, 0)); /* no card to close */
        }
    }
    /* only the innermost region scrolled */
    assert_float_equal(first_in_card_y, 20.0f + 6.0f + 48.0f + 6.0f + 3.0f, 1e-3);
    float list_top = first_in_card_y + 48.0f + 8.0f + 1.0f;
    assert_float_equal(row0_y, list_top - 100.0f, 1e-3);
    ui_destroy(ui);
}

/* The app's pattern for a card whose "open" lives elsewhere (the selection): a local flag,
 * checked after ui_panel_end, sees both the close button and Escape. */
static void test_local_open_flag_sees_escape(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    bool selected = true;
    for (int f = 0; f < 3 && selected; f++) {
        in_reset();
        if (f == 2) {
            in_key(INPUT_KEY_ESCAPE, false);
        }
        ui_begin(ui, &fixture_input, 1000, 700, 1.0f, 0.016f);
        bool open = true;
        if (ui_panel_begin(ui, "Sacrum", (UiRect){20, 20, 300, 0}, &open)) {
            ui_label(ui, "The sacrum");
            ui_panel_end(ui);
        }
        ui_end(ui);
        if (!open) {
            selected = false;
        }
    }
    assert_false(selected);
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_card_grows_to_its_content),
        cmocka_unit_test(test_close_button_and_escape),
        cmocka_unit_test(test_card_blocks_what_is_behind_it),
        cmocka_unit_test(test_fixed_height_card_scrolls),
        cmocka_unit_test(test_card_without_close_and_nested_list),
        cmocka_unit_test(test_local_open_flag_sees_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
