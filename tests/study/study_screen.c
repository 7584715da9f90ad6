/* The study card in the viewer, driven headless (null renderer, the real body and content,
 * a text measurer that needs no font): it shows the question and its options as buttons at
 * least 48 px square, marks the question on the model, answers by a press on the right
 * button or by a structure tapped on the model, gives the feedback with the explanation and
 * its source, keeps score, saves the Leitner boxes (mode 0600) and survives a damaged
 * progress file. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/refview.h"
#include "app/scene.h"
#include "app/screens_study.h"
#include "app/viewer.h"
#include "core/fileio.h"
#include "render/gfx.h"
#include "ui/ui.h"
#include "ui/ui_text.h"

enum { W = 1280, H = 800 };

typedef struct {
    Gfx *gfx;
    Scene scene;
    RefView rv;
    Viewer viewer;
    UiContext *ui;
    InputFrame input;
    StudyScreen ss;
    char dir[64];
    char assets[4096];
} Fixture;

static Fixture *F;

static float measure(void *user, int font, float size_px, const char *text, int len) {
    (void)user;
    (void)font;
    return 0.5f * size_px * (float)ui_utf8_count(text, len);
}

static int setup(void **state) {
    (void)state;
    F = calloc(1, sizeof *F);
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    const char *model = getenv("PAINMAP_MODEL");
    if (!F || !assets || !model) {
        return -1;
    }
    snprintf(F->assets, sizeof F->assets, "%s", assets);
    char err[1024];
    GfxDesc d = {.backend = GFX_BACKEND_NULL};
    if (!gfx_create(&d, &F->gfx, err, sizeof err) ||
        !scene_load(&F->scene, F->gfx, model, LOD_FULL, true, err, sizeof err) ||
        !refview_load(&F->rv, assets, "en", &F->scene, F->gfx, err, sizeof err)) {
        print_error("%s\n", err);
        return -1;
    }
    viewer_init(&F->viewer, &F->scene, VIEW_POSTERIOR, LAYER_BIT(LAYER_BONES), W, H);
    UiDesc ud = {.measure = measure};
    F->ui = ui_create(&ud);
    snprintf(F->dir, sizeof F->dir, "/tmp/painmap-studyui-XXXXXX");
    if (!F->ui || !mkdtemp(F->dir)) {
        return -1;
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/%s", F->dir, LEITNER_FILE_NAME);
    remove(path);
    snprintf(path, sizeof path, "%s/%s.damaged", F->dir, LEITNER_FILE_NAME);
    remove(path);
    rmdir(F->dir);
    ui_destroy(F->ui);
    refview_unload(&F->rv, F->gfx);
    scene_unload(&F->scene, F->gfx);
    gfx_destroy(F->gfx);
    free(F);
    return 0;
}

static bool frame(void) {
    F->input.width_px = W;
    F->input.height_px = H;
    ui_begin(F->ui, &F->input, W, H, 1.0f, 0.016f);
    bool changed =
        study_screen_draw(&F->ss, F->ui, &F->viewer, &F->scene, &F->rv, (UiRect){20, 60, 420, 0});
    ui_end(F->ui);
    F->input.count = 0;
    return changed;
}

/* A press and, a frame later, the release at (x, y). */
static void click(float x, float y) {
    InputEvent e = {.kind = INPUT_POINTER_DOWN,
                    .pointer_id = INPUT_MOUSE_ID,
                    .button = INPUT_BUTTON_LEFT,
                    .x_px = x,
                    .y_px = y};
    input_push(&F->input, &e);
    frame();
    e.kind = INPUT_POINTER_UP;
    input_push(&F->input, &e);
    frame();
}

/* The background box of the button whose text starts with prefix, from the last frame's
 * commands; false if there is none. */
static bool button_rect(const char *prefix, UiRect *out) {
    int n = 0;
    const UiCommand *c = ui_commands(F->ui, &n);
    const UiCommand *box = NULL;
    size_t len = strlen(prefix);
    for (int i = 0; i < n; i++) {
        if (c[i].kind == UI_CMD_RECT) {
            box = &c[i];
        } else if (c[i].kind == UI_CMD_TEXT && box && (size_t)c[i].len >= len &&
                   strncmp(c[i].text, prefix, len) == 0) {
            *out = box->rect;
            return true;
        }
    }
    return false;
}

static const QuizQuestion *current(void) {
    return study_session_current(&F->ss.session);
}

static void open_sitting(uint64_t seed) {
    char err[1024];
    study_screen_shutdown(&F->ss);
    assert_true(study_screen_init(&F->ss, F->assets, &F->rv, F->dir, err, sizeof err));
    study_screen_open(&F->ss, &F->scene, &F->rv, seed, 20000);
    assert_true(study_screen_is_open(&F->ss));
    assert_true(frame());
}

static void test_shows_question_and_marks(void **state) {
    (void)state;
    open_sitting(3);
    const QuizQuestion *q = current();
    assert_non_null(q);
    char text[16384];
    ui_describe(F->ui, text, sizeof text);
    if (!strstr(text, q->prompt)) {
        fail_msg("the card does not show the prompt '%s':\n%s", q->prompt, text);
    }
    for (int i = 0; i < q->option_count; i++) {
        char prefix[8];
        snprintf(prefix, sizeof prefix, "%c. ", 'A' + i);
        UiRect r;
        assert_true(button_rect(prefix, &r));
        if (r.w < 48.0f || r.h < 48.0f) {
            fail_msg("option %c is %.0f x %.0f px, under 48", 'A' + i, (double)r.w, (double)r.h);
        }
    }
    /* every question of the sitting is marked on the model as it comes up */
    for (; !study_session_done(&F->ss.session);) {
        q = current();
        if (q->highlight[0]) {
            int item = scene_find(&F->scene, q->highlight);
            assert_true(item >= 0);
            assert_int_equal(F->scene.highlighted, item);
            assert_true(F->viewer.layer_mask & LAYER_BIT(F->scene.items[item].layer));
        }
        if (q->has_point) {
            assert_true(F->rv.mark_point_set);
            assert_true(F->viewer.layer_mask & LAYER_BIT(LAYER_SKIN));
        }
        if (q->zone[0]) {
            assert_int_equal(F->rv.mark_zone, content_find_zone(&F->rv.assets.content, q->zone));
        }
        assert_true(study_screen_choose(&F->ss, q->correct));
        study_screen_next(&F->ss);
        frame();
    }
    ui_describe(F->ui, text, sizeof text);
    assert_non_null(strstr(text, "Quiz finished"));
    assert_non_null(strstr(text, "You answered 10 of 10"));
    study_screen_close(&F->ss, &F->scene, &F->rv);
    assert_int_equal(F->scene.highlighted, -1);
    assert_int_equal(F->rv.mark_zone, -1);
    assert_false(F->rv.mark_point_set);
}

static void test_press_right_and_wrong(void **state) {
    (void)state;
    open_sitting(5);
    const QuizQuestion *q = current();
    /* the right button, pressed like a person would */
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%c. ", 'A' + q->correct);
    UiRect r;
    assert_true(button_rect(prefix, &r));
    click(r.x + 0.5f * r.w, r.y + 0.5f * r.h);
    frame();
    frame();
    assert_true(F->ss.session.answered);
    assert_int_equal(F->ss.session.right, 1);
    char text[16384];
    ui_describe(F->ui, text, sizeof text);
    assert_non_null(strstr(text, "Correct."));
    assert_non_null(strstr(text, "Score: 1 of 1"));
    int ci = content_find_citation(&F->rv.assets.content, q->citation);
    assert_true(ci >= 0);
    assert_non_null(strstr(text, F->rv.assets.content.citations[ci].authors));
    /* Next, then a wrong one: the feedback says so and names the right answer */
    assert_true(button_rect("Next question", &r));
    click(r.x + 0.5f * r.w, r.y + 0.5f * r.h);
    frame();
    frame();
    q = current();
    assert_false(F->ss.session.answered);
    int wrong = (q->correct + 1) % q->option_count;
    assert_false(study_screen_choose(&F->ss, wrong));
    frame();
    ui_describe(F->ui, text, sizeof text);
    assert_non_null(strstr(text, "Not quite."));
    assert_non_null(strstr(text, q->options[q->correct].label));
    assert_non_null(strstr(text, "Score: 1 of 2"));
    /* the answers are kept, privately */
    char path[256];
    snprintf(path, sizeof path, "%s/%s", F->dir, LEITNER_FILE_NAME);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    Leitner l;
    leitner_init(&l);
    char err[512];
    assert_true(leitner_load(path, &l, err, sizeof err));
    const LeitnerItem *it = leitner_find(&l, q->item);
    assert_non_null(it);
    assert_int_equal(it->box, 1);
    leitner_free(&l);
    char missed[QUIZ_ITEM_MAX];
    snprintf(missed, sizeof missed, "%s", q->item);
    study_screen_close(&F->ss, &F->scene, &F->rv);
    /* the missed item comes first in the next sitting */
    open_sitting(99);
    assert_string_equal(current()->item, missed);
    study_screen_close(&F->ss, &F->scene, &F->rv);
}

static void test_tap_on_the_model(void **state) {
    (void)state;
    bool found = false;
    for (uint64_t seed = 0; seed < 20 && !found; seed++) {
        open_sitting(100 + seed);
        while (!study_session_done(&F->ss.session)) {
            const QuizQuestion *q = current();
            if (q->answer_mode != QUIZ_ANSWER_TAP) {
                assert_false(study_screen_wants_pick(&F->ss));
                assert_false(study_screen_on_pick(&F->ss, "femur_r"));
                study_screen_choose(&F->ss, q->correct);
                study_screen_next(&F->ss);
                frame();
                continue;
            }
            found = true;
            assert_true(study_screen_wants_pick(&F->ss));
            /* nothing is highlighted: that would give the answer away */
            assert_int_equal(F->scene.highlighted, -1);
            const char *right = q->options[q->correct].id;
            const char *other = strcmp(right, "sacrum") ? "sacrum" : "coccyx";
            assert_true(study_screen_on_pick(&F->ss, other));
            assert_false(F->ss.session.last_correct);
            assert_false(study_screen_wants_pick(&F->ss));
            frame();
            /* the right structure is shown once answered */
            assert_int_equal(F->scene.highlighted, scene_find(&F->scene, right));
            char text[16384];
            ui_describe(F->ui, text, sizeof text);
            assert_non_null(strstr(text, "You tapped"));
            break;
        }
        study_screen_close(&F->ss, &F->scene, &F->rv);
    }
    assert_true(found);
}

/* An idle card asks for no redraw, even when the screens reset the marks earlier in each
 * frame (as they do for the selection), and the marks it wants are back by the frame's end. */
static void test_idle_card_draws_nothing(void **state) {
    (void)state;
    open_sitting(11);
    /* a question that puts a mark on the model */
    const QuizQuestion *q = current();
    while (q && !q->highlight[0] && !q->has_point && !q->zone[0]) {
        study_screen_choose(&F->ss, q->correct);
        study_screen_next(&F->ss);
        frame();
        q = current();
    }
    assert_non_null(q);
    frame();
    frame();
    for (int i = 0; i < 5; i++) {
        F->scene.highlighted = -1;
        F->rv.mark_zone = -1;
        F->rv.mark_point_set = false;
        if (frame()) {
            fail_msg("frame %d of an idle card asked for a redraw", i);
        }
        if (q->highlight[0]) {
            assert_int_equal(F->scene.highlighted, scene_find(&F->scene, q->highlight));
        }
        assert_int_equal(F->rv.mark_point_set, q->has_point);
    }
    /* an answer changes the picture (the feedback; for a tap question, the highlight) */
    study_screen_choose(&F->ss, q->correct);
    assert_true(frame());
    study_screen_close(&F->ss, &F->scene, &F->rv);
}

static void test_damaged_progress(void **state) {
    (void)state;
    char path[256], err[1024];
    snprintf(path, sizeof path, "%s/%s", F->dir, LEITNER_FILE_NAME);
    assert_true(file_write_atomic(path, "{\"schema\":1,", 12, err, sizeof err));
    study_screen_shutdown(&F->ss);
    assert_true(study_screen_init(&F->ss, F->assets, &F->rv, F->dir, err, sizeof err));
    assert_non_null(strstr(F->ss.status, "starting afresh"));
    char aside[300];
    snprintf(aside, sizeof aside, "%s.damaged", path);
    assert_int_equal(access(aside, F_OK), 0);
    assert_int_equal(F->ss.srs.count, 0);
    /* no user folder (the kiosk): nothing is written */
    study_screen_shutdown(&F->ss);
    remove(path);
    assert_true(study_screen_init(&F->ss, F->assets, &F->rv, NULL, err, sizeof err));
    study_screen_open(&F->ss, &F->scene, &F->rv, 1, 20000);
    study_screen_choose(&F->ss, 0);
    assert_int_not_equal(access(path, F_OK), 0);
    study_screen_close(&F->ss, &F->scene, &F->rv);
    study_screen_shutdown(&F->ss);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shows_question_and_marks),
        cmocka_unit_test(test_press_right_and_wrong),
        cmocka_unit_test(test_tap_on_the_model),
        cmocka_unit_test(test_idle_card_draws_nothing),
        cmocka_unit_test(test_damaged_progress),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
