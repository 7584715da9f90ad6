#include "app/paint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/screens.h"
#include "app/screens_internal.h"

static const float BRUSH_MM[PAINT_BRUSHES] = {15.0f, 30.0f, 55.0f};

static void action_buttons(PaintState *p, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                           bool staff);

void paint_init(PaintState *p) {
    memset(p, 0, sizeof *p);
    drawing_init(&p->drawing);
    p->intensity = 5;
    p->brush = 1;
    p->chosen[0] = p->chosen[1] = -1;
    p->confirm_delete = -1;
    drawing_doc_init(&p->visit[0]);
    drawing_doc_init(&p->visit[1]);
}

void paint_free(PaintState *p) {
    drawing_free(&p->drawing);
    if (p->have_summary) {
        drawing_summary_free(&p->summary);
    }
    free(p->entries);
    drawing_doc_free(&p->visit[0]);
    drawing_doc_free(&p->visit[1]);
    memset(p, 0, sizeof *p);
}

float paint_brush_radius_mm(int brush) {
    return BRUSH_MM[brush < 0 ? 0 : (brush >= PAINT_BRUSHES ? PAINT_BRUSHES - 1 : brush)];
}

void paint_sync_viewer(PaintState *p, Viewer *v) {
    v->drawing = &p->drawing;
    v->brush_tool = p->tool;
    v->brush_quality = p->quality;
    v->brush_intensity = p->intensity;
    v->brush_radius_mm = paint_brush_radius_mm(p->brush);
}

static uint32_t quality_rgba(PainQuality q) {
    float c[3];
    drawing_quality_color(q, c);
    uint32_t r = (uint32_t)lroundf(fminf(fmaxf(c[0], 0.0f), 1.0f) * 255.0f);
    uint32_t g = (uint32_t)lroundf(fminf(fmaxf(c[1], 0.0f), 1.0f) * 255.0f);
    uint32_t b = (uint32_t)lroundf(fminf(fmaxf(c[2], 0.0f), 1.0f) * 255.0f);
    return r << 24 | g << 16 | b << 8 | 0xFFu;
}

static const char *quality_label(RefView *rv, PainQuality q) {
    char key[48];
    snprintf(key, sizeof key, "quality_%s", drawing_quality_id(q));
    return screens_text(rv, key, drawing_quality_name(q));
}

void paint_toolbar(PaintState *p, struct Screens *s, UiContext *ui, Viewer *v, const Scene *scene,
                   RefView *rv, UiRect r, int actions) {
    bool open = true;
    if (!ui_panel_begin(ui, TRID(rv, "draw_title"), r, &open)) {
        return;
    }
    ui_text(ui, screens_tr(rv, "draw_hint"), UI_TEXT_MUTED);
    const char *tools[2] = {screens_tr(rv, "draw_paint"), screens_tr(rv, "draw_eraser")};
    int tool = p->tool == DRAWING_TOOL_ERASE ? 1 : 0;
    if (ui_segmented(ui, "draw_tool", tools, 2, &tool)) {
        p->tool = tool == 1 ? DRAWING_TOOL_ERASE : DRAWING_TOOL_PAINT;
    }
    if (p->tool == DRAWING_TOOL_PAINT) {
        ui_text(ui, screens_tr(rv, "draw_quality"), UI_TEXT_BOLD);
        for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
            ui_push_id_int(ui, 700 + q);
            ui_row_begin(ui);
            ui_swatch(ui, quality_rgba((PainQuality)q), "");
            UiButtonOpts o = {.selected = p->quality == (PainQuality)q};
            if (ui_button_ex(ui, quality_label(rv, (PainQuality)q), &o)) {
                p->quality = (PainQuality)q;
            }
            ui_row_end(ui);
            ui_pop_id(ui);
        }
        char line[160];
        snprintf(line, sizeof line, "%s: %d / 10", screens_tr(rv, "draw_intensity"), p->intensity);
        ui_text(ui, line, UI_TEXT_BOLD);
        float u = (float)p->intensity / 10.0f;
        if (ui_slider(ui, "draw_intensity", &u, 0.1f)) {
            p->intensity = (int)lroundf(u * 10.0f);
        }
    }
    ui_text(ui, screens_tr(rv, "draw_brush"), UI_TEXT_BOLD);
    const char *sizes[PAINT_BRUSHES] = {screens_tr(rv, "brush_small"),
                                        screens_tr(rv, "brush_medium"),
                                        screens_tr(rv, "brush_large")};
    ui_segmented(ui, "draw_brush", sizes, PAINT_BRUSHES, &p->brush);
    if (actions > 0) {
        ui_row_begin(ui);
        action_buttons(p, ui, v, scene, rv, actions > 1);
        ui_row_end(ui);
    }
    if (p->message[0]) {
        ui_text(ui, p->message, UI_TEXT_MUTED);
    }
    ui_panel_end(ui);
    if (!open) {
        v->mode = VIEWER_EXPLORE;
        v->dirty = true;
        s->changed = true;
    }
}

/* The action buttons, in the row or card the caller opened. */
static void action_buttons(PaintState *p, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                           bool staff) {
    UiButtonOpts off = {.disabled = !drawing_can_undo(&p->drawing)};
    if (ui_button_ex(ui, TRID(rv, "draw_undo"), &off) && drawing_undo(&p->drawing)) {
        v->painted = true;
    }
    off.disabled = !drawing_can_redo(&p->drawing);
    if (ui_button_ex(ui, TRID(rv, "draw_redo"), &off) && drawing_redo(&p->drawing)) {
        v->painted = true;
    }
    off.disabled = p->drawing.count == 0;
    if (ui_button_ex(ui, TRID(rv, "draw_clear"), &off)) {
        drawing_clear(&p->drawing);
        v->painted = true;
    }
    ui_spacer(ui, 12.0f);
    /* turn the body: a finger paints, so the turns are buttons (two fingers and the arrow
     * keys turn it too) */
    static const ViewId turns[4] = {VIEW_ANTERIOR, VIEW_POSTERIOR, VIEW_LEFT, VIEW_RIGHT};
    for (int i = 0; i < 4; i++) {
        char key[48];
        snprintf(key, sizeof key, "view_%s", view_name(turns[i]));
        UiButtonOpts o = {.selected = v->view == turns[i]};
        if (ui_button_ex(ui, TRID(rv, key), &o)) {
            viewer_go_to_view(v, scene, turns[i]);
        }
    }
    ui_spacer(ui, 12.0f);
    UiButtonOpts go = {.selected = true, .bold = true, .disabled = p->drawing.count == 0};
    if (!p->in_kiosk && ui_button_ex(ui, TRID(rv, "draw_show_summary"), &go)) {
        p->summary_open = true;
        p->summary_stale = true;
    }
    if (staff) {
        ui_spacer(ui, 12.0f);
        UiButtonOpts o = {.disabled = p->drawing.count == 0};
        if (ui_button_ex(ui, TRID(rv, "draw_save"), &o)) {
            p->request = PAINT_REQ_SAVE;
        }
        if (ui_button_ex(ui, TRID(rv, "print_handout"), &o)) {
            p->request = PAINT_REQ_HANDOUT;
        }
        if (ui_button(ui, TRID(rv, "draw_new"))) {
            p->request = PAINT_REQ_NEW;
        }
        UiButtonOpts lib = {.selected = p->library_open};
        if (ui_button_ex(ui, TRID(rv, "drawings_title"), &lib)) {
            p->library_open = !p->library_open;
            p->request = p->library_open ? PAINT_REQ_LIST : PAINT_REQ_NONE;
        }
    }
}

bool paint_actions(PaintState *p, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                   float x0, float x1, float bottom, bool staff) {
    /* one wrapping row at the foot of the band, placed by the height it had last frame */
    ui_area_begin(ui, (UiRect){x0, bottom - p->actions_h, x1 - x0, 0.0f});
    ui_row_begin(ui);
    action_buttons(p, ui, v, scene, rv, staff);
    ui_row_end(ui);
    ui_area_end(ui);
    UiRect r = ui_last_rect(ui);
    bool moved = fabsf(r.h - p->actions_h) > 0.5f;
    p->actions_h = r.h;
    return moved;
}

static const char *zone_label(const RefView *rv, const Screens *s, int zone) {
    const ContentZone *z = &rv->assets.content.zones[zone];
    return s->student ? z->name : z->plain_name;
}

void paint_summary_card(PaintState *p, struct Screens *s, UiContext *ui, Viewer *v,
                        const Scene *scene, RefView *rv, UiRect r) {
    if (!ui_panel_begin(ui, TRID(rv, "draw_summary_title"), r, &p->summary_open)) {
        return;
    }
    if (!rv->loaded || !p->have_summary) {
        ui_label(ui, screens_text(rv, "content_not_loaded", CONTENT_NOT_LOADED));
        ui_panel_end(ui);
        return;
    }
    const DrawingSummary *sum = &p->summary;
    if (sum->saddle || sum->both_legs) {
        UiButtonOpts danger = {.danger = true, .bold = true};
        if (ui_button_ex(ui, TRID(rv, "draw_flags_first"), &danger)) {
            s->redflags_open = true;
        }
    }
    char line[512];
    snprintf(line, sizeof line, "%s: %.0f cm\xC2\xB2", screens_tr(rv, "draw_total_area"),
             (double)(sum->total_area_mm2 / 100.0f));
    ui_text(ui, line, UI_TEXT_BOLD);
    ui_text(ui, screens_tr(rv, "draw_areas"), UI_TEXT_BOLD);
    int shown = 0;
    for (int i = 0; i < sum->zone_count && shown < 8; i++) {
        const DrawingZoneArea *za = &sum->zones[i];
        if (za->area_mm2 < 100.0f) {
            continue; /* less than a square centimetre: a brush's edge, not an area */
        }
        snprintf(line, sizeof line, "%s: %.0f cm\xC2\xB2, %d / 10", zone_label(rv, s, za->zone),
                 (double)(za->area_mm2 / 100.0f), za->intensity);
        ui_label(ui, line);
        shown++;
    }
    if (shown == 0) {
        ui_label(ui, screens_tr(rv, "kiosk_summary_outside"));
    }
    if (sum->dermatome_count > 0) {
        int n = snprintf(line, sizeof line, "%s: ", screens_tr(rv, "handout_dermatomes"));
        for (int i = 0; i < sum->dermatome_count && i < 6 && n > 0 && (size_t)n < sizeof line;
             i++) {
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", i ? ", " : "",
                          rv->assets.content.zones[sum->dermatomes[i].zone].name);
        }
        ui_text(ui, line, UI_TEXT_MUTED);
    }
    ui_text(ui, screens_tr(rv, "kiosk_summary_sources"), UI_TEXT_BOLD);
    const ContentDb *db = &rv->assets.content;
    for (int pass = 0; pass < 2; pass++) {
        bool heading = false;
        for (int i = 0; i < sum->match_count; i++) {
            if (sum->matches[i].primary != (pass == 0)) {
                continue;
            }
            if (!heading) {
                ui_text(
                    ui,
                    screens_tr(rv, pass == 0 ? "where_primary_heading" : "where_spillover_heading"),
                    UI_TEXT_MUTED);
                heading = true;
            }
            const ContentSource *src = &db->sources[sum->matches[i].source];
            ui_push_id(ui, src->id);
            if (ui_list_item(ui, screens_source_label(s, src),
                             rv->source == sum->matches[i].source)) {
                /* play it: the drawing waits in Draw mode while the pattern shows */
                v->mode = VIEWER_EXPLORE;
                screens_play_source(s, v, scene, rv, sum->matches[i].source);
            }
            ui_pop_id(ui);
        }
    }
    if (sum->match_count == 0) {
        ui_label(ui, screens_tr(rv, "kiosk_summary_no_sources"));
    }
    ui_text(ui, screens_tr(rv, "where_note"), UI_TEXT_MUTED);
    ui_panel_end(ui);
}

void paint_library_card(PaintState *p, UiContext *ui, RefView *rv, UiRect r) {
    if (!ui_panel_begin(ui, TRID(rv, "drawings_title"), r, &p->library_open)) {
        return;
    }
    if (p->entry_count == 0) {
        ui_label(ui, screens_tr(rv, "drawings_none"));
    }
    ui_text(ui, screens_tr(rv, "drawings_hint"), UI_TEXT_MUTED);
    for (int i = 0; i < p->entry_count; i++) {
        const DrawingFileEntry *e = &p->entries[i];
        ui_push_id_int(ui, i);
        char line[256];
        snprintf(line, sizeof line, "%s  %.10s%s", e->label[0] ? e->label : e->file, e->modified,
                 e->damaged ? "  (!)" : "");
        bool picked = p->chosen[0] == i || p->chosen[1] == i;
        if (ui_list_item(ui, line, picked)) {
            /* a tap picks it (to open, export, delete, or as one of two visits to compare);
             * a third pick replaces the older one */
            if (picked) {
                p->chosen[p->chosen[0] == i ? 0 : 1] = -1;
            } else if (p->chosen[0] < 0) {
                p->chosen[0] = i;
            } else if (p->chosen[1] < 0) {
                p->chosen[1] = i;
            } else {
                p->chosen[0] = p->chosen[1];
                p->chosen[1] = i;
            }
            picked = !picked;
        }
        if (picked) {
            ui_row_begin(ui);
            UiButtonOpts o = {.disabled = e->damaged};
            if (ui_button_ex(ui, TRID(rv, "drawing_open"), &o)) {
                p->request = PAINT_REQ_OPEN;
                p->request_arg = i;
            }
            if (ui_button_ex(ui, TRID(rv, "drawing_export"), &o)) {
                p->request = PAINT_REQ_EXPORT;
                p->request_arg = i;
            }
            /* the second tap lands on the same button, which turns red in between */
            UiButtonOpts del = {.danger = p->confirm_delete == i};
            if (ui_button_ex(ui, TRID(rv, "drawing_delete"), &del)) {
                if (p->confirm_delete == i) {
                    p->request = PAINT_REQ_DELETE;
                    p->request_arg = i;
                    p->confirm_delete = -1;
                } else {
                    p->confirm_delete = i;
                }
            }
            ui_row_end(ui);
            if (p->confirm_delete == i) {
                ui_text(ui, screens_tr(rv, "drawing_delete_confirm"), UI_TEXT_BOLD);
            }
        }
        ui_pop_id(ui);
    }
    UiButtonOpts cmp = {.disabled = p->chosen[0] < 0 || p->chosen[1] < 0 ||
                                    p->entries[p->chosen[0]].damaged ||
                                    p->entries[p->chosen[1]].damaged};
    if (ui_button_ex(ui, TRID(rv, "drawing_compare"), &cmp)) {
        p->request = PAINT_REQ_COMPARE;
    }
    if (p->message[0]) {
        ui_text(ui, p->message, UI_TEXT_MUTED);
    }
    ui_panel_end(ui);
}

void paint_compare_card(PaintState *p, UiContext *ui, RefView *rv, UiRect r) {
    if (!ui_panel_begin(ui, TRID(rv, "drawing_compare"), r, &p->compare_open)) {
        return;
    }
    char line[256];
    for (int k = 0; k < 2; k++) {
        snprintf(line, sizeof line, "%s: %s  %.10s", k == 0 ? "A" : "B", p->visit[k].label,
                 p->visit[k].modified);
        ui_text(ui, line, UI_TEXT_BOLD);
    }
    ui_text(ui, screens_tr(rv, "compare_changes"), UI_TEXT_BOLD);
    const ContentDb *db = rv->loaded ? &rv->assets.content : NULL;
    int same = 0;
    for (int i = 0; i < p->change_count; i++) {
        const DrawingZoneChange *c = &p->changes[i];
        if (fabsf(c->area_a_mm2 - c->area_b_mm2) < 100.0f) {
            same++; /* within a square centimetre: the same area both times */
            continue;
        }
        int z = db ? content_find_zone(db, c->id) : -1;
        const char *name =
            z >= 0 ? (c->dermatome ? db->zones[z].name : db->zones[z].plain_name) : c->id;
        snprintf(line, sizeof line, "%s: %.0f \xE2\x86\x92 %.0f cm\xC2\xB2", name,
                 (double)(c->area_a_mm2 / 100.0f), (double)(c->area_b_mm2 / 100.0f));
        ui_label(ui, line);
    }
    if (same == p->change_count) {
        ui_label(ui, screens_tr(rv, "compare_no_change"));
    } else if (same > 0) {
        snprintf(line, sizeof line, "%s: %d", screens_tr(rv, "compare_unchanged"), same);
        ui_text(ui, line, UI_TEXT_MUTED);
    }
    ui_panel_end(ui);
}
