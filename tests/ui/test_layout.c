#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "ui_fixture.h"

/* One screen of every widget, laid out at scale 1 and 2 in a landscape and a narrow portrait
 * window: consecutive widgets never overlap, every control is a full touch target, and every
 * text run lies inside its widget and on screen (nothing clipped). */

enum { MAX_W = 32 };

typedef struct {
    UiRect rect[MAX_W];
    int cmd_from[MAX_W], cmd_to[MAX_W];
    bool control[MAX_W];
    int group[MAX_W]; /* widgets in the same group are checked against each other */
    int n;
} Placed;

static const char *const MODES[] = {"Explore", "Where it hurts", "Draw"};

static void mark(UiContext *ui, Placed *p, int from, bool control, int group) {
    int count = 0;
    ui_commands(ui, &count);
    p->rect[p->n] = ui_last_rect(ui);
    p->cmd_from[p->n] = from;
    p->cmd_to[p->n] = count;
    p->control[p->n] = control;
    p->group[p->n] = group;
    p->n++;
}

static int cmds_now(UiContext *ui) {
    int n = 0;
    ui_commands(ui, &n);
    return n;
}

static void build(UiContext *ui, Placed *p, bool *toggle, float *slider, char *field, int *mode) {
    int c;
    c = cmds_now(ui);
    ui_text(ui, "Sciatic nerve irritated at the piriformis", UI_TEXT_TITLE);
    mark(ui, p, c, false, 0);
    c = cmds_now(ui);
    ui_label(ui, "Pain may travel from the buttock down the back of the thigh and into the leg; "
                 "extraordinarily-long-words-are-broken-only-when-longer-than-a-line.");
    mark(ui, p, c, false, 0);
    c = cmds_now(ui);
    ui_segmented(ui, "mode", MODES, 3, mode);
    mark(ui, p, c, true, 0);
    ui_row_begin(ui);
    static const char *const views[] = {"Anterior", "Posterior", "Left", "Right", "Superior"};
    for (int i = 0; i < 5; i++) {
        c = cmds_now(ui);
        UiButtonOpts o = {.selected = i == 1};
        ui_button_ex(ui, views[i], &o);
        mark(ui, p, c, true, 1);
    }
    ui_row_end(ui);
    c = cmds_now(ui);
    ui_toggle(ui, "Show the dermatomes (Lee 2008)", toggle);
    mark(ui, p, c, true, 0);
    c = cmds_now(ui);
    ui_slider(ui, "time", slider, 0.05f);
    mark(ui, p, c, true, 0);
    c = cmds_now(ui);
    ui_text_field(ui, "search", field, 32, "Search structures");
    mark(ui, p, c, true, 0);
    ui_columns_begin(ui, 2);
    c = cmds_now(ui);
    ui_button(ui, "Play");
    mark(ui, p, c, true, 2);
    ui_column_next(ui);
    c = cmds_now(ui);
    ui_button(ui, "Compare two sources");
    mark(ui, p, c, true, 2);
    ui_columns_end(ui);
    c = cmds_now(ui);
    UiButtonOpts danger = {.danger = true, .bold = true};
    ui_button_ex(ui, "Red flags", &danger);
    mark(ui, p, c, true, 0);
}

static void check_layout(int w, int h, float scale) {
    UiContext *ui = fixture_ui();
    Placed p = {0};
    bool toggle = true;
    float slider = 0.3f;
    char field[32] = "pirif";
    int mode = 0;
    in_reset();
    ui_begin(ui, &fixture_input, w, h, scale, 0.016f);
    build(ui, &p, &toggle, &slider, field, &mode);
    ui_end(ui);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    float min_t = 48.0f * scale;
    for (int i = 0; i < p.n; i++) {
        UiRect r = p.rect[i];
        if (p.control[i] && (r.h < min_t - 0.01f || r.w < min_t - 0.01f)) {
            fail_msg("%dx%d @%.1f: widget %d is %.1f x %.1f, under the %.0f px target", w, h,
                     (double)scale, i, (double)r.w, (double)r.h, (double)min_t);
        }
        if (r.x < 0.0f || r.x + r.w > (float)w + 0.01f) {
            fail_msg("%dx%d @%.1f: widget %d runs off the screen (x %.1f w %.1f)", w, h,
                     (double)scale, i, (double)r.x, (double)r.w);
        }
        for (int j = 0; j < i; j++) {
            bool neighbours = j == i - 1 || p.group[i] == p.group[j];
            if (neighbours && rects_overlap(p.rect[i], p.rect[j])) {
                fail_msg("%dx%d @%.1f: widgets %d and %d overlap", w, h, (double)scale, j, i);
            }
        }
        for (int k = p.cmd_from[i]; k < p.cmd_to[i]; k++) {
            if (cmds[k].kind != UI_CMD_TEXT || i == 6) {
                continue; /* the text field scrolls its text under a clip */
            }
            if (!rect_inside(cmds[k].rect, r)) {
                fail_msg("%dx%d @%.1f: text \"%.*s\" (x %.1f w %.1f) outside widget %d "
                         "(x %.1f w %.1f)",
                         w, h, (double)scale, cmds[k].len, cmds[k].text, (double)cmds[k].rect.x,
                         (double)cmds[k].rect.w, i, (double)r.x, (double)r.w);
            }
        }
    }
    /* font sizes follow the scale */
    for (int k = 0; k < n; k++) {
        if (cmds[k].kind == UI_CMD_TEXT) {
            assert_true(cmds[k].size_px >= 15.0f * scale - 0.01f);
        }
    }
    ui_destroy(ui);
}

static void test_layout_at_scales(void **state) {
    (void)state;
    static const struct {
        int w, h;
        float scale;
    } cases[] = {
        {1280, 800, 1.0f}, {1280, 800, 2.0f}, {800, 1280, 1.0f},
        {800, 1280, 2.0f}, {400, 900, 2.0f},  {1920, 1080, 1.5f},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        check_layout(cases[k].w, cases[k].h, cases[k].scale);
    }
}

static void test_row_wraps_and_segments_stack_when_narrow(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    int mode = 0;
    in_reset();
    ui_begin(ui, &fixture_input, 400, 900, 2.0f, 0.016f);
    ui_segmented(ui, "mode", MODES, 3, &mode);
    UiRect seg = ui_last_rect(ui);
    ui_row_begin(ui);
    ui_button(ui, "Anterior");
    UiRect a = ui_last_rect(ui);
    ui_button(ui, "Posterior");
    UiRect b = ui_last_rect(ui);
    ui_row_end(ui);
    ui_end(ui);
    /* 3 segments of "Where it hurts" at 2x do not fit in 352 px: they stack */
    assert_true(seg.h >= 3.0f * 96.0f - 0.01f);
    assert_true(seg.w <= 400.0f);
    /* the second button does not fit beside the first: next line */
    assert_float_equal(b.x, a.x, 1e-4);
    assert_true(b.y >= a.y + a.h);
    /* at 1x in a wide window the segments sit in one row, equal widths */
    ui_begin(ui, &fixture_input, 1280, 800, 1.0f, 0.016f);
    ui_set_next_width(ui, 0.0f);
    ui_segmented(ui, "mode", MODES, 3, &mode);
    seg = ui_last_rect(ui);
    ui_end(ui);
    assert_float_equal(seg.h, 48.0f, 1e-4);
    ui_destroy(ui);
}

static void test_segments_take_their_label_widths_before_stacking(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    int mode = 2;
    in_reset();
    /* equal segments need 3 x 150 px; label widths 87 + 150 + 60 fit in 376 */
    ui_begin(ui, &fixture_input, 400, 600, 1.0f, 0.016f);
    ui_segmented(ui, "mode", MODES, 3, &mode);
    UiRect seg = ui_last_rect(ui);
    ui_end(ui);
    assert_float_equal(seg.h, 48.0f, 1e-4);
    assert_float_equal(seg.w, 376.0f, 1e-4);
    int n = 0;
    const UiCommand *cmds = ui_commands(ui, &n);
    float prev_right = 0.0f;
    int texts = 0;
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == UI_CMD_TEXT) {
            assert_true(cmds[i].rect.x >= prev_right);
            prev_right = cmds[i].rect.x + cmds[i].rect.w;
            texts++;
        }
    }
    assert_int_equal(texts, 3);
    assert_true(prev_right <= seg.x + seg.w);
    ui_destroy(ui);
}

static void test_area_and_next_rect(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    in_reset();
    ui_begin(ui, &fixture_input, 1280, 800, 1.0f, 0.016f);
    UiSize sz = ui_button_size(ui, "Red flags");
    assert_float_equal(sz.w, 9.0f * 9.0f + 24.0f, 1e-4);
    assert_float_equal(sz.h, 48.0f, 1e-4);
    /* a corner button placed by the app */
    ui_set_next_rect(ui, (UiRect){1280 - 16 - sz.w, 16, sz.w, sz.h});
    ui_button(ui, "Red flags");
    UiRect r = ui_last_rect(ui);
    assert_float_equal(r.x + r.w, 1264.0f, 1e-4);
    /* an area lays out its own stack; the root continues where it was */
    ui_area_begin(ui, (UiRect){100, 500, 300, 0}); /* open-ended */
    ui_button(ui, "One");
    UiRect one = ui_last_rect(ui);
    ui_button(ui, "Two");
    ui_area_end(ui);
    UiRect area = ui_last_rect(ui);
    ui_button(ui, "Root");
    UiRect root = ui_last_rect(ui);
    ui_end(ui);
    assert_float_equal(one.x, 100.0f, 1e-4);
    assert_float_equal(one.w, 300.0f, 1e-4);
    assert_float_equal(area.h, 48.0f * 2 + 8.0f, 1e-4);
    assert_float_equal(root.y, 12.0f, 1e-4);
    /* bold text is wider: its size is asked with the same options */
    UiButtonOpts bold = {.bold = true};
    assert_float_equal(ui_button_size_ex(ui, "Red flags", &bold).w, sz.w, 1e-4);
    assert_float_equal(ui_px(ui, 10.0f), 10.0f, 1e-6);
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_at_scales),
        cmocka_unit_test(test_row_wraps_and_segments_stack_when_narrow),
        cmocka_unit_test(test_segments_take_their_label_widths_before_stacking),
        cmocka_unit_test(test_area_and_next_rect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
