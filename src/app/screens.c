#include "app/screens.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/screens_internal.h"
#include "core/strutil.h"
#include "core/ids.h"

const char *screens_text(const RefView *rv, const char *key, const char *fallback) {
    return rv->loaded ? content_ui(&rv->assets.content, key, fallback) : fallback;
}

const char *screens_tr(const RefView *rv, const char *key) {
    return screens_text(rv, key, key);
}

const char *screens_trid(const RefView *rv, const char *key) {
    /* a few frames' worth of labels live at once (a row of buttons): a small ring */
    static char ring[8][320];
    static unsigned next;
    char *buf = ring[next++ % 8];
    snprintf(buf, sizeof ring[0], "%s##%s", screens_tr(rv, key), key);
    return buf;
}

void screens_init(Screens *s) {
    memset(s, 0, sizeof *s);
    settings_default(&s->settings);
    s->play.speed = 1.0f;
    s->play.loop = true;
    s->last_selected = -1;
    s->compare_source = -1;
    s->where_zone = -1;
    paint_init(&s->paint);
}

void screens_free(Screens *s) {
    paint_free(&s->paint);
}

bool screens_advance(Screens *s, float dt_sec) {
    if (!s->play.playing) {
        return false;
    }
    s->play.t_sec += dt_sec * s->play.speed;
    if (s->play.t_sec >= REF_TIMELINE_SEC) {
        if (s->play.loop) {
            s->play.t_sec = fmodf(s->play.t_sec, REF_TIMELINE_SEC);
        } else {
            s->play.t_sec = REF_TIMELINE_SEC;
            s->play.playing = false;
        }
    }
    return true;
}

float screens_display_time(const Screens *s) {
    float t = s->play.t_sec;
    if (!s->settings.reduced_motion) {
        return t;
    }
    static const float ends[] = {REF_TENSION_SEC, REF_TENSION_SEC + REF_TRAVEL_SEC,
                                 REF_TENSION_SEC + REF_TRAVEL_SEC + REF_PRIMARY_SEC,
                                 REF_TIMELINE_SEC};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        if (t < ends[i]) {
            return ends[i] - 0.01f;
        }
    }
    return REF_TIMELINE_SEC;
}

/* A view that shows a source's zones: from behind when most of them lie behind the body's
 * midplane, else from the front. */
static ViewId best_view(const RefView *rv, int source) {
    const ContentSource *src = &rv->assets.content.sources[source];
    float z = 0.0f;
    int n = 0;
    for (int i = 0; i < src->primary.count; i++) {
        float c[3];
        if (ref_zone_centre(&rv->assets.engine, src->primary.items[i], rv->map, c)) {
            z += c[2];
            n++;
        }
    }
    return n > 0 && z / (float)n > 0.0f ? VIEW_ANTERIOR : VIEW_POSTERIOR;
}

void screens_play_source(Screens *s, Viewer *v, const Scene *scene, RefView *rv, int source) {
    if (!rv->loaded || source < 0 || source >= rv->assets.content.source_count) {
        return;
    }
    rv->source = source;
    s->play.t_sec = 0.0f;
    s->play.playing = true;
    s->changed = true;
    if (s->bar_reserve_px > 0.0f) {
        /* the playback panel is about to open: frame the body beside it */
        v->inset_bottom_px = s->bar_reserve_px;
        v->inset_right_px = s->reserve_right_px;
    }
    viewer_go_to_view(v, scene, best_view(rv, source));
}

/* ----------------------------------------------------------------------------------- */

void screens_set_mode(Screens *s, Viewer *v, RefView *rv, ViewerMode mode) {
    v->mode = mode;
    s->where_open = mode == VIEWER_WHERE;
    if (mode == VIEWER_DRAW) {
        /* the drawing alone on the skin: no pattern plays over it */
        rv->source = -1;
        s->play.playing = false;
        s->compare_source = -1;
        v->selected = -1;
        v->layer_mask |= LAYER_BIT(LAYER_SKIN);
    }
    s->changed = true;
    v->dirty = true;
}

/* Returns the bottom edge of the bar (it wraps onto more lines when narrow or scaled up). */
static float top_bar(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                     float w) {
    float pad = ui_px(ui, 10.0f);
    /* right: About and the red-flags button, which is always on screen */
    const char *rf = screens_tr(rv, "red_flags_button");
    UiButtonOpts danger = {.danger = true, .bold = true};
    UiSize rs = ui_button_size_ex(ui, rf, &danger);
    UiSize as = ui_button_size(ui, screens_tr(rv, "about"));
    UiSize ss = ui_button_size(ui, screens_tr(rv, "settings"));
    float right_w = fminf(rs.w + as.w + ss.w + 4.0f * pad, w);
    ui_area_begin(ui, (UiRect){w - right_w, pad, right_w, 0.0f});
    ui_row_begin(ui);
    UiButtonOpts sel = {.selected = s->settings_open};
    if (ui_button_ex(ui, TRID(rv, "settings"), &sel)) {
        s->settings_open = !s->settings_open;
    }
    sel.selected = s->about_open;
    if (ui_button_ex(ui, TRID(rv, "about"), &sel)) {
        s->about_open = !s->about_open;
    }
    if (ui_button_ex(ui, rf, &danger)) {
        s->redflags_open = !s->redflags_open;
    }
    ui_row_end(ui);
    UiRect last = ui_last_rect(ui);
    float bottom = last.y + last.h;
    ui_area_end(ui);
    /* the rest beside those, or below them when the mode switch would not fit beside */
    const char *modes[3] = {screens_tr(rv, "mode_explore"), screens_tr(rv, "mode_where"),
                            screens_tr(rv, "mode_draw")};
    float modes_w = 0.0f;
    for (int i = 0; i < 3; i++) {
        modes_w = fmaxf(modes_w, ui_button_size(ui, modes[i]).w);
    }
    bool beside = w - right_w - pad >= 3.0f * modes_w + pad;
    UiRect rest = beside ? (UiRect){pad, pad, w - right_w - pad, 0.0f}
                         : (UiRect){pad, bottom + pad, w - 2.0f * pad, 0.0f};
    ui_area_begin(ui, rest);
    ui_row_begin(ui);
    int mode = (int)v->mode;
    if (ui_segmented(ui, "mode", modes, 3, &mode)) {
        screens_set_mode(s, v, rv, (ViewerMode)mode);
    }
    sel.selected = s->layers_open;
    if (ui_button_ex(ui, TRID(rv, "layers"), &sel)) {
        s->layers_open = !s->layers_open;
        s->sources_open = false;
        s->search_open = false;
    }
    sel.selected = s->sources_open;
    if (ui_button_ex(ui, TRID(rv, "pain_sources"), &sel)) {
        s->sources_open = !s->sources_open;
        s->layers_open = false;
        s->search_open = false;
    }
    sel.selected = s->search_open;
    if (ui_button_ex(ui, TRID(rv, "search"), &sel)) {
        s->search_open = !s->search_open;
        s->layers_open = false;
        s->sources_open = false;
        s->focus_search = s->search_open;
    }
    sel.selected = s->student;
    if (ui_button_ex(ui, TRID(rv, "student_words"), &sel)) {
        s->student = !s->student;
    }
    sel.selected = s->text_open;
    if (ui_button_ex(ui, TRID(rv, "text_view"), &sel)) {
        s->text_open = !s->text_open;
    }
    if (s->study) {
        sel.selected = study_screen_is_open(s->study);
        if (ui_button_ex(ui, TRID(rv, "mode_quiz"), &sel)) {
            if (sel.selected) {
                study_screen_close(s->study, (Scene *)scene, rv);
            } else {
                s->info_open = false;
                s->where_open = false;
                s->play.playing = false;
                study_screen_open(s->study, (Scene *)scene, rv, s->study->seed + 1,
                                  s->study->today);
            }
            s->changed = true;
        }
    }
    ui_row_end(ui);
    last = ui_last_rect(ui);
    ui_area_end(ui);
    return fmaxf(bottom, last.y + last.h);
}

static void layers_panel(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                         UiRect r) {
    if (!ui_panel_begin(ui, screens_tr(rv, "layers_and_views"), r, &s->layers_open)) {
        return;
    }
    for (int l = 0; l < LAYER_COUNT; l++) {
        char key[48];
        snprintf(key, sizeof key, "layer_%s", layer_name((LayerId)l));
        bool on = (v->layer_mask & LAYER_BIT((LayerId)l)) != 0;
        ui_push_id_int(ui, l);
        if (ui_toggle(ui, screens_tr(rv, key), &on)) {
            v->layer_mask ^= LAYER_BIT((LayerId)l);
            s->changed = true;
        }
        ui_pop_id(ui);
    }
    /* the skin is always see-through; the layers under it can be too */
    ui_text(ui, screens_tr(rv, "see_through"), UI_TEXT_BOLD);
    static const LayerId see[] = {LAYER_SUPERFICIAL_MUSCLES, LAYER_DEEP_MUSCLES, LAYER_BONES};
    for (size_t i = 0; i < sizeof see / sizeof see[0]; i++) {
        char key[48];
        snprintf(key, sizeof key, "layer_%s", layer_name(see[i]));
        bool on = (scene->see_through_mask & LAYER_BIT(see[i])) != 0;
        ui_push_id_int(ui, 100 + (int)i);
        if (ui_toggle(ui, screens_tr(rv, key), &on)) {
            ((Scene *)scene)->see_through_mask ^= LAYER_BIT(see[i]);
            s->changed = true;
        }
        ui_pop_id(ui);
    }
    if ((v->layer_mask & LAYER_BIT(LAYER_DERMATOMES)) && rv->loaded) {
        ui_text(ui, screens_tr(rv, "dermatome_map"), UI_TEXT_BOLD);
        const char *maps[2] = {screens_tr(rv, "map_keegan_garrett"),
                               screens_tr(rv, "map_lee_2008")};
        int kg = ref_map_find(&rv->assets.engine, "keegan_garrett");
        int current = rv->map == kg ? 0 : 1;
        if (ui_segmented(ui, "map", maps, 2, &current)) {
            int m = ref_map_find(&rv->assets.engine, current == 0 ? "keegan_garrett" : "lee_2008");
            if (m >= 0) {
                rv->map = m;
                s->settings.map = current == 0 ? DERM_MAP_KEEGAN_GARRETT : DERM_MAP_LEE_2008;
                s->settings_changed = true;
                s->changed = true;
            }
        }
        if (rv->assets.content.meta.dermatome_maps_note) {
            ui_text(ui, rv->assets.content.meta.dermatome_maps_note, UI_TEXT_MUTED);
        }
    }
    ui_spacer(ui, 6.0f);
    ui_text(ui, screens_tr(rv, "views"), UI_TEXT_BOLD);
    ui_row_begin(ui);
    for (int i = 0; i < VIEW_COUNT; i++) {
        char key[48];
        snprintf(key, sizeof key, "view_%s", view_name((ViewId)i));
        ui_push_id_int(ui, i);
        if (ui_button(ui, screens_tr(rv, key))) {
            viewer_go_to_view(v, scene, (ViewId)i);
            if (i == VIEW_DEEP_POSTERIOR) {
                v->layer_mask &= ~(LAYER_BIT(LAYER_SKIN) | LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES));
                s->changed = true;
            }
        }
        ui_pop_id(ui);
    }
    ui_row_end(ui);
    Scene *sc = (Scene *)scene;
    bool any_hidden = sc->isolated >= 0;
    for (int i = 0; i < sc->count && !any_hidden; i++) {
        any_hidden = sc->item_hidden[i];
    }
    if (any_hidden && ui_button(ui, screens_tr(rv, "show_all_again"))) {
        sc->isolated = -1;
        memset(sc->item_hidden, 0, sizeof sc->item_hidden);
        s->changed = true;
    }
    ui_panel_end(ui);
}

const char *screens_source_label(const Screens *s, const ContentSource *src) {
    return s->student ? src->name : src->plain_name;
}

static void sources_panel(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                          UiRect r) {
    const char *title = screens_tr(rv, s->picking_compare ? "compare_with" : "sources_title");
    if (!ui_panel_begin(ui, title, r, &s->sources_open)) {
        return;
    }
    if (!rv->loaded) {
        ui_label(ui, screens_text(rv, "content_not_loaded", CONTENT_NOT_LOADED));
        ui_panel_end(ui);
        return;
    }
    static const char *const groups[] = {"muscles", "joints", "nerves", "nerve_roots"};
    const ContentDb *db = &rv->assets.content;
    ui_list_begin(ui, "source_list", 0.0f);
    for (int g = 0; g < 4; g++) {
        char key[48];
        snprintf(key, sizeof key, "group_%s", groups[g]);
        ui_text(ui, screens_tr(rv, key), UI_TEXT_BOLD);
        for (int i = 0; i < db->source_count; i++) {
            const ContentSource *src = &db->sources[i];
            if (strcmp(src->group, groups[g]) != 0) {
                continue;
            }
            ui_push_id(ui, src->id);
            bool chosen = s->picking_compare ? s->compare_source == i : rv->source == i;
            if (ui_list_item(ui, screens_source_label(s, src), chosen)) {
                if (s->picking_compare) {
                    s->compare_source = i;
                    s->picking_compare = false;
                    s->sources_open = false;
                    s->changed = true;
                } else {
                    screens_play_source(s, v, scene, rv, i);
                }
            }
            ui_pop_id(ui);
        }
    }
    ui_list_end(ui);
    ui_panel_end(ui);
}

static void citations_text(UiContext *ui, const ContentDb *db, const ContentIndexList *list) {
    for (int i = 0; i < list->count; i++) {
        const ContentCitation *c = &db->citations[list->items[i]];
        char line[768];
        snprintf(line, sizeof line, "%s (%d). %s. %s.", c->authors, c->year, c->title, c->journal);
        ui_text(ui, line, UI_TEXT_MUTED);
    }
}

static void field(UiContext *ui, const char *label, const char *value) {
    if (!value || !*value) {
        return;
    }
    ui_text(ui, label, UI_TEXT_BOLD);
    ui_label(ui, value);
}

static void info_card(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                      UiRect r) {
    Scene *sc = (Scene *)scene;
    const SceneItem *it = &scene->items[v->selected];
    const ContentDb *db = &rv->assets.content;
    int si = rv->loaded ? content_find_structure(db, it->id) : -1;
    const ContentStructure *st = si >= 0 ? &db->structures[si] : NULL;
    const char *title = st ? (s->student ? st->name : st->plain_name) : it->id;
    bool open = true;
    if (!ui_panel_begin(ui, title, r, &open)) {
        return;
    }
    if (st) {
        char kind[64];
        snprintf(kind, sizeof kind, "kind_%s", st->kind);
        ui_text(ui, s->student ? st->plain_name : st->name, UI_TEXT_MUTED);
        ui_label(ui, s->student ? st->student_text : st->patient_text);
        if (s->student) {
            field(ui, screens_tr(rv, "origin"), st->origin);
            field(ui, screens_tr(rv, "insertion"), st->insertion);
            if (st->nerve && *st->nerve) {
                char inn[512];
                int n = snprintf(inn, sizeof inn, "%s", st->nerve);
                for (int k = 0; k < st->segment_count && n < (int)sizeof inn; k++) {
                    n += snprintf(inn + n, sizeof inn - (size_t)n, "%s%s", k ? "-" : " (",
                                  st->segments[k]);
                }
                if (st->segment_count && n < (int)sizeof inn) {
                    snprintf(inn + n, sizeof inn - (size_t)n, ")");
                }
                field(ui, screens_tr(rv, "innervation"), inn);
                if (st->innervation_note && *st->innervation_note) {
                    ui_text(ui, st->innervation_note, UI_TEXT_MUTED);
                }
            }
            field(ui, screens_tr(rv, "action"), st->action);
            ui_text(ui, screens_tr(rv, "citations"), UI_TEXT_BOLD);
            citations_text(ui, db, &st->citations);
        }
        int src = content_find_source(db, it->id);
        if (src >= 0 && ui_button(ui, screens_tr(rv, "show_referral"))) {
            screens_play_source(s, v, scene, rv, src);
        }
    } else {
        ui_label(ui, it->id);
    }
    ui_row_begin(ui);
    if (ui_button(ui, screens_tr(rv, "hide_this"))) {
        sc->item_hidden[v->selected] = true;
        v->selected = -1;
        s->changed = true;
    } else if (ui_button(ui, screens_tr(rv, sc->isolated >= 0 ? "show_rest" : "show_only_this"))) {
        sc->isolated = sc->isolated >= 0 ? -1 : v->selected;
        s->changed = true;
    } else if (ui_button(ui, screens_tr(rv, "zoom_to_it"))) {
        viewer_frame_item(v, scene, v->selected);
    }
    ui_row_end(ui);
    ui_panel_end(ui);
    if (!open) {
        v->selected = -1;
        s->changed = true;
    }
}

void screens_where_card(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                        UiRect r) {
    if (!ui_panel_begin(ui, screens_tr(rv, "where_title"), r, &s->where_open)) {
        return;
    }
    if (!v->where_set && s->where_zone < 0) {
        ui_label(ui, screens_tr(rv, "where_hint"));
    } else if (s->where_total == 0) {
        ui_label(ui, screens_tr(rv, "where_empty"));
    } else {
        const ContentDb *db = &rv->assets.content;
        for (int pass = 0; pass < 2; pass++) {
            bool primary = pass == 0;
            bool heading = false;
            for (int i = 0; i < s->where_count; i++) {
                if (s->where[i].primary != primary) {
                    continue;
                }
                if (!heading) {
                    ui_text(ui,
                            primary ? screens_tr(rv, "where_primary_heading")
                                    : screens_tr(rv, "where_spillover_heading"),
                            UI_TEXT_BOLD);
                    heading = true;
                }
                const ContentSource *src = &db->sources[s->where[i].source];
                ui_push_id(ui, src->id);
                if (ui_list_item(ui, screens_source_label(s, src),
                                 rv->source == s->where[i].source)) {
                    screens_play_source(s, v, scene, rv, s->where[i].source);
                }
                ui_pop_id(ui);
            }
        }
        ui_text(ui, screens_tr(rv, "where_note"), UI_TEXT_MUTED);
    }
    ui_panel_end(ui);
}

float screens_bar_height(UiContext *ui, float h) {
    return fminf(ui_px(ui, 270.0f), 0.5f * h);
}

UiRect screens_bar_rect(UiContext *ui, float x0, float x1, float h) {
    float pad = ui_px(ui, 10.0f);
    float bar_w = fminf(x1 - x0 - 2.0f * pad, ui_px(ui, 900.0f));
    float bar_h = screens_bar_height(ui, h);
    return (UiRect){0.5f * (x0 + x1 - bar_w), h - bar_h - pad, bar_w, bar_h};
}

void screens_playback_bar(Screens *s, UiContext *ui, RefView *rv, UiRect r) {
    const ContentSource *src = &rv->assets.content.sources[rv->source];
    bool open = true;
    if (!ui_panel_begin(ui, screens_source_label(s, src), r, &open)) {
        return;
    }
    char phase_key[32];
    snprintf(phase_key, sizeof phase_key, "phase_%s",
             rv->sample.phase_id ? rv->sample.phase_id : "tension");
    ui_text(ui, screens_tr(rv, phase_key), UI_TEXT_MUTED);
    ui_text(ui, rv->sample.caption ? rv->sample.caption : "", UI_TEXT_TITLE);
    ui_row_begin(ui);
    if (ui_button(ui, s->play.playing ? screens_tr(rv, "pause") : screens_tr(rv, "play"))) {
        s->play.playing = !s->play.playing;
        if (s->play.playing && s->play.t_sec >= REF_TIMELINE_SEC) {
            s->play.t_sec = 0.0f;
        }
    }
    if (ui_button(ui, screens_tr(rv, "restart"))) {
        s->play.t_sec = 0.0f;
        s->play.playing = true;
        s->changed = true;
    }
    ui_toggle(ui, screens_tr(rv, "loop"), &s->play.loop);
    if (s->compare_source >= 0) {
        if (ui_button(ui, screens_tr(rv, "stop_comparing"))) {
            s->compare_source = -1;
            s->changed = true;
        }
    } else if (ui_button(ui, screens_tr(rv, "mode_compare"))) {
        s->picking_compare = true;
        s->sources_open = true;
        s->layers_open = false;
        s->search_open = false;
    }
    const char *speeds[3] = {"0.5x", "1x", "2x"};
    int sp = s->play.speed < 0.75f ? 0 : (s->play.speed > 1.5f ? 2 : 1);
    if (ui_segmented(ui, "speed", speeds, 3, &sp)) {
        s->play.speed = sp == 0 ? 0.5f : (sp == 2 ? 2.0f : 1.0f);
    }
    ui_row_end(ui);
    float u = s->play.t_sec / REF_TIMELINE_SEC;
    if (ui_slider(ui, "scrub", &u, 0.02f)) {
        s->play.t_sec = u * REF_TIMELINE_SEC;
        s->play.playing = false;
        s->changed = true;
    }
    if (s->student && src->evidence_note) {
        char ev[64];
        snprintf(ev, sizeof ev, "evidence_%s", src->evidence_level ? src->evidence_level : "");
        char line[1024];
        snprintf(line, sizeof line, "%s: %s", screens_tr(rv, ev), src->evidence_note);
        ui_text(ui, line, UI_TEXT_MUTED);
        citations_text(ui, &rv->assets.content, &src->citations);
    } else if (src->summary_patient) {
        ui_text(ui, s->student ? src->summary_student : src->summary_patient, UI_TEXT_MUTED);
    }
    ui_panel_end(ui);
    if (!open) {
        rv->source = -1;
        s->play.playing = false;
        s->changed = true;
    }
}

void screens_redflags_card(Screens *s, UiContext *ui, RefView *rv, float w, float h) {
    float cw = fminf(w - ui_px(ui, 20.0f), ui_px(ui, 640.0f));
    float top = fmaxf(s->top_px, ui_px(ui, 70.0f));
    UiRect r = {0.5f * (w - cw), top, cw, h - top - ui_px(ui, 20.0f)};
    const ContentDb *db = &rv->assets.content;
    const char *title =
        rv->loaded && db->redflags_title ? db->redflags_title : REDFLAGS_FALLBACK_TITLE;
    if (!ui_panel_begin(ui, title, r, &s->redflags_open)) {
        return;
    }
    if (!rv->loaded) {
        ui_label(ui, REDFLAGS_FALLBACK_TEXT);
        ui_panel_end(ui);
        return;
    }
    if (db->redflags_intro) {
        ui_label(ui, db->redflags_intro);
    }
    for (int g = 0; g < db->redflag_group_count; g++) {
        const ContentRedFlagGroup *grp = &db->redflag_groups[g];
        char key[48];
        snprintf(key, sizeof key, "red_flags_%s", grp->urgency);
        char head[256];
        snprintf(head, sizeof head, "%s: %s", screens_tr(rv, key), grp->title);
        ui_text(ui, head, UI_TEXT_BOLD);
        for (int i = 0; i < grp->item_count; i++) {
            char item[1024];
            snprintf(item, sizeof item, "\xE2\x80\xA2 %s", grp->items[i].text);
            ui_label(ui, item);
        }
        ui_text(ui, grp->action, UI_TEXT_BOLD);
        ui_spacer(ui, 6.0f);
    }
    ui_panel_end(ui);
}

static bool contains_ci(const char *hay, const char *needle) {
    if (!hay || !*needle) {
        return false;
    }
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t k = 0;
        while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)needle[k])) {
            k++;
        }
        if (k == n) {
            return true;
        }
    }
    return false;
}

static void search_panel(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                         UiRect r) {
    if (!ui_panel_begin(ui, screens_tr(rv, "search"), r, &s->search_open)) {
        return;
    }
    if (s->focus_search) {
        /* the field's id belongs to the card's scope: give it focus from inside the card */
        ui_set_focus(ui, "search_field");
        s->focus_search = false;
    }
    ui_text_field(ui, "search_field", s->search, (int)sizeof s->search,
                  screens_tr(rv, "search_placeholder"));
    if (rv->loaded && s->search[0]) {
        const ContentDb *db = &rv->assets.content;
        int shown = 0;
        ui_list_begin(ui, "search_results", 0.0f);
        for (int i = 0; i < db->structure_count && shown < 40; i++) {
            const ContentStructure *st = &db->structures[i];
            if (!contains_ci(st->name, s->search) && !contains_ci(st->plain_name, s->search) &&
                !contains_ci(st->id, s->search)) {
                continue;
            }
            int item = scene_find(scene, st->id);
            ui_push_id(ui, st->id);
            if (ui_list_item(ui, s->student ? st->name : st->plain_name, item == v->selected) &&
                item >= 0) {
                v->selected = item;
                v->mode = VIEWER_EXPLORE;
                viewer_frame_item(v, scene, item);
                s->changed = true;
            }
            ui_pop_id(ui);
            shown++;
        }
        for (int i = 0; i < db->source_count && shown < 60; i++) {
            const ContentSource *src = &db->sources[i];
            if (!contains_ci(src->name, s->search) && !contains_ci(src->plain_name, s->search)) {
                continue;
            }
            char label[256];
            snprintf(label, sizeof label, "%s (%s)", screens_source_label(s, src),
                     screens_tr(rv, "search_pattern"));
            ui_push_id_int(ui, 10000 + i);
            if (ui_list_item(ui, label, rv->source == i)) {
                screens_play_source(s, v, scene, rv, i);
            }
            ui_pop_id(ui);
            shown++;
        }
        if (shown == 0) {
            ui_text(ui, screens_tr(rv, "search_empty"), UI_TEXT_MUTED);
        }
        ui_list_end(ui);
    }
    ui_panel_end(ui);
}

static void about_card(Screens *s, UiContext *ui, RefView *rv, float w, float h) {
    float cw = fminf(w - ui_px(ui, 20.0f), ui_px(ui, 640.0f));
    float top = fmaxf(s->top_px, ui_px(ui, 70.0f));
    UiRect r = {0.5f * (w - cw), top, cw, h - top - ui_px(ui, 20.0f)};
    if (!ui_panel_begin(ui, screens_tr(rv, "about_title"), r, &s->about_open)) {
        return;
    }
    ui_label(ui, screens_tr(rv, "app_tagline"));
    if (rv->loaded) {
        const ContentMeta *m = &rv->assets.content.meta;
        char line[512];
        snprintf(line, sizeof line, "%s %s (%s)", screens_tr(rv, "content_version"),
                 m->content_version, m->date);
        ui_text(ui, line, UI_TEXT_BOLD);
        ui_label(ui, m->disclaimer);
        if (m->smudging_note) {
            ui_text(ui, m->smudging_note, UI_TEXT_MUTED);
        }
        ui_text(ui, screens_tr(rv, "licences"), UI_TEXT_BOLD);
        ui_label(ui, m->licence);
        char libs[1024];
        snprintf(libs, sizeof libs, "painmap %s %s", PAINMAP_VERSION,
                 screens_tr(rv, "about_libraries"));
        ui_label(ui, libs);
        ui_text(ui, screens_tr(rv, "bibliography"), UI_TEXT_BOLD);
        const ContentDb *db = &rv->assets.content;
        for (int i = 0; i < db->citation_count; i++) {
            const ContentCitation *c = &db->citations[i];
            char cite[768];
            snprintf(cite, sizeof cite, "%s (%d). %s. %s.", c->authors, c->year, c->title,
                     c->journal);
            ui_text(ui, cite, UI_TEXT_MUTED);
        }
    }
    ui_panel_end(ui);
}

static void settings_card(Screens *s, UiContext *ui, Viewer *v, RefView *rv, float w) {
    float cw = fminf(w - ui_px(ui, 20.0f), ui_px(ui, 560.0f));
    UiRect r = {0.5f * (w - cw), fmaxf(s->top_px, ui_px(ui, 70.0f)), cw, 0.0f};
    if (!ui_panel_begin(ui, screens_tr(rv, "settings"), r, &s->settings_open)) {
        return;
    }
    Settings *st = &s->settings;
    bool changed = false;
    ui_text(ui, screens_tr(rv, "dermatome_map"), UI_TEXT_BOLD);
    const char *maps[2] = {screens_tr(rv, "map_keegan_garrett"), screens_tr(rv, "map_lee_2008")};
    int m = st->map == DERM_MAP_KEEGAN_GARRETT ? 0 : 1;
    if (ui_segmented(ui, "set_map", maps, 2, &m)) {
        st->map = m == 0 ? DERM_MAP_KEEGAN_GARRETT : DERM_MAP_LEE_2008;
        changed = true;
    }
    ui_text(ui, screens_tr(rv, "language"), UI_TEXT_BOLD);
    /* "as the system", then each installed language by its own name */
    const char *langs[SCREENS_LOCALES_MAX + 1];
    langs[0] = screens_tr(rv, "language_system");
    int l = 0;
    for (int i = 0; i < s->locale_count; i++) {
        langs[i + 1] = s->locale_names[i];
        l = strcmp(st->locale, s->locales[i]) == 0 ? i + 1 : l;
    }
    if (ui_segmented(ui, "set_lang", langs, s->locale_count + 1, &l)) {
        str_copy(st->locale, sizeof st->locale, l == 0 ? "system" : s->locales[l - 1]);
        changed = true;
    }
    ui_text(ui, screens_tr(rv, "text_size"), UI_TEXT_BOLD);
    const char *sizes[4] = {"100%", "125%", "150%", "200%"};
    static const float scales[4] = {1.0f, 1.25f, 1.5f, 2.0f};
    int si = 0;
    for (int i = 0; i < 4; i++) {
        if (st->text_scale >= scales[i] - 0.01f) {
            si = i;
        }
    }
    if (ui_segmented(ui, "set_size", sizes, 4, &si)) {
        st->text_scale = scales[si];
        changed = true;
    }
    changed |= ui_toggle(ui, screens_tr(rv, "reduced_motion"), &st->reduced_motion);
    changed |= ui_toggle(ui, screens_tr(rv, "high_contrast"), &st->high_contrast);
    ui_text(ui, screens_tr(rv, "paper_size"), UI_TEXT_BOLD);
    const char *papers[2] = {screens_tr(rv, "paper_a4"), screens_tr(rv, "paper_letter")};
    int p = st->paper == PAPER_LETTER ? 1 : 0;
    if (ui_segmented(ui, "set_paper", papers, 2, &p)) {
        st->paper = p == 1 ? PAPER_LETTER : PAPER_A4;
        changed = true;
    }
    ui_text(ui, screens_tr(rv, "idle_minutes"), UI_TEXT_BOLD);
    const char *idles[4] = {"1", "3", "5", "10"};
    static const int minutes[4] = {1, 3, 5, 10};
    int ii = 1;
    for (int i = 0; i < 4; i++) {
        if (st->idle_minutes >= minutes[i]) {
            ii = i;
        }
    }
    if (ui_segmented(ui, "set_idle", idles, 4, &ii)) {
        st->idle_minutes = minutes[ii];
        changed = true;
    }
    if (s->staff) {
        ui_text(ui, screens_tr(rv, "retention"), UI_TEXT_BOLD);
        const char *keep[4] = {screens_tr(rv, "retention_never"), screens_tr(rv, "retention_30"),
                               screens_tr(rv, "retention_90"), screens_tr(rv, "retention_365")};
        static const int days[4] = {0, 30, 90, 365};
        int ki = 0;
        for (int i = 0; i < 4; i++) {
            ki = st->retention_days >= days[i] ? i : ki;
        }
        if (ui_segmented(ui, "set_keep", keep, 4, &ki)) {
            st->retention_days = days[ki];
            changed = true;
        }
    }
    ui_panel_end(ui);
    if (changed) {
        s->settings_changed = true;
        s->changed = true;
        v->dirty = true;
    }
}

/* "your left" and "your right" at the sides of the screen where the body's own left and
 * right are, whichever way it is turned: the known trap of paper body maps. */
void screens_side_labels(UiContext *ui, Viewer *v, RefView *rv, UiRect free) {
    const float left_mm[3] = {150.0f, 0.0f, 0.0f}, right_mm[3] = {-150.0f, 0.0f, 0.0f};
    float pl[2], pr[2];
    if (!cam_project(&v->cam, v->w, v->h, left_mm, pl) ||
        !cam_project(&v->cam, v->w, v->h, right_mm, pr) || fabsf(pl[0] - pr[0]) < 20.0f) {
        return; /* seen from the side: both on one line, no useful label */
    }
    const char *yl = screens_tr(rv, "your_left");
    const char *yr = screens_tr(rv, "your_right");
    float gap = ui_px(ui, 24.0f);
    UiButtonOpts o = {.selected = true, .bold = true, .inert = true};
    UiRect r[2];
    for (int i = 0; i < 2; i++) {
        const float *p = i == 0 ? pl : pr;
        const float *other = i == 0 ? pr : pl;
        UiSize sz = ui_button_size_ex(ui, i == 0 ? yl : yr, &o);
        if (free.w < sz.w || free.h < sz.h) {
            return; /* no room beside the cards (very large text) */
        }
        /* beside the hips, on the side where that half of the body is, kept in the free
         * part of the screen (between the cards, below the bar) */
        float x = p[0] < other[0] ? p[0] - gap - sz.w : p[0] + gap;
        x = fminf(fmaxf(x, free.x), free.x + free.w - sz.w);
        float y = fminf(fmaxf(0.5f * (pl[1] + pr[1]), free.y), free.y + free.h - sz.h);
        r[i] = (UiRect){x, y, sz.w, sz.h};
    }
    if (r[0].x < r[1].x + r[1].w && r[1].x < r[0].x + r[0].w) {
        return; /* squeezed onto each other: they would mislead, not help */
    }
    for (int i = 0; i < 2; i++) {
        ui_area_begin(ui, r[i]);
        ui_set_next_width(ui, r[i].w);
        ui_push_id_int(ui, 900 + i);
        ui_button_ex(ui, i == 0 ? yl : yr, &o);
        ui_pop_id(ui);
        ui_area_end(ui);
    }
}

void screens_refresh_where(Screens *s, Viewer *v, RefView *rv) {
    if (!v->where_changed) {
        return;
    }
    v->where_changed = false;
    s->where_open = true;
    if (v->where_set && v->where_tapped) {
        s->where_zone = -1;
        v->where_tapped = false;
    }
    s->where_total = 0;
    s->where_count = 0;
    if (rv->loaded && s->where_zone >= 0) {
        s->where_total =
            ref_where_zone(&rv->assets.engine, s->where_zone, s->where, SCREENS_WHERE_MAX);
    } else if (rv->loaded && v->where_set) {
        s->where_total =
            ref_where_point(&rv->assets.engine, rv->map, v->where_mm, s->where, SCREENS_WHERE_MAX);
    }
    s->where_count = s->where_total < SCREENS_WHERE_MAX ? s->where_total : SCREENS_WHERE_MAX;
}

void screens_build(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv) {
    float w = (float)v->w, h = (float)v->h;
    float pad = ui_px(ui, 10.0f);
    float top = ui_px(ui, 60.0f);
    float side_w = fminf(ui_px(ui, 360.0f), 0.45f * w);
    s->changed = false;
    bool quiz = s->study && study_screen_is_open(s->study);
    if (quiz && v->selected >= 0) {
        /* a tap on the model answers the quiz; it never opens the info card, which would
         * name the structure */
        study_screen_on_pick(s->study, scene->items[v->selected].id);
        v->selected = -1;
    }
    screens_refresh_where(s, v, rv);
    if (v->selected != s->last_selected) {
        s->last_selected = v->selected;
        s->info_open = v->selected >= 0;
        s->changed = true;
    }
    ((Scene *)scene)->highlighted = v->selected;
    /* mark where it hurts on the skin while in that mode */
    int mark_zone = v->mode == VIEWER_WHERE ? s->where_zone : -1;
    bool mark_point = v->mode == VIEWER_WHERE && mark_zone < 0 && v->where_set;
    if (!quiz &&
        (mark_zone != rv->mark_zone || mark_point != rv->mark_point_set ||
         (mark_point && memcmp(rv->mark_point_mm, v->where_mm, sizeof v->where_mm) != 0))) {
        rv->mark_zone = mark_zone;
        rv->mark_point_set = mark_point;
        memcpy(rv->mark_point_mm, v->where_mm, sizeof v->where_mm);
        s->changed = true;
    }

    /* the label of the selected structure, on the model */
    if (v->selected >= 0 && rv->loaded) {
        const SceneItem *it = &scene->items[v->selected];
        int si = content_find_structure(&rv->assets.content, it->id);
        float px[2];
        const ContentStructure *st = si >= 0 ? &rv->assets.content.structures[si] : NULL;
        const char *name = st ? (s->student ? st->name : st->plain_name) : NULL;
        /* not under the bar nor under the card beside it: there the card names it */
        if (name && cam_project(&v->cam, v->w, v->h, it->center_mm, px) &&
            px[1] > s->top_px + ui_px(ui, 90.0f) &&
            px[0] + ui_button_size(ui, name).w + ui_px(ui, 60.0f) < w - side_w - pad) {
            ui_callout(ui, name, px[0], px[1]);
        }
    }
    top = fmaxf(top, top_bar(s, ui, v, scene, rv, w) + pad);
    s->top_px = top;
    /* Where the playback panel goes: in landscape at the foot of the right-hand column, so
     * the whole body stays tall beside it; in portrait across the bottom. Preset views frame
     * the body in the space the bar, the panel and the notice leave free. */
    bool landscape = w >= 1.2f * h;
    bool playing = rv->loaded && rv->source >= 0;
    UiRect bar;
    if (landscape) {
        bool right_card =
            (v->mode == VIEWER_WHERE && s->where_open) || (v->selected >= 0 && s->info_open);
        float bh = fminf(ui_px(ui, 420.0f), h - top - pad);
        /* alone in the column it hangs from the top, as tall as its text */
        bar = right_card ? (UiRect){w - side_w - pad, h - bh - pad, side_w, bh}
                         : (UiRect){w - side_w - pad, top, side_w, 0.0f};
        s->reserve_right_px = side_w + 2.0f * pad;
        s->bar_reserve_px = ui_px(ui, 60.0f);
    } else {
        bar = screens_bar_rect(ui, 0.0f, w, h);
        if (bar.y < top) {
            bar.h -= top - bar.y; /* a tall bar (large text, narrow screen) comes first */
            bar.y = top;
        }
        s->reserve_right_px = 0.0f;
        s->bar_reserve_px = bar.h + 2.0f * pad;
    }
    v->inset_top_px = top;
    v->inset_bottom_px = playing ? s->bar_reserve_px : ui_px(ui, 60.0f);
    if (v->mode == VIEWER_DRAW) {
        v->inset_bottom_px = s->paint.actions_h + 2.0f * pad;
    }
    /* a split view already leaves the panel's column out of its halves */
    bool split = s->compare_source >= 0 || s->paint.compare_open;
    v->inset_right_px = playing && !split ? s->reserve_right_px : 0.0f;
    if (split != s->was_split) {
        s->was_split = split;
        viewer_go_to_view(v, scene, v->view); /* frame the body again for the new layout */
    }
    UiRect left = {pad, top, side_w, h - top - pad};
    /* Draw on a narrow screen: the action row takes the whole width below the toolbar; with
     * no room for both, the actions go inside the toolbar, which scrolls */
    bool draw_narrow = v->mode == VIEWER_DRAW && w - (left.x + left.w + pad) < ui_px(ui, 560.0f);
    bool draw_inside = draw_narrow && h - top - s->paint.actions_h - 3.0f * pad < ui_px(ui, 220.0f);
    if (draw_narrow && !draw_inside) {
        left.h = h - top - s->paint.actions_h - 3.0f * pad;
    }
    if (v->mode == VIEWER_DRAW && !s->layers_open && !s->sources_open && !s->search_open) {
        paint_toolbar(&s->paint, s, ui, v, scene, rv, left, draw_inside ? s->staff + 1 : 0);
    } else if (s->layers_open) {
        layers_panel(s, ui, v, scene, rv, left);
    } else if (s->sources_open) {
        sources_panel(s, ui, v, scene, rv, left);
    } else if (s->search_open) {
        search_panel(s, ui, v, scene, rv, left);
    }
    UiRect right = {w - side_w - pad, top, side_w, 0.0f};
    if (landscape && playing) {
        right.h = fmaxf(bar.y - top - pad, ui_px(ui, 120.0f)); /* above the playback panel */
    }
    if (s->text_open) {
        screens_text_card(s, ui, v, scene, rv, right);
    } else if (s->study && (quiz || study_screen_is_open(s->study))) {
        if (study_screen_draw(s->study, ui, v, (Scene *)scene, rv, right)) {
            s->changed = true;
        }
    } else if (s->paint.compare_open) {
        paint_compare_card(&s->paint, ui, rv, right);
    } else if (s->paint.library_open) {
        paint_library_card(&s->paint, ui, rv, right);
    } else if (v->mode == VIEWER_DRAW && s->paint.summary_open) {
        paint_summary_card(&s->paint, s, ui, v, scene, rv, right);
    } else if (v->mode == VIEWER_WHERE && s->where_open) {
        screens_where_card(s, ui, v, scene, rv, right);
    } else if (v->selected >= 0 && s->info_open) {
        info_card(s, ui, v, scene, rv, right);
    }
    if (s->paint.compare_open) {
        /* two visits: the halves left of the card, each named by its date */
        s->reserve_right_px = side_w + 2.0f * pad;
        float area = w - s->reserve_right_px;
        for (int half = 0; half < 2; half++) {
            char label[128];
            snprintf(label, sizeof label, "%s: %.10s", half == 0 ? "A" : "B",
                     s->paint.visit[half].modified);
            UiSize ls = ui_button_size(ui, label);
            float cx = (half == 0 ? 0.25f : 0.75f) * area;
            ui_area_begin(ui, (UiRect){cx - 0.5f * ls.w, top, ls.w, ls.h});
            ui_set_next_width(ui, ls.w);
            ui_push_id_int(ui, 600 + half);
            UiButtonOpts o = {.selected = true, .inert = true};
            ui_button_ex(ui, label, &o);
            ui_pop_id(ui);
            ui_area_end(ui);
        }
    } else if (rv->loaded && rv->source >= 0 && s->compare_source >= 0) {
        /* name each half of the split view */
        const ContentDb *db = &rv->assets.content;
        for (int half = 0; half < 2; half++) {
            const ContentSource *src = &db->sources[half == 0 ? rv->source : s->compare_source];
            char label[256];
            snprintf(label, sizeof label, "%s: %s", half == 0 ? "A" : "B",
                     screens_source_label(s, src));
            UiSize ls = ui_button_size(ui, label);
            float area = w - s->reserve_right_px; /* the halves end at the docked panel */
            float cx = half == 0 ? 0.25f * area : 0.75f * area;
            ui_area_begin(ui, (UiRect){cx - 0.5f * ls.w, top, ls.w, ls.h});
            ui_set_next_width(ui, ls.w);
            ui_push_id_int(ui, half);
            UiButtonOpts o = {.selected = true, .inert = true};
            ui_button_ex(ui, label, &o);
            ui_pop_id(ui);
            ui_area_end(ui);
        }
    }
    if (v->mode == VIEWER_DRAW) {
        float x0 = draw_narrow ? pad : left.x + left.w + pad; /* beside the toolbar */
        float x1 = s->paint.summary_open || s->paint.library_open ? right.x - pad : w - pad;
        if (!draw_inside && paint_actions(&s->paint, ui, v, scene, rv, x0, x1, h - pad, s->staff)) {
            s->changed = true;
        }
        float fx0 = left.x + left.w + pad;
        float fx1 = s->paint.summary_open || s->paint.library_open ? right.x - pad : w - pad;
        screens_side_labels(
            ui, v, rv, (UiRect){fx0, top, fx1 - fx0, h - top - s->paint.actions_h - 2.0f * pad});
    } else if (rv->loaded && rv->source >= 0) {
        bool left_open = s->layers_open || s->sources_open || s->search_open;
        if (!landscape && left_open) {
            UiRect b = screens_bar_rect(ui, left.x + left.w, w, h);
            bar.x = b.x;
            bar.w = b.w;
        }
        screens_playback_bar(s, ui, rv, bar);
    } else {
        /* the educational notice, readable on the dark view; it opens About */
        const char *note = screens_tr(rv, "disclaimer_short");
        UiSize ns = ui_button_size(ui, note);
        bool left_open = s->layers_open || s->sources_open || s->search_open;
        bool right_open = (v->mode == VIEWER_WHERE && s->where_open) ||
                          (v->selected >= 0 && s->info_open) || s->paint.library_open ||
                          s->paint.compare_open || (s->study && study_screen_is_open(s->study));
        float x0 = left_open ? left.x + left.w + pad : 0.0f;
        float x1 = right_open ? right.x - pad : w;
        if (x1 - x0 >= ns.w + 2.0f * pad) {
            ui_area_begin(ui, (UiRect){0.5f * (x0 + x1 - ns.w), h - ns.h - pad, ns.w, ns.h});
            ui_set_next_width(ui, ns.w);
            if (ui_button(ui, note)) {
                s->about_open = true;
            }
            ui_area_end(ui);
        }
    }
    if (s->about_open) {
        about_card(s, ui, rv, w, h);
    }
    if (s->settings_open) {
        settings_card(s, ui, v, rv, w);
    }
    if (s->redflags_open) {
        screens_redflags_card(s, ui, rv, w, h);
    }
}
