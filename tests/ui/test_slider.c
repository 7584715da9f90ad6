#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui_fixture.h"

/* At scale 1 in an 800 px screen the slider spans x 12..788 and its knob (radius 11) runs
 * from x 23 (value 0) to x 777 (value 1): value = (x - 23) / 754. */
static bool frame(UiContext *ui, float *value) {
    ui_begin(ui, &fixture_input, 800, 600, 1.0f, 0.016f);
    bool changed = ui_slider(ui, "scrub", value, 0.1f);
    ui_end(ui);
    in_reset();
    return changed;
}

static void test_drag_values_and_clamping(void **state) {
    (void)state;
    static const struct {
        InputEventKind kind;
        float x, y;
        float want;
    } steps[] = {
        {INPUT_POINTER_DOWN, 100.0f, 36.0f, 77.0f / 754.0f}, /* a press jumps there */
        {INPUT_POINTER_MOVE, 400.0f, 36.0f, 0.5f},
        {INPUT_POINTER_MOVE, 900.0f, 36.0f, 1.0f},  /* beyond the end: clamped */
        {INPUT_POINTER_MOVE, -50.0f, 300.0f, 0.0f}, /* far off, still dragging */
        {INPUT_POINTER_MOVE, 211.5f, 200.0f, 0.25f},
        {INPUT_POINTER_UP, 211.5f, 200.0f, 0.25f},
        {INPUT_POINTER_MOVE, 700.0f, 36.0f, 0.25f}, /* released: moves do nothing */
    };
    UiContext *ui = fixture_ui();
    float v = 0.0f;
    in_reset();
    frame(ui, &v);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        in_pointer(steps[i].kind, 0, steps[i].x, steps[i].y);
        frame(ui, &v);
        if (v < steps[i].want - 1e-4f || v > steps[i].want + 1e-4f) {
            fail_msg("step %zu: expected %.4f, got %.4f", i, (double)steps[i].want, (double)v);
        }
    }
    ui_destroy(ui);
}

static void test_keyboard_steps_and_clamps(void **state) {
    (void)state;
    UiContext *ui = fixture_ui();
    float v = 0.95f;
    in_reset();
    frame(ui, &v);
    in_key(INPUT_KEY_TAB, false);
    frame(ui, &v);
    in_key(INPUT_KEY_RIGHT, false);
    assert_true(frame(ui, &v));
    assert_float_equal(v, 1.0f, 1e-6);
    in_key(INPUT_KEY_RIGHT, false);
    assert_false(frame(ui, &v)); /* already at the end */
    in_key(INPUT_KEY_LEFT, false);
    in_key(INPUT_KEY_LEFT, false);
    assert_true(frame(ui, &v));
    assert_float_equal(v, 0.8f, 1e-5);
    in_key(INPUT_KEY_HOME, false);
    frame(ui, &v);
    assert_float_equal(v, 0.0f, 1e-6);
    /* a value the app set out of range is clamped without counting as a change */
    v = 1.7f;
    assert_false(frame(ui, &v));
    assert_float_equal(v, 1.0f, 1e-6);
    ui_destroy(ui);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drag_values_and_clamping),
        cmocka_unit_test(test_keyboard_steps_and_clamps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
