#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui_fixture.h"

/* Text pointers stay valid (and unchanged) for the whole frame, however much text follows
 * and however many arena blocks that takes, until the next ui_begin. */
static void test_text_pointers_valid_until_next_begin(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    for (int round = 0; round < 3; round++) {
        ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
        char first[32];
        snprintf(first, sizeof first, "First %d", round);
        ui_label(ui, first);
        int before = 0;
        const UiCommand *c0 = ui_commands(ui, &before);
        const char *p0 = c0[0].text;
        static char big[5000];
        memset(big, 'x', sizeof big - 1);
        for (int i = 0; i < 20; i++) { /* ~100 kB of text: several arena blocks */
            ui_push_id_int(ui, i);
            ui_set_next_width(ui, 1e6f);
            ui_label(ui, big);
            ui_pop_id(ui);
        }
        ui_end(ui);
        int n = 0;
        const UiCommand *cmds = ui_commands(ui, &n);
        assert_int_equal(n, 21);
        assert_ptr_equal(cmds[0].text, p0);
        assert_int_equal(cmds[0].len, (int)strlen(first));
        assert_memory_equal(cmds[0].text, first, strlen(first));
        for (int i = 1; i < n; i++) {
            assert_int_equal(cmds[i].len, 4999);
            assert_true(cmds[i].text[0] == 'x' && cmds[i].text[4998] == 'x');
        }
    }
    ui_destroy(ui);
}

/* The caller's string may change or die right after the call. */
static void test_text_is_copied(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    char label[16] = "Piriformis";
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    ui_label(ui, label);
    strcpy(label, "Changed!!!");
    ui_end(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    assert_int_equal(n, 1);
    assert_memory_equal(cmds[0].text, "Piriformis", 10);
    ui_destroy(ui);
}

static void test_wrapped_label_lines(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    /* 200 px at 9 px per character: 22 characters per line */
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    ui_set_next_width(ui, 200.0f);
    ui_label(ui, "Glúteo medio y menor: dolor en la cadera lateral");
    UiRect r = ui_last_rect(ui);
    ui_end(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    assert_int_equal(n, 3);
    static const char *const want[] = {"Glúteo medio y menor:", "dolor en la cadera", "lateral"};
    for (int i = 0; i < n; i++) {
        assert_int_equal(cmds[i].kind, UI_CMD_TEXT);
        assert_int_equal(cmds[i].len, (int)strlen(want[i]));
        assert_memory_equal(cmds[i].text, want[i], strlen(want[i]));
        assert_float_equal(cmds[i].rect.y, 12.0f + 22.5f * (float)i, 1e-4);
        assert_true(cmds[i].rect.w <= 200.0f);
        assert_true(rect_inside(cmds[i].rect, r));
    }
    assert_float_equal(r.h, 3 * 22.5f, 1e-4);
    ui_destroy(ui);
}

static void test_callout_line_and_box(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    static const struct {
        float ax, ay;
    } anchors[] = {{400, 300}, {790, 300}, {400, 5}, {795, 595}};
    for (size_t k = 0; k < sizeof anchors / sizeof anchors[0]; k++) {
        in_reset();
        ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
        ui_callout(ui, "Piriformis (right)", anchors[k].ax, anchors[k].ay);
        UiRect box = ui_last_rect(ui);
        ui_end(ui);
        UiRect screen = {0, 0, 800, 600};
        assert_true(rect_inside(box, screen));
        int n = 0;
        const UiCommand *cmds = ui_commands(ui, &n);
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (cmds[i].kind == UI_CMD_LINE) {
                lines++;
                assert_float_equal(cmds[i].x0, anchors[k].ax, 1e-4);
                assert_float_equal(cmds[i].y0, anchors[k].ay, 1e-4);
                /* it ends on the box's edge */
                assert_true(rect_inside((UiRect){cmds[i].x1, cmds[i].y1, 0, 0}, box));
            }
            if (cmds[i].kind == UI_CMD_TEXT) {
                assert_true(rect_inside(cmds[i].rect, box));
            }
        }
        assert_int_equal(lines, 1);
    }
    /* tapping the label reports it */
    for (int f = 0; f < 2; f++) {
        in_reset();
        if (f == 1) {
            in_down(1, 460, 240);
            in_up(1, 460, 240);
        }
        ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
        bool tapped = ui_callout(ui, "Piriformis (right)", 400, 300);
        ui_end(ui);
        assert_int_equal(tapped, f == 1);
    }
    ui_destroy(ui);
}

static void test_ids_and_scopes(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    UiId a = ui_id(ui, "Play");
    ui_push_id_int(ui, 1);
    UiId b = ui_id(ui, "Play");
    ui_pop_id(ui);
    ui_push_id_int(ui, 2);
    UiId c = ui_id(ui, "Play");
    ui_pop_id(ui);
    ui_push_id(ui, "compare");
    UiId d = ui_id(ui, "Play");
    ui_pop_id(ui);
    ui_end(ui);
    assert_int_not_equal(a, 0);
    assert_int_not_equal(a, b);
    assert_int_not_equal(b, c);
    assert_int_not_equal(a, d);
    assert_int_equal(a, ui_id(ui, "Play")); /* stable across frames */
    ui_destroy(ui);
}

static int measure_calls;
static float counting_measure(void *user, int font, float size_px, const char *text, int len) {
    measure_calls++;
    return fake_measure(user, font, size_px, text, len);
}

static void test_text_widths_are_cached(void **state) {
    (void)state;
    UiDesc d = {.measure = counting_measure};
    UiContext *ui = ui_create(&d);
    in_reset();
    static const char *const text =
        "The piriformis runs from the front of the sacrum to the top of the thigh bone.";
    measure_calls = 0;
    ui_begin(ui, &fixture_input, 400, 600, 1.0f, 0.016f);
    ui_label(ui, text);
    ui_button(ui, "Play");
    ui_end(ui);
    int first = measure_calls;
    assert_true(first > 0);
    ui_begin(ui, &fixture_input, 400, 600, 1.0f, 0.016f);
    ui_label(ui, text);
    ui_button(ui, "Play");
    ui_end(ui);
    assert_int_equal(measure_calls, first); /* nothing measured again */
    ui_forget_text_sizes(ui);
    ui_begin(ui, &fixture_input, 400, 600, 1.0f, 0.016f);
    ui_label(ui, text);
    ui_end(ui);
    assert_true(measure_calls > first);
    ui_destroy(ui);
}

static void test_empty_text_takes_no_room(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    ui_begin(ui, &fixture_input, 400, 600, 1.0f, 0.016f);
    ui_text(ui, "", UI_TEXT_MUTED);
    ui_button(ui, "Play");
    UiRect r = ui_last_rect(ui);
    ui_end(ui);
    assert_float_equal(r.y, 12.0f, 1e-4);
    ui_destroy(ui);
}

static void test_describe_the_screen(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    static const char *const modes[] = {"Explore", "Where it hurts"};
    bool open = true, loop = true;
    float t = 0.35f;
    int mode = 1;
    char search[16] = "";
    for (int f = 0; f < 2; f++) {
        in_reset();
        if (f == 1) {
            in_key(INPUT_KEY_TAB, false);
        }
        ui_begin(ui, &fixture_input, 1000, 700, 1.0f, 0.016f);
        ui_segmented(ui, "mode", modes, 2, &mode);
        if (ui_panel_begin(ui, "Piriformis##card", (UiRect){10, 80, 400, 0}, &open)) {
            ui_text(ui, "Tension builds", UI_TEXT_TITLE);
            ui_button(ui, "Play##play");
            ui_toggle(ui, "Loop", &loop);
            ui_slider(ui, "Time##scrub", &t, 0.1f);
            ui_text_field(ui, "search", search, (int)sizeof search, "Search");
            ui_list_item(ui, "L5 root", true);
            ui_panel_end(ui);
        }
        ui_callout(ui, "Sacrum", 600, 400);
        ui_end(ui);
    }
    char out[1024];
    size_t n = ui_describe(ui, out, sizeof out);
    assert_string_equal(out, "switch: Explore (focused) | [Where it hurts]\n"
                             "card: Piriformis\n"
                             "heading: Tension builds\n"
                             "button: Play\n"
                             "checkbox: Loop (on)\n"
                             "slider: Time (35%)\n"
                             "field: Search: (empty)\n"
                             "item: L5 root (selected)\n"
                             "label: Sacrum\n");
    assert_int_equal(n, strlen(out));
    char small[8];
    assert_int_equal(ui_describe(ui, small, sizeof small), n);
    assert_string_equal(small, "switch:");
    ui_destroy(ui);
}

static void test_swatch(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    ui_begin(ui, &fixture_input, 400, 600, 2.0f, 0.016f);
    ui_swatch(ui, 0xE0602880, "Main pain area");
    UiRect r = ui_last_rect(ui);
    ui_end(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    assert_int_equal(n, 3);
    assert_int_equal(cmds[0].kind, UI_CMD_RECT);
    assert_float_equal(cmds[0].rect.w, 40.0f, 1e-4);
    assert_float_equal(cmds[0].rgba[3], 128.0f / 255.0f, 1e-6);
    assert_int_equal(cmds[2].kind, UI_CMD_TEXT);
    assert_true(cmds[2].rect.x >= cmds[0].rect.x + cmds[0].rect.w);
    assert_true(rect_inside(cmds[2].rect, r));
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_pointers_valid_until_next_begin),
        cmocka_unit_test(test_text_is_copied),
        cmocka_unit_test(test_wrapped_label_lines),
        cmocka_unit_test(test_callout_line_and_box),
        cmocka_unit_test(test_ids_and_scopes),
        cmocka_unit_test(test_text_widths_are_cached),
        cmocka_unit_test(test_empty_text_takes_no_room),
        cmocka_unit_test(test_describe_the_screen),
        cmocka_unit_test(test_swatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
