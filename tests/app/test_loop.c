/* The viewer's frame loop with the null renderer: synthetic input in, camera moves and
 * frames out, no GPU and no window. Also checks that an idle viewer draws nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/scene.h"
#include "app/viewer.h"
#include "render/gfx.h"

typedef struct {
    Gfx *gfx;
    Scene scene;
    Viewer viewer;
    InputFrame input;
    int frames_drawn;
} Loop;

static Loop *loop_open(void) {
    Loop *l = calloc(1, sizeof *l);
    char err[512];
    GfxDesc d = {.backend = GFX_BACKEND_NULL};
    assert_true(gfx_create(&d, &l->gfx, err, sizeof err));
    assert_true(gfx_set_offscreen(l->gfx, 800, 600, 1, err, sizeof err));
    assert_true(scene_load_placeholder(&l->scene, l->gfx, err, sizeof err));
    viewer_init(&l->viewer, &l->scene, VIEW_ANTERIOR, LAYER_MASK_ALL, 800, 600);
    return l;
}

static void loop_close(Loop *l) {
    scene_unload(&l->scene, l->gfx);
    gfx_destroy(l->gfx);
    free(l);
}

/* One turn of the app loop, as app_viewer.c runs it. */
static void step(Loop *l, float dt) {
    l->input.width_px = 800;
    l->input.height_px = 600;
    viewer_update(&l->viewer, &l->scene, &l->input, dt, NULL);
    l->input.count = 0;
    if (l->viewer.dirty) {
        FrameDesc f;
        scene_build_frame(&l->scene, &l->viewer.cam, l->viewer.layer_mask, 800, 600, &f);
        gfx_draw_frame(l->gfx, &f);
        l->frames_drawn++;
        l->viewer.dirty = false;
    }
}

static void push(Loop *l, InputEventKind kind, int id, int button, float x, float y) {
    InputEvent e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.pointer_id = id;
    e.button = button;
    e.x_px = x;
    e.y_px = y;
    input_push(&l->input, &e);
}

static void push_key(Loop *l, InputKey key, char ch) {
    InputEvent e;
    memset(&e, 0, sizeof e);
    e.kind = INPUT_KEY_PRESS;
    e.key = key;
    e.ch = ch;
    input_push(&l->input, &e);
}

static void test_idle_draws_nothing(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f); /* the first frame */
    assert_int_equal(l->frames_drawn, 1);
    for (int i = 0; i < 300; i++) {
        step(l, 0.016f);
    }
    assert_int_equal(l->frames_drawn, 1);
    assert_int_equal(gfx_get_stats(l->gfx).frames, 1);
    loop_close(l);
}

static void test_mouse_drag_orbits_and_wheel_zooms(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f);
    float yaw0 = l->viewer.cam.yaw_deg, dist0 = l->viewer.cam.distance_mm;
    push(l, INPUT_POINTER_DOWN, INPUT_MOUSE_ID, INPUT_BUTTON_LEFT, 400, 300);
    push(l, INPUT_POINTER_MOVE, INPUT_MOUSE_ID, 0, 500, 300);
    push(l, INPUT_POINTER_UP, INPUT_MOUSE_ID, INPUT_BUTTON_LEFT, 500, 300);
    step(l, 0.016f);
    assert_true(fabsf(l->viewer.cam.yaw_deg - yaw0) > 10.0f);
    assert_int_equal(l->frames_drawn, 2);
    InputEvent wheel = {.kind = INPUT_WHEEL, .wheel_y = 2.0f};
    input_push(&l->input, &wheel);
    step(l, 0.016f);
    assert_true(l->viewer.cam.distance_mm < dist0);
    /* moving the mouse with no button down changes nothing and draws nothing */
    push(l, INPUT_POINTER_MOVE, INPUT_MOUSE_ID, 0, 10, 10);
    step(l, 0.016f);
    assert_int_equal(l->frames_drawn, 3);
    loop_close(l);
}

static void test_pinch_zooms(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f);
    float dist0 = l->viewer.cam.distance_mm, yaw0 = l->viewer.cam.yaw_deg;
    push(l, INPUT_POINTER_DOWN, 1, 0, 300, 300);
    push(l, INPUT_POINTER_DOWN, 2, 0, 500, 300);
    push(l, INPUT_POINTER_MOVE, 1, 0, 200, 300);
    push(l, INPUT_POINTER_MOVE, 2, 0, 600, 300);
    step(l, 0.016f);
    assert_true(l->viewer.cam.distance_mm < dist0 * 0.8f);
    assert_true(fabsf(l->viewer.cam.yaw_deg - yaw0) < 1e-3f); /* a pinch never orbits */
    /* focus loss forgets fingers that never reported going up */
    InputEvent lost = {.kind = INPUT_FOCUS_LOST};
    input_push(&l->input, &lost);
    step(l, 0.016f);
    push(l, INPUT_POINTER_MOVE, 1, 0, 100, 100);
    int before = l->frames_drawn;
    step(l, 0.016f);
    assert_int_equal(l->frames_drawn, before);
    loop_close(l);
}

static void test_view_key_animates_then_stops(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f);
    push_key(l, INPUT_KEY_CHAR, '2'); /* posterior */
    step(l, 0.016f);
    assert_true(viewer_is_animating(&l->viewer));
    int frames = 0;
    while (viewer_is_animating(&l->viewer) && frames < 200) {
        step(l, 0.016f);
        frames++;
    }
    assert_true(frames > 10 && frames < 60);
    assert_true(fabsf(fabsf(l->viewer.cam.yaw_deg) - 180.0f) < 0.5f);
    int drawn = l->frames_drawn;
    step(l, 0.016f);
    assert_int_equal(l->frames_drawn, drawn);
    /* the null renderer counted what a real frame would have drawn */
    assert_true(gfx_get_stats(l->gfx).draw_calls > 0);
    assert_true(gfx_get_stats(l->gfx).triangles > 1000);
    push_key(l, INPUT_KEY_ESCAPE, 0);
    step(l, 0.016f);
    assert_true(l->viewer.quit);
    loop_close(l);
}

static void tap(Loop *l, float x, float y) {
    push(l, INPUT_POINTER_DOWN, 1, 0, x, y);
    push(l, INPUT_POINTER_UP, 1, 0, x + 2.0f, y + 1.0f); /* a little finger jitter */
    step(l, 0.05f);
}

static void test_tap_selects_and_double_tap_frames(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f);
    /* hide the skin and the superficial muscles so the femur is the first thing hit */
    l->viewer.layer_mask = LAYER_BIT(LAYER_BONES);
    const float head_l[3] = {80, 0, 0};
    float px[2];
    assert_true(cam_project(&l->viewer.cam, 800, 600, head_l, px));
    tap(l, px[0], px[1]);
    int femur_l = scene_find(&l->scene, "femur_l");
    assert_true(femur_l >= 0);
    assert_int_equal(l->viewer.selected, femur_l);
    /* a tap on the background clears the selection */
    tap(l, 5, 5);
    step(l, 1.0f); /* long enough that the next tap is not a double tap */
    assert_int_equal(l->viewer.selected, -1);
    /* select again, then double tap: the camera moves in on the femur */
    tap(l, px[0], px[1]);
    step(l, 1.0f);
    float d0 = l->viewer.cam.distance_mm;
    tap(l, px[0], px[1]);
    tap(l, px[0], px[1]);
    for (int i = 0; i < 60; i++) {
        step(l, 0.016f);
    }
    assert_true(l->viewer.cam.distance_mm < d0 * 0.8f);
    assert_int_equal(l->viewer.selected, femur_l);
    /* a drag is not a tap */
    push(l, INPUT_POINTER_DOWN, INPUT_MOUSE_ID, INPUT_BUTTON_LEFT, 5, 5);
    push(l, INPUT_POINTER_MOVE, INPUT_MOUSE_ID, 0, 60, 5);
    push(l, INPUT_POINTER_UP, INPUT_MOUSE_ID, INPUT_BUTTON_LEFT, 60, 5);
    step(l, 0.016f);
    assert_int_equal(l->viewer.selected, femur_l);
    loop_close(l);
}

static void test_where_mode_taps_the_skin(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f);
    l->viewer.mode = VIEWER_WHERE;
    const float thigh[3] = {90, -250, 0};
    float px[2];
    assert_true(cam_project(&l->viewer.cam, 800, 600, thigh, px));
    tap(l, px[0], px[1]);
    assert_true(l->viewer.where_set);
    assert_true(l->viewer.where_changed);
    /* the point is on the skin, in front of the thigh's centre line, on the body's left */
    assert_true(l->viewer.where_mm[2] > 40.0f);
    assert_true(l->viewer.where_mm[0] > 0.0f);
    assert_int_equal(l->viewer.selected, -1);
    /* pointers the UI owns neither tap nor turn the camera */
    bool consumed[VIEWER_MAX_POINTERS] = {false};
    consumed[1] = true;
    l->viewer.where_changed = false;
    float yaw = l->viewer.cam.yaw_deg;
    push(l, INPUT_POINTER_DOWN, 1, 0, px[0], px[1]);
    push(l, INPUT_POINTER_MOVE, 1, 0, px[0] + 100, px[1]);
    push(l, INPUT_POINTER_UP, 1, 0, px[0] + 100, px[1]);
    l->input.width_px = 800;
    l->input.height_px = 600;
    viewer_update(&l->viewer, &l->scene, &l->input, 0.016f, consumed);
    l->input.count = 0;
    assert_false(l->viewer.where_changed);
    assert_true(l->viewer.cam.yaw_deg == yaw);
    loop_close(l);
}

static void test_pan_never_loses_the_body(void **state) {
    (void)state;
    Loop *l = loop_open();
    step(l, 0.016f);
    for (int i = 0; i < 50; i++) {
        push(l, INPUT_POINTER_DOWN, INPUT_MOUSE_ID, INPUT_BUTTON_RIGHT, 10, 10);
        push(l, INPUT_POINTER_MOVE, INPUT_MOUSE_ID, 0, 790, 590);
        push(l, INPUT_POINTER_UP, INPUT_MOUSE_ID, INPUT_BUTTON_RIGHT, 790, 590);
        step(l, 0.016f);
    }
    const Scene *s = &l->scene;
    for (int k = 0; k < 3; k++) {
        float margin = 0.25f * (s->bmax[k] - s->bmin[k]) + 1.0f;
        assert_true(l->viewer.cam.target_mm[k] >= s->bmin[k] - margin);
        assert_true(l->viewer.cam.target_mm[k] <= s->bmax[k] + margin);
    }
    loop_close(l);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idle_draws_nothing),
        cmocka_unit_test(test_mouse_drag_orbits_and_wheel_zooms),
        cmocka_unit_test(test_pinch_zooms),
        cmocka_unit_test(test_view_key_animates_then_stops),
        cmocka_unit_test(test_tap_selects_and_double_tap_frames),
        cmocka_unit_test(test_where_mode_taps_the_skin),
        cmocka_unit_test(test_pan_never_loses_the_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
