/* The text view: what is on the screen in words (the mode, the structure chosen and its text,
 * the pattern playing with its phase and caption, the where-it-hurts list, the drawing's
 * summary, the urgent signs when they are open), to read in a card, copy to the clipboard
 * or have read aloud. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/screens_internal.h"

typedef struct {
    char *out;
    size_t cap, len;
} Text;

static void put(Text *t, const char *fmt, ...) {
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        return;
    }
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (t->len + len + 2 <= t->cap) {
        memcpy(t->out + t->len, line, len);
        t->len += len;
        t->out[t->len++] = '\n';
        t->out[t->len] = '\0';
    }
}

size_t screens_screen_text(const Screens *s, const Viewer *v, const Scene *scene, const RefView *rv,
                           char *out, size_t cap) {
    Text t = {out, cap, 0};
    if (cap > 0) {
        out[0] = '\0';
    }
    static const char *const modes[] = {"mode_explore", "mode_where", "mode_draw"};
    put(&t, "%s: %s", screens_tr(rv, "text_mode"), screens_tr(rv, modes[v->mode]));
    if (!rv->loaded) {
        put(&t, "%s", screens_text(rv, "content_not_loaded", CONTENT_NOT_LOADED));
        return t.len;
    }
    const ContentDb *db = &rv->assets.content;
    if (v->selected >= 0) {
        int si = content_find_structure(db, scene->items[v->selected].id);
        if (si >= 0) {
            const ContentStructure *st = &db->structures[si];
            put(&t, "%s", s->student ? st->name : st->plain_name);
            put(&t, "%s", s->student ? st->student_text : st->patient_text);
        }
    }
    if (rv->source >= 0) {
        const ContentSource *src = &db->sources[rv->source];
        char key[32];
        snprintf(key, sizeof key, "phase_%s",
                 rv->sample.phase_id ? rv->sample.phase_id : "tension");
        put(&t, "%s", screens_source_label(s, src));
        put(&t, "%s: %s", screens_tr(rv, key), rv->sample.caption ? rv->sample.caption : "");
        const char *summary = s->student ? src->summary_student : src->summary_patient;
        if (summary) {
            put(&t, "%s", summary);
        }
    }
    if (v->mode == VIEWER_WHERE && s->where_count > 0) {
        put(&t, "%s:", screens_tr(rv, "where_title"));
        for (int i = 0; i < s->where_count; i++) {
            put(&t, "- %s (%s)", screens_source_label(s, &db->sources[s->where[i].source]),
                screens_tr(rv, s->where[i].primary ? "primary" : "spillover"));
        }
    }
    const PaintState *p = &s->paint;
    if (v->mode == VIEWER_DRAW && p->have_summary) {
        put(&t, "%s:", screens_tr(rv, "draw_summary_title"));
        for (int i = 0; i < p->summary.zone_count && i < 8; i++) {
            if (p->summary.zones[i].area_mm2 >= 100.0f) {
                put(&t, "- %s, %d / 10", db->zones[p->summary.zones[i].zone].plain_name,
                    p->summary.zones[i].intensity);
            }
        }
        for (int i = 0; i < p->summary.match_count; i++) {
            put(&t, "- %s", screens_source_label(s, &db->sources[p->summary.matches[i].source]));
        }
    }
    if (s->redflags_open) {
        put(&t, "%s", db->redflags_title ? db->redflags_title : REDFLAGS_FALLBACK_TITLE);
        for (int g = 0; g < db->redflag_group_count; g++) {
            for (int i = 0; i < db->redflag_groups[g].item_count; i++) {
                put(&t, "- %s", db->redflag_groups[g].items[i].text);
            }
            put(&t, "%s", db->redflag_groups[g].action);
        }
    }
    put(&t, "%s", screens_tr(rv, "disclaimer_short"));
    return t.len;
}

void screens_text_card(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                       UiRect r) {
    if (!ui_panel_begin(ui, TRID(rv, "text_view"), r, &s->text_open)) {
        return;
    }
    static char text[8192];
    screens_screen_text(s, v, scene, rv, text, sizeof text);
    ui_row_begin(ui);
    if (ui_button(ui, TRID(rv, "text_copy"))) {
        s->text_request = SCREENS_TEXT_COPY;
    }
    UiButtonOpts speak = {.disabled = !s->speech_ok};
    if (ui_button_ex(ui, TRID(rv, "text_read_aloud"), &speak)) {
        s->text_request = SCREENS_TEXT_SPEAK;
    }
    if (ui_button_ex(ui, TRID(rv, "text_stop"), &speak)) {
        s->text_request = SCREENS_TEXT_STOP;
    }
    ui_row_end(ui);
    if (!s->speech_ok) {
        ui_text(ui, screens_tr(rv, "text_no_speech"), UI_TEXT_MUTED);
    }
    for (char *line = text, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        if (!end) {
            break;
        }
        *end = '\0';
        ui_label(ui, line);
    }
    ui_panel_end(ui);
}
