/* Shared helpers for the ui tests: a fake text measurer (half the size per code point),
 * an input frame builder and a one-call frame runner. Header-only (static inline). */
#ifndef PAINMAP_TESTS_UI_FIXTURE_H
#define PAINMAP_TESTS_UI_FIXTURE_H

#include <stdbool.h>
#include <string.h>

#include "ui/input.h"
#include "ui/ui.h"
#include "ui/ui_text.h"

/* 0.5 * size_px per UTF-8 code point, in either font. */
static inline float fake_measure(void *user, int font, float size_px, const char *text, int len) {
    (void)user;
    (void)font;
    return 0.5f * size_px * (float)ui_utf8_count(text, len);
}

static inline UiContext *fixture_ui(void) {
    UiDesc d = {.measure = fake_measure};
    return ui_create(&d);
}

static InputFrame fixture_input;

static inline InputFrame *in_reset(void) {
    memset(&fixture_input, 0, sizeof fixture_input);
    return &fixture_input;
}

static inline void in_pointer(InputEventKind kind, int id, float x, float y) {
    InputEvent e = {.kind = kind, .pointer_id = id, .x_px = x, .y_px = y};
    e.button = id == INPUT_MOUSE_ID ? INPUT_BUTTON_LEFT : 0;
    input_push(&fixture_input, &e);
}

static inline void in_down(int id, float x, float y) {
    in_pointer(INPUT_POINTER_DOWN, id, x, y);
}
static inline void in_move(int id, float x, float y) {
    in_pointer(INPUT_POINTER_MOVE, id, x, y);
}
static inline void in_up(int id, float x, float y) {
    in_pointer(INPUT_POINTER_UP, id, x, y);
}

static inline void in_key(InputKey key, bool shift) {
    InputEvent e = {.kind = INPUT_KEY_PRESS, .key = key, .shift = shift};
    input_push(&fixture_input, &e);
}

static inline void in_text(const char *utf8) {
    InputEvent e = {.kind = INPUT_TEXT};
    strncpy(e.text, utf8, sizeof e.text - 1);
    input_push(&fixture_input, &e);
}

static inline void in_wheel(float x, float y, float wheel_y) {
    InputEvent e = {.kind = INPUT_WHEEL, .x_px = x, .y_px = y, .wheel_y = wheel_y};
    input_push(&fixture_input, &e);
}

static inline bool rect_inside(UiRect inner, UiRect outer) {
    const float eps = 0.01f;
    return inner.x >= outer.x - eps && inner.y >= outer.y - eps &&
           inner.x + inner.w <= outer.x + outer.w + eps &&
           inner.y + inner.h <= outer.y + outer.h + eps;
}

static inline bool rects_overlap(UiRect a, UiRect b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static inline UiRect rect_center_point(UiRect r, float *out_x, float *out_y) {
    *out_x = r.x + 0.5f * r.w;
    *out_y = r.y + 0.5f * r.h;
    return r;
}

#endif
