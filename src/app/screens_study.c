#include "app/screens_study.h"

#include <stdio.h>
#include <string.h>

#include "core/strutil.h"

static const char *T(const StudyScreen *ss, const char *key) {
    return study_text_get(&ss->assets.text, key);
}

static bool scene_has(const char *structure_id, void *user) {
    return scene_find((const Scene *)user, structure_id) >= 0;
}

bool study_screen_init(StudyScreen *ss, const char *assets_dir, const RefView *rv,
                       const char *user_dir, char *err, size_t err_cap) {
    memset(ss, 0, sizeof *ss);
    leitner_init(&ss->srs);
    if (!rv->loaded) {
        return str_fail(err, err_cap, "study mode needs the content, which did not load");
    }
    /* the study words in the language the content was loaded in */
    const char *locale = rv->assets.content.locale ? rv->assets.content.locale : "en";
    if (!study_assets_load(assets_dir, locale, &rv->assets.landmarks, &ss->assets, err, err_cap)) {
        return false;
    }
    if (!ss->assets.have_exits) {
        /* not fatal: only the piriformis question is left out */
        str_copy(ss->status, sizeof ss->status, err);
    }
    ss->ready = true;
    if (user_dir && *user_dir &&
        path_join(ss->progress_path, sizeof ss->progress_path, user_dir, LEITNER_FILE_NAME)) {
        char lerr[1024];
        if (!leitner_load(ss->progress_path, &ss->srs, lerr, sizeof lerr)) {
            /* keep the damaged file for a person to look at and start afresh beside it */
            char aside[4200];
            snprintf(aside, sizeof aside, "%s.damaged", ss->progress_path);
            rename(ss->progress_path, aside);
            snprintf(ss->status, sizeof ss->status, "%.200s (kept as %.260s; starting afresh)",
                     lerr, aside);
        }
    } else {
        ss->progress_path[0] = '\0';
    }
    return true;
}

void study_screen_shutdown(StudyScreen *ss) {
    study_session_free(&ss->session);
    leitner_free(&ss->srs);
    study_assets_free(&ss->assets);
    memset(ss, 0, sizeof *ss);
}

static void save_progress(StudyScreen *ss) {
    char err[1024];
    if (ss->progress_path[0] && !leitner_save(ss->progress_path, &ss->srs, err, sizeof err)) {
        str_copy(ss->status, sizeof ss->status, err);
    }
}

void study_screen_open(StudyScreen *ss, Scene *scene, RefView *rv, uint64_t seed, long today) {
    if (!ss->ready) {
        return;
    }
    study_quiz_data(&ss->assets, &rv->assets, rv->map, &ss->data);
    ss->data.has_mesh = scene_has;
    ss->data.has_mesh_user = (void *)scene;
    ss->today = today;
    ss->seed = seed;
    study_session_start(&ss->session, &ss->data, &ss->srs, today, seed, STUDY_SCREEN_QUESTIONS);
    rv->source = -1; /* a playing referral would paint over the question's marks */
    if (!ss->open) {
        ss->saved_see_through = scene->see_through_mask;
    }
    ss->shown_at = -1;
    ss->marked_item = ss->marked_zone = -2; /* differs from every real mark: apply at once */
    ss->open = true;
    ss->changed = true;
}

void study_screen_close(StudyScreen *ss, Scene *scene, RefView *rv) {
    if (!ss->open) {
        return;
    }
    ss->open = false;
    save_progress(ss);
    scene->highlighted = -1;
    scene->see_through_mask = ss->saved_see_through;
    rv->mark_zone = -1;
    rv->mark_point_set = false;
    ss->changed = true;
}

bool study_screen_is_open(const StudyScreen *ss) {
    return ss->open;
}

bool study_screen_wants_pick(const StudyScreen *ss) {
    const QuizQuestion *q = ss->open ? study_session_current(&ss->session) : NULL;
    return q && q->answer_mode == QUIZ_ANSWER_TAP && !ss->session.answered;
}

bool study_screen_on_pick(StudyScreen *ss, const char *structure_id) {
    if (!study_screen_wants_pick(ss)) {
        return false;
    }
    study_session_answer_tap(&ss->session, structure_id, &ss->srs, ss->today);
    save_progress(ss);
    ss->changed = true;
    return true;
}

bool study_screen_choose(StudyScreen *ss, int option) {
    const QuizQuestion *q = ss->open ? study_session_current(&ss->session) : NULL;
    if (!q || ss->session.answered || option < 0 || option >= q->option_count) {
        return false;
    }
    bool right = study_session_answer(&ss->session, option, &ss->srs, ss->today);
    save_progress(ss);
    ss->changed = true;
    return right;
}

void study_screen_next(StudyScreen *ss) {
    if (ss->open && ss->session.answered) {
        study_session_next(&ss->session);
        ss->changed = true;
    }
}

/* The question's marks on the model: the structure asked about (and, once a "find it"
 * question is answered, the right one), the zone, the point. */
static void apply_marks(StudyScreen *ss, Viewer *v, Scene *scene, RefView *rv) {
    const QuizQuestion *q = study_session_current(&ss->session);
    int hi = -1;
    if (q && q->highlight[0]) {
        hi = scene_find(scene, q->highlight);
    } else if (q && q->answer_mode == QUIZ_ANSWER_TAP && ss->session.answered) {
        hi = scene_find(scene, q->options[q->correct].id);
    }
    int zone = q && q->zone[0] ? content_find_zone(&rv->assets.content, q->zone) : -1;
    bool point = q && q->has_point;
    /* written every frame (the screens may have set their own marks earlier in it), but a
     * change is reported only when the question's marks change, so an idle card draws nothing */
    if (hi != ss->marked_item || zone != ss->marked_zone || point != ss->marked_point ||
        (point && memcmp(ss->marked_point_mm, q->point_mm, sizeof q->point_mm) != 0)) {
        ss->marked_item = hi;
        ss->marked_zone = zone;
        ss->marked_point = point;
        if (point) {
            memcpy(ss->marked_point_mm, q->point_mm, sizeof q->point_mm);
        }
        ss->changed = true;
    }
    scene->highlighted = hi;
    rv->mark_zone = zone;
    rv->mark_point_set = point;
    if (point) {
        memcpy(rv->mark_point_mm, q->point_mm, sizeof q->point_mm);
    }
    /* answers come from taps that select, which Explore mode gives */
    if (v->mode != VIEWER_EXPLORE) {
        v->mode = VIEWER_EXPLORE;
        ss->changed = true;
    }
    /* a new question: a structure is turned to, with the layers around it see-through so
     * a deep one (L5 under psoas, gluteus medius under maximus) shows; a zone or a point is
     * seen whole from the side it is on; anything else from the view last chosen */
    bool teach = q && q->answer_mode == QUIZ_ANSWER_TAP && ss->session.answered &&
                 !ss->shown_answer && hi >= 0;
    if (q && (ss->shown_at != ss->session.current || teach)) {
        /* after a "find it" answer the right structure is turned to in the same way */
        ss->shown_answer = teach;
        ss->shown_at = ss->session.current;
        unsigned see = ss->saved_see_through;
        float c[3];
        if (hi >= 0) {
            see |= LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES) | LAYER_BIT(LAYER_DEEP_MUSCLES) |
                   LAYER_BIT(LAYER_BONES);
            viewer_frame_item(v, scene, hi);
        } else if (point) {
            viewer_go_to_view(v, scene, q->point_mm[2] > 0.0f ? VIEW_ANTERIOR : VIEW_POSTERIOR);
        } else if (zone >= 0 && ref_zone_centre(&rv->assets.engine, zone, rv->map, c)) {
            viewer_go_to_view(v, scene, c[2] > 0.0f ? VIEW_ANTERIOR : VIEW_POSTERIOR);
        } else {
            viewer_go_to_view(v, scene, v->view);
        }
        if (see != scene->see_through_mask) {
            scene->see_through_mask = see;
            ss->changed = true;
        }
    }
    /* what is asked about must be on screen: its layer, or the skin for marks on it */
    unsigned need = 0;
    if (hi >= 0) {
        need |= LAYER_BIT(scene->items[hi].layer);
    }
    if (zone >= 0 || point) {
        need |= LAYER_BIT(LAYER_SKIN);
    }
    if ((v->layer_mask & need) != need) {
        v->layer_mask |= need;
        ss->changed = true;
    }
}

static void fill1(char *out, size_t cap, const char *tmpl, const char *name, const char *value) {
    const char *names[1] = {name};
    const char *values[1] = {value};
    study_format(out, cap, tmpl, names, values, 1);
}

static void score_line(const StudyScreen *ss, char *out, size_t cap) {
    char right[16], asked[16];
    snprintf(right, sizeof right, "%d", ss->session.right);
    snprintf(asked, sizeof asked, "%d", ss->session.asked);
    const char *names[2] = {"right", "asked"};
    const char *values[2] = {right, asked};
    study_format(out, cap, T(ss, "score"), names, values, 2);
}

static void feedback(StudyScreen *ss, UiContext *ui, const RefView *rv, const QuizQuestion *q) {
    char line[QUIZ_LABEL_MAX + 128];
    ui_text(ui, T(ss, ss->session.last_correct ? "correct" : "wrong"), UI_TEXT_TITLE);
    /* Next comes before the explanation, which can be long: it never scrolls out of reach */
    if (ui_button_ex(ui, T(ss, "next"), &(UiButtonOpts){.bold = true})) {
        study_screen_next(ss);
    }
    if (ss->session.tapped[0]) {
        const ContentDb *db = &rv->assets.content;
        int si = content_find_structure(db, ss->session.tapped);
        fill1(line, sizeof line, T(ss, "you_tapped"), "structure",
              si >= 0 ? db->structures[si].name : ss->session.tapped);
        ui_label(ui, line);
    }
    fill1(line, sizeof line, T(ss, "answer_was"), "answer", q->options[q->correct].label);
    ui_text(ui, line, UI_TEXT_BOLD);
    ui_label(ui, q->explanation);
    int ci = content_find_citation(&rv->assets.content, q->citation);
    if (ci >= 0) {
        const ContentCitation *c = &rv->assets.content.citations[ci];
        char cite[768];
        snprintf(cite, sizeof cite, "%s (%d). %s", c->authors, c->year, c->title);
        fill1(line, sizeof line, T(ss, "source_label"), "citation", cite);
        ui_text(ui, line, UI_TEXT_MUTED);
    }
}

static void question(StudyScreen *ss, UiContext *ui, const RefView *rv, const QuizQuestion *q) {
    (void)rv;
    char head[128], n[16], total[16];
    snprintf(n, sizeof n, "%d", ss->session.current + 1);
    snprintf(total, sizeof total, "%d", ss->session.count);
    const char *names[2] = {"n", "total"};
    const char *values[2] = {n, total};
    study_format(head, sizeof head, T(ss, "question_of"), names, values, 2);
    char kind_key[64];
    snprintf(kind_key, sizeof kind_key, "kind_%s", quiz_kind_id(q->kind));
    char line[256];
    snprintf(line, sizeof line, "%s \xC2\xB7 %s", head, T(ss, kind_key));
    ui_text(ui, line, UI_TEXT_MUTED);
    ui_text(ui, q->prompt, UI_TEXT_BOLD);
    if (q->answer_mode == QUIZ_ANSWER_TAP && !ss->session.answered) {
        ui_text(ui, T(ss, "tap_hint"), UI_TEXT_MUTED);
    }
    for (int i = 0; i < q->option_count; i++) {
        /* "A. label" that wraps; the id stays the same whatever the words */
        char label[QUIZ_LABEL_MAX + 32];
        snprintf(label, sizeof label, "%c. %s##study_option_%d", 'A' + i, q->options[i].label, i);
        UiButtonOpts o = {0};
        if (ss->session.answered) {
            o.selected = i == q->correct;
            o.disabled = i != q->correct;
        }
        ui_set_next_width(ui, ui_available_width(ui));
        if (ui_button_ex(ui, label, &o) && !ss->session.answered) {
            study_screen_choose(ss, i);
        }
    }
    if (ss->session.answered) {
        ui_spacer(ui, 6.0f);
        feedback(ss, ui, rv, q);
    }
}

bool study_screen_draw(StudyScreen *ss, UiContext *ui, Viewer *v, Scene *scene, RefView *rv,
                       UiRect r) {
    if (!ss->open || !ss->ready) {
        bool was = ss->changed;
        ss->changed = false;
        return was;
    }
    char title[128];
    snprintf(title, sizeof title, "%s##study", T(ss, "screen_title"));
    bool open = true;
    if (ui_panel_begin(ui, title, r, &open)) {
        const QuizQuestion *q = study_session_current(&ss->session);
        char score[128];
        score_line(ss, score, sizeof score);
        if (ss->session.count == 0) {
            ui_label(ui, T(ss, "no_questions"));
        } else if (q) {
            question(ss, ui, rv, q);
            ui_text(ui, score, UI_TEXT_MUTED);
        } else {
            ui_text(ui, T(ss, "end_title"), UI_TEXT_TITLE);
            char right[16], asked[16], line[512];
            snprintf(right, sizeof right, "%d", ss->session.right);
            snprintf(asked, sizeof asked, "%d", ss->session.asked);
            const char *names[2] = {"right", "asked"};
            const char *values[2] = {right, asked};
            study_format(line, sizeof line, T(ss, "end_score"), names, values, 2);
            ui_label(ui, line);
            if (ui_button_ex(ui, T(ss, "again"), &(UiButtonOpts){.bold = true})) {
                study_screen_open(ss, scene, rv, ss->seed + 1, ss->today);
            }
        }
        if (ss->status[0]) {
            ui_text(ui, ss->status, UI_TEXT_MUTED);
        }
        ui_panel_end(ui);
    }
    if (!open) {
        study_screen_close(ss, scene, rv);
    } else {
        apply_marks(ss, v, scene, rv);
    }
    bool was = ss->changed;
    ss->changed = false;
    return was;
}
