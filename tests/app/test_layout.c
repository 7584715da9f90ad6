/* Layout at every text size: the viewer's screens (the bar, every card and panel, Draw, the
 * quiz, the kiosk's steps) laid out at 1280x800, 800x1280 and 1920x1080, text size 100% to
 * 200%, in English and Spanish, through the real session with the null renderer. No line of
 * text may run past the edge of the card or screen it is drawn in (text cut off), and no two
 * lines of text in the same card may overlap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/screens_internal.h"
#include "app/session.h"
#include "session_fixture.h"

typedef void (*SetUp)(Session *s);

static int source_index(Session *s, const char *id) {
    return content_find_source(&s->rv.assets.content, id);
}

static void st_base(Session *s) {
    (void)s;
}
static void st_layers(Session *s) {
    s->screens.layers_open = true;
    s->viewer.layer_mask |= LAYER_BIT(LAYER_DERMATOMES);
}
static void st_sources(Session *s) {
    s->screens.sources_open = true;
}
static void st_search(Session *s) {
    s->screens.search_open = true;
    strcpy(s->screens.search, "gl");
}
static void st_settings(Session *s) {
    s->screens.settings_open = true;
}
static void st_about(Session *s) {
    s->screens.about_open = true;
}
static void st_flags(Session *s) {
    s->screens.redflags_open = true;
}
static void st_info(Session *s) {
    s->viewer.selected = scene_find(&s->scene, "piriformis_r");
    s->screens.student = true;
}
static void st_play(Session *s) {
    screens_play_source(&s->screens, &s->viewer, &s->scene, &s->rv,
                        source_index(s, "sciatic_at_piriformis_r"));
    s->screens.play.playing = false;
}
static void st_where(Session *s) {
    screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_WHERE);
    s->screens.where_zone = content_find_zone(&s->rv.assets.content, "zone_buttock_r");
    s->viewer.where_changed = true;
}
static void st_draw(Session *s) {
    screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_DRAW);
}
static void st_quiz(Session *s) {
    if (s->screens.study) {
        study_screen_open(s->screens.study, &s->scene, &s->rv, 3, 0);
    }
}

static const struct {
    const char *name;
    SetUp set_up;
} STATES[] = {
    {"bar", st_base},          {"layers", st_layers},
    {"sources", st_sources},   {"search", st_search},
    {"settings", st_settings}, {"about", st_about},
    {"red flags", st_flags},   {"info card", st_info},
    {"playing", st_play},      {"where it hurts", st_where},
    {"draw", st_draw},         {"quiz", st_quiz},
};

typedef struct {
    UiRect r;
    int scope;
    const char *text;
    int len;
} Run;

static bool overlap(UiRect a, UiRect b, float slack) {
    return a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h &&
           b.y + slack < a.y + a.h;
}

/* Checks one frame's commands; returns how many problems it printed. */
static int check_frame(Session *s, const char *what) {
    int n = 0;
    const UiCommand *cmd = ui_commands(s->ui, &n);
    enum { DEPTH = 32, RUNS = 2048 };
    UiRect clip[DEPTH];
    int scope[DEPTH];
    int depth = 0, next_scope = 1;
    clip[0] = (UiRect){0.0f, 0.0f, (float)s->viewer.w, (float)s->viewer.h};
    scope[0] = 0;
    static Run runs[RUNS];
    int nruns = 0, problems = 0;
    for (int i = 0; i < n; i++) {
        const UiCommand *c = &cmd[i];
        if (c->kind == UI_CMD_CLIP_PUSH && depth + 1 < DEPTH) {
            depth++;
            clip[depth] = c->rect;
            scope[depth] = next_scope++;
        } else if (c->kind == UI_CMD_CLIP_POP && depth > 0) {
            depth--;
        } else if (c->kind == UI_CMD_RECT && c->rgba[3] >= 0.99f) {
            /* an opaque card or button drawn later hides the text under it */
            for (int r = 0; r < nruns; r++) {
                if (overlap(runs[r].r, c->rect, 0.0f) && runs[r].scope != scope[depth]) {
                    runs[r--] = runs[--nruns];
                }
            }
        } else if (c->kind == UI_CMD_TEXT && c->len > 0) {
            UiRect k = clip[depth];
            bool shown = c->rect.y + c->rect.h > k.y + 1.0f && c->rect.y < k.y + k.h - 1.0f;
            if (!shown) {
                continue; /* scrolled out of its card */
            }
            if (c->rect.x < k.x - 0.5f || c->rect.x + c->rect.w > k.x + k.w + 0.5f) {
                if (problems < 4) {
                    print_error("%s: text cut off at the %s edge: \"%.*s\"\n", what,
                                c->rect.x < k.x - 0.5f ? "left" : "right", c->len, c->text);
                }
                problems++;
            }
            if (nruns < RUNS) {
                runs[nruns++] = (Run){c->rect, scope[depth], c->text, c->len};
            }
        }
    }
    for (int a = 0; a < nruns; a++) {
        for (int b = a + 1; b < nruns; b++) {
            if (runs[a].scope == runs[b].scope && overlap(runs[a].r, runs[b].r, 2.0f)) {
                if (problems < 4) {
                    print_error("%s: \"%.*s\" overlaps \"%.*s\"\n", what, runs[a].len, runs[a].text,
                                runs[b].len, runs[b].text);
                }
                problems++;
            }
        }
    }
    return problems;
}

static const int SIZES[][2] = {{1280, 800}, {800, 1280}, {1920, 1080}};
static const float SCALES[] = {1.0f, 1.25f, 1.5f, 2.0f};
static const char *const LOCALES[] = {"en", "es"};

static void settle(Session *s, int w, int h) {
    InputFrame in;
    memset(&in, 0, sizeof in);
    in.width_px = w;
    in.height_px = h;
    in.pixel_scale = 1.0f;
    for (int k = 0; k < 3; k++) {
        session_step(s, &in, 0.016f);
    }
}

/* Back to a fresh start between layouts (as the kiosk does for the next patient). */
static void reset(Session *s, float scale) {
    StudyScreen *quiz = s->screens.study;
    if (quiz && study_screen_is_open(quiz)) {
        study_screen_close(quiz, &s->scene, &s->rv);
    }
    kiosk_reset(&s->kiosk, &s->screens, &s->viewer, &s->scene, &s->rv);
    s->screens.study = quiz;
    s->screens.settings.text_scale = scale;
}

static void test_viewer_screens(void **state) {
    (void)state;
    int problems = 0, layouts = 0;
    for (size_t l = 0; l < sizeof LOCALES / sizeof LOCALES[0]; l++) {
        for (size_t z = 0; z < sizeof SIZES / sizeof SIZES[0]; z++) {
            int w = SIZES[z][0], h = SIZES[z][1];
            Session *s = fixture_session(w, h, LOCALES[l], false);
            for (size_t st = 0; st < sizeof STATES / sizeof STATES[0]; st++) {
                for (size_t k = 0; k < sizeof SCALES / sizeof SCALES[0]; k++) {
                    reset(s, SCALES[k]);
                    settle(s, w, h);
                    STATES[st].set_up(s);
                    settle(s, w, h);
                    char what[160];
                    snprintf(what, sizeof what, "%s %dx%d %s at %.0f%%", LOCALES[l], w, h,
                             STATES[st].name, (double)(SCALES[k] * 100.0f));
                    problems += check_frame(s, what);
                    layouts++;
                }
            }
            session_close(s);
            free(s);
        }
    }
    print_message("%d layouts checked\n", layouts);
    assert_int_equal(problems, 0);
}

/* The kiosk's steps for a patient: welcome, language, where (tap and draw), signs, summary. */
static void test_kiosk_steps(void **state) {
    (void)state;
    int problems = 0;
    for (size_t l = 0; l < sizeof LOCALES / sizeof LOCALES[0]; l++) {
        for (size_t z = 0; z < sizeof SIZES / sizeof SIZES[0]; z++) {
            int w = SIZES[z][0], h = SIZES[z][1];
            Session *s = fixture_session(w, h, LOCALES[l], true);
            for (int step = KIOSK_WELCOME; step < KIOSK_STEP_COUNT; step++) {
                for (int draw = 0; draw < (step == KIOSK_WHERE ? 2 : 1); draw++) {
                    for (size_t k = 0; k < sizeof SCALES / sizeof SCALES[0]; k++) {
                        reset(s, SCALES[k]);
                        s->kiosk.step = (KioskStep)step;
                        if (draw) {
                            screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_DRAW);
                        }
                        settle(s, w, h);
                        char what[160];
                        snprintf(what, sizeof what, "kiosk %s %dx%d step %d%s at %.0f%%",
                                 LOCALES[l], w, h, step, draw ? " (draw)" : "",
                                 (double)(SCALES[k] * 100.0f));
                        problems += check_frame(s, what);
                    }
                }
            }
            session_close(s);
            free(s);
        }
    }
    assert_int_equal(problems, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_viewer_screens),
        cmocka_unit_test(test_kiosk_steps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
