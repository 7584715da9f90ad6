#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui_fixture.h"

typedef struct {
    char buf[16];
    int result;
    bool other_clicked;
} Screen;

static void frame(UiContext *ui, Screen *s) {
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    s->result = ui_text_field(ui, "search", s->buf, (int)sizeof s->buf, "Search");
    s->other_clicked = ui_button(ui, "Other");
    ui_end(ui);
    in_reset();
}

static const UiCommand *find_text(const UiContext *ui, const char *want) {
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_TEXT && cmds[i].len == (int)strlen(want) &&
            memcmp(cmds[i].text, want, (size_t)cmds[i].len) == 0) {
            return &cmds[i];
        }
    }
    return NULL;
}

static void focus_field(UiContext *ui, Screen *s) {
    frame(ui, s);
    in_down(0, 100, 36); /* the field is at y 12..60 */
    in_up(0, 100, 36);
    frame(ui, s);
    assert_true(ui_has_focus(ui, "search"));
    assert_true(ui_wants_text_input(ui));
}

static void test_typing_multibyte_and_backspace(void **state) {
    (void)state;
    static const struct {
        const char *type; /* INPUT_TEXT events, separated by | */
        int backspaces;
        const char *want;
    } cases[] = {
        /* clang-format off */
        {"p|i|r|i", 0, "piri"},
        {"m|ú|s|c", 2, "mú"},
        {"m|ú", 1, "m"},
        {"ñ", 1, ""},
        {"é|ñ|é", 2, "é"},
        {"a|€", 1, "a"},  /* three-byte character */
        {"a|😀", 1, "a"}, /* four-byte character */
        {"x", 5, ""},     /* backspace at the start does nothing */
        /* clang-format on */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        UiContext *ui = fixture_ui();
        Screen s = {0};
        in_reset();
        focus_field(ui, &s);
        char typed[64];
        strcpy(typed, cases[k].type);
        for (char *tok = strtok(typed, "|"); tok; tok = strtok(NULL, "|")) {
            in_text(tok);
        }
        frame(ui, &s);
        assert_true(s.result & UI_TEXT_FIELD_CHANGED);
        for (int i = 0; i < cases[k].backspaces; i++) {
            in_key(INPUT_KEY_BACKSPACE, false);
        }
        frame(ui, &s);
        if (strcmp(s.buf, cases[k].want) != 0) {
            fail_msg("case %zu: expected \"%s\", got \"%s\"", k, cases[k].want, s.buf);
        }
        ui_destroy(ui);
    }
}

static void test_caret_moves_by_code_point(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    focus_field(ui, &s);
    in_text("a");
    in_text("ñ");
    in_text("b");
    in_key(INPUT_KEY_LEFT, false);
    in_key(INPUT_KEY_LEFT, false); /* now between a and ñ */
    in_text("é");
    frame(ui, &s);
    assert_string_equal(s.buf, "aéñb");
    in_key(INPUT_KEY_RIGHT, false); /* after ñ */
    in_key(INPUT_KEY_BACKSPACE, false);
    frame(ui, &s);
    assert_string_equal(s.buf, "aéb");
    in_key(INPUT_KEY_HOME, false);
    in_text("¿");
    frame(ui, &s);
    assert_string_equal(s.buf, "¿aéb");
    /* the caret is drawn: a thin rect inside the field */
    ui_destroy(ui);
}

static void test_full_buffer_drops_whole_characters(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    focus_field(ui, &s);
    for (int i = 0; i < 7; i++) {
        in_text("ñ"); /* 14 bytes */
    }
    frame(ui, &s);
    assert_int_equal(strlen(s.buf), 14);
    in_text("é"); /* would need 16 bytes + NUL: dropped, not cut */
    in_text("z"); /* fits */
    frame(ui, &s);
    assert_int_equal(strlen(s.buf), 15);
    assert_string_equal(s.buf + 14, "z");
    ui_destroy(ui);
}

static void test_cut_short_text_event_inserts_whole_characters(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    focus_field(ui, &s);
    InputEvent e = {.kind = INPUT_TEXT};
    memcpy(e.text, "abc\xc3\xb1\xe2\x82", 8); /* "abcñ" and two of the three bytes of € */
    input_push(&fixture_input, &e);
    frame(ui, &s);
    assert_string_equal(s.buf, "abc\xc3\xb1");
    ui_destroy(ui);
}

static void test_keys_go_to_the_field_not_the_app(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    Screen s = {0};
    in_reset();
    frame(ui, &s);
    in_key(INPUT_KEY_CHAR, false); /* not focused: an app shortcut */
    frame(ui, &s);
    assert_false(ui_event_consumed(ui, 0));
    assert_non_null(find_text(ui, "Search")); /* the placeholder */
    focus_field(ui, &s);
    InputEvent ch = {.kind = INPUT_KEY_PRESS, .key = INPUT_KEY_CHAR, .ch = 's'};
    input_push(&fixture_input, &ch);
    in_text("s");
    in_key(INPUT_KEY_SPACE, false);
    in_text(" ");
    in_key(INPUT_KEY_ENTER, false);
    frame(ui, &s);
    for (int i = 0; i < 5; i++) {
        assert_true(ui_event_consumed(ui, i));
    }
    assert_string_equal(s.buf, "s ");
    assert_true(s.result & UI_TEXT_FIELD_SUBMITTED);
    assert_false(s.other_clicked);
    assert_non_null(find_text(ui, "s "));
    /* Escape leaves the field first */
    in_key(INPUT_KEY_ESCAPE, false);
    frame(ui, &s);
    assert_true(ui_event_consumed(ui, 0));
    assert_false(ui_wants_text_input(ui));
    in_key(INPUT_KEY_ESCAPE, false);
    frame(ui, &s);
    assert_false(ui_event_consumed(ui, 0)); /* no card open: the app's Escape */
    ui_destroy(ui);
}

static void test_long_entry_scrolls_inside_the_field(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    static char big[512];
    in_reset();
    ui_begin(ui, &fixture_input, 300, 600, 1.0f, 0.016f);
    ui_set_focus(ui, "long");
    ui_text_field(ui, "long", big, (int)sizeof big, NULL);
    ui_end(ui);
    for (int i = 0; i < 100; i++) {
        in_text("w");
    }
    ui_begin(ui, &fixture_input, 300, 600, 1.0f, 0.016f);
    ui_text_field(ui, "long", big, (int)sizeof big, NULL);
    UiRect field = ui_last_rect(ui);
    ui_end(ui);
    in_reset();
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    UiRect clip = {0};
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_CLIP_PUSH) {
            clip = cmds[i].rect;
        }
        if (cmds[i].kind == UI_CMD_RECT && cmds[i].rect.w <= 2.0f) { /* the caret */
            assert_true(rect_inside(cmds[i].rect, clip));
        }
    }
    assert_true(rect_inside(clip, field));
    assert_int_equal(strlen(big), 100);
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_multibyte_and_backspace),
        cmocka_unit_test(test_caret_moves_by_code_point),
        cmocka_unit_test(test_full_buffer_drops_whole_characters),
        cmocka_unit_test(test_cut_short_text_event_inserts_whole_characters),
        cmocka_unit_test(test_keys_go_to_the_field_not_the_app),
        cmocka_unit_test(test_long_entry_scrolls_inside_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
