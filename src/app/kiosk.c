#include "app/kiosk.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#endif

#include "app/screens_internal.h"
#include "core/strutil.h"

void kiosk_init(Kiosk *k, bool enabled) {
    memset(k, 0, sizeof *k);
    k->enabled = enabled;
    pin_guard_init(&k->guard);
}

static const float CORNER_PX = 90.0f, HOLD_SEC = 3.0f;

void kiosk_observe(Kiosk *k, const InputFrame *input, float dt_sec, float ui_scale) {
    if (!k->enabled) {
        return;
    }
    k->clock_sec += (double)dt_sec;
    float corner = CORNER_PX * ui_scale;
    for (int i = 0; i < input->count; i++) {
        const InputEvent *e = &input->events[i];
        bool in_corner = e->x_px < corner && e->y_px < corner;
        if (e->kind == INPUT_POINTER_DOWN) {
            k->corner_down = in_corner;
            k->corner_hold_sec = 0.0;
        } else if (e->kind == INPUT_POINTER_UP || (e->kind == INPUT_POINTER_MOVE && !in_corner)) {
            k->corner_down = false;
        }
    }
    if (k->corner_down) {
        k->corner_hold_sec += (double)dt_sec;
        if (k->corner_hold_sec >= HOLD_SEC && !k->unlocked) {
            k->pin_open = true;
            k->corner_down = false;
            k->pin_message[0] = '\0';
        }
    }
}

void kiosk_reset(Kiosk *k, Screens *s, Viewer *v, const Scene *scene, RefView *rv) {
    bool enabled = k->enabled;
    int resets = k->resets + 1;
    Settings keep = s->settings;
    PinGuard guard = k->guard; /* wrong PIN tries outlast a reset */
    double clock = k->clock_sec;
    char pin_path[sizeof k->pin_path];
    memcpy(pin_path, k->pin_path, sizeof pin_path);
    memset(k, 0, sizeof *k); /* also wipes any digits typed */
    k->enabled = enabled;
    k->resets = resets;
    k->guard = guard;
    k->clock_sec = clock;
    memcpy(k->pin_path, pin_path, sizeof pin_path);
    /* the installed languages are kept; the language goes back to the clinic's setting */
    int nloc = s->locale_count;
    char home[sizeof s->home_locale];
    str_copy(home, sizeof home, s->home_locale[0] ? s->home_locale : keep.locale);
    char locs[SCREENS_LOCALES_MAX][16], names[SCREENS_LOCALES_MAX][48];
    memcpy(locs, s->locales, sizeof locs);
    memcpy(names, s->locale_names, sizeof names);
    screens_free(s); /* the drawing too: wiped, then freed */
    screens_init(s);
    s->settings = keep;
    s->locale_count = nloc;
    memcpy(s->locales, locs, sizeof locs);
    memcpy(s->locale_names, names, sizeof names);
    str_copy(s->home_locale, sizeof s->home_locale, home);
    str_copy(s->want_locale, sizeof s->want_locale, home);
    rv->source = -1;
    rv->mark_zone = -1;
    rv->mark_point_set = false;
    int w = v->w, h = v->h;
    bool reduced = v->reduced_motion;
    viewer_init(v, scene, VIEW_ANTERIOR,
                LAYER_BIT(LAYER_SKIN) | LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES) |
                    LAYER_BIT(LAYER_BONES) | LAYER_BIT(LAYER_ZONES),
                w, h);
    v->reduced_motion = reduced;
#ifdef __GLIBC__
    malloc_trim(0); /* a day-long kiosk gives back what the last patient's session used */
#endif
}

int kiosk_wait_ms(const Kiosk *k, const Screens *s) {
    if (!k->enabled) {
        return -1;
    }
    if (k->corner_down) {
        return 100; /* the staff gesture is timed */
    }
    if (k->step == KIOSK_WELCOME && !k->unlocked && !k->pin_open) {
        return -1;
    }
    double left = (double)s->settings.idle_minutes * 60.0 - k->idle_sec;
    return left <= 0.0 ? 0 : (int)(left * 1000.0) + 1;
}

bool kiosk_tick(Kiosk *k, Screens *s, Viewer *v, const Scene *scene, RefView *rv, bool had_input,
                float dt_sec) {
    if (!k->enabled) {
        return false;
    }
    if (!k->unlocked) {
        v->quit = false;      /* the patient cannot close the app */
        v->fullscreen = true; /* nor leave fullscreen */
        v->screenshot_requested = false;
    }
    k->idle_sec = had_input ? 0.0 : k->idle_sec + (double)dt_sec;
    bool started = k->step != KIOSK_WELCOME || k->unlocked || k->pin_open;
    if (started && k->idle_sec >= (double)s->settings.idle_minutes * 60.0) {
        kiosk_reset(k, s, v, scene, rv);
        return true;
    }
    return false;
}

/* A card centred on the screen, cw logical pixels wide at most. */
static UiRect centre_card(UiContext *ui, Viewer *v, float cw_logical, float top_logical) {
    float w = (float)v->w;
    float cw = fminf(w - ui_px(ui, 20.0f), ui_px(ui, cw_logical));
    return (UiRect){0.5f * (w - cw), ui_px(ui, top_logical), cw, 0.0f};
}

static void welcome(Kiosk *k, UiContext *ui, Viewer *v, RefView *rv) {
    bool open = true;
    if (ui_panel_begin(ui, screens_tr(rv, "app_title"), centre_card(ui, v, 560, 90), &open)) {
        ui_text(ui, screens_tr(rv, "app_tagline"), UI_TEXT_TITLE);
        ui_label(ui, screens_tr(rv, "kiosk_welcome_text"));
        ui_text(ui, screens_tr(rv, "disclaimer_short"), UI_TEXT_MUTED);
        UiButtonOpts big = {.selected = true, .bold = true};
        if (ui_button_ex(ui, TRID(rv, "kiosk_start"), &big)) {
            k->step = KIOSK_LANGUAGE;
        }
        ui_panel_end(ui);
    }
}

static void language(Kiosk *k, Screens *s, UiContext *ui, Viewer *v, RefView *rv) {
    bool open = true;
    if (ui_panel_begin(ui, screens_tr(rv, "choose_language"), centre_card(ui, v, 480, 90), &open)) {
        /* each language by its own name; the choice lasts until the next patient */
        for (int i = 0; i < s->locale_count; i++) {
            ui_push_id(ui, s->locales[i]);
            UiButtonOpts o = {.selected =
                                  s->locale_now && strcmp(s->locale_now, s->locales[i]) == 0};
            if (ui_button_ex(ui, s->locale_names[i], &o)) {
                str_copy(s->want_locale, sizeof s->want_locale, s->locales[i]);
                k->step = KIOSK_WHERE;
                v->mode = VIEWER_WHERE;
            }
            ui_pop_id(ui);
        }
        ui_panel_end(ui);
    }
    if (!open) {
        k->step = KIOSK_WELCOME;
    }
}

static void where(Kiosk *k, Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv) {
    float pad = ui_px(ui, 10.0f);
    float w = (float)v->w;
    /* as wide as its words need on a narrow screen, short of the urgent-signs button */
    UiButtonOpts danger = {.danger = true, .bold = true};
    UiSize us = ui_button_size_ex(ui, screens_tr(rv, "red_flags_button"), &danger);
    float side_w = fminf(fminf(ui_px(ui, 360.0f), 0.45f * w), w - us.w - 3.0f * pad);
    bool narrow = w < 2.0f * side_w + 3.0f * pad; /* the cards stack instead of side by side */
    bool drawing = v->mode == VIEWER_DRAW;
    bool open = true;
    const char *title =
        screens_tr(rv, v->where_set && !drawing ? "kiosk_where_again" : "kiosk_where_title");
    /* too narrow beside the urgent-signs button: the whole width below it */
    float need = fmaxf(ui_button_size(ui, screens_tr(rv, "kiosk_tap")).w,
                       ui_button_size(ui, screens_tr(rv, "kiosk_draw")).w) +
                 4.0f * pad;
    bool squeezed = side_w < fminf(ui_px(ui, 360.0f), 0.45f * w) || side_w < need;
    UiRect cr = squeezed ? (UiRect){pad, us.h + 2.0f * pad, w - 2.0f * pad, 0.0f}
                         : (UiRect){pad, pad, side_w, 0.0f};
    if (!ui_panel_begin(ui, title, cr, &open)) {
        return;
    }
    /* one place with a tap, or the whole area with a finger */
    const char *ways[2] = {screens_tr(rv, "kiosk_tap"), screens_tr(rv, "kiosk_draw")};
    int way = drawing ? 1 : 0;
    if (ui_segmented(ui, "kiosk_way", ways, 2, &way)) {
        screens_set_mode(s, v, rv, way == 1 ? VIEWER_DRAW : VIEWER_WHERE);
        drawing = way == 1;
    }
    if (!drawing) {
        ui_label(ui, screens_tr(rv, "kiosk_where_hint"));
        ui_row_begin(ui);
        UiButtonOpts sel = {.selected = v->cam.yaw_deg > -90.0f && v->cam.yaw_deg < 90.0f};
        if (ui_button_ex(ui, TRID(rv, "view_anterior"), &sel)) {
            viewer_go_to_view(v, scene, VIEW_ANTERIOR);
        }
        sel.selected = !sel.selected;
        if (ui_button_ex(ui, TRID(rv, "view_posterior"), &sel)) {
            viewer_go_to_view(v, scene, VIEW_POSTERIOR);
        }
        ui_row_end(ui);
    }
    ui_panel_end(ui);
    UiRect card = ui_last_rect(ui);
    float h = (float)v->h;
    UiButtonOpts next_o = {.selected = true, .bold = true};
    UiSize ns = ui_button_size_ex(ui, screens_tr(rv, "kiosk_next_flags"), &next_o);
    /* the actions beside the toolbar, or on a narrow screen across it, above Next */
    narrow = narrow || squeezed || w - ns.w - card.x - card.w - 3.0f * pad < ui_px(ui, 320.0f);
    float ax0 = narrow ? pad : card.x + card.w + pad;
    float ax1 = narrow ? w - pad : w - ns.w - 2.0f * pad;
    float abottom = narrow ? h - ns.h - 2.0f * pad : h - pad;
    /* no room for their own row (very large text): the actions go inside the toolbar */
    bool inside =
        narrow && h - card.y - card.h - s->paint.actions_h - ns.h - 4.0f * pad < ui_px(ui, 200.0f);
    if (drawing) {
        float below = narrow && !inside ? s->paint.actions_h + ns.h + 3.0f * pad
                                        : (narrow ? ns.h + 2.0f * pad : pad);
        UiRect r = {pad, card.y + card.h + pad, card.w,
                    fmaxf(h - card.y - card.h - pad - below, ui_px(ui, 160.0f))};
        s->paint.in_kiosk = true;
        paint_toolbar(&s->paint, s, ui, v, scene, rv, r, inside ? 1 : 0);
        if (!inside) {
            paint_actions(&s->paint, ui, v, scene, rv, ax0, ax1, abottom, false);
        }
        if (v->mode != VIEWER_DRAW) {
            screens_set_mode(s, v, rv, VIEWER_WHERE); /* the toolbar was closed */
        }
    }
    float fx0 = narrow && !drawing ? pad : card.x + card.w + pad;
    float ftop = narrow && !drawing ? card.y + card.h + pad : us.h + 2.0f * pad;
    screens_side_labels(ui, v, rv,
                        (UiRect){fx0, ftop, w - pad - fx0,
                                 abottom - (drawing ? s->paint.actions_h : 0.0f) - ftop - pad});
    if (v->where_set && !drawing) {
        s->where_open = true;
        UiRect wr = narrow ? (UiRect){pad, card.y + card.h + pad, w - 2.0f * pad, 0.0f}
                           : (UiRect){w - side_w - pad, us.h + 2.0f * pad, side_w, 0.0f};
        screens_where_card(s, ui, v, scene, rv, wr);
        if (rv->source >= 0) {
            screens_playback_bar(
                s, ui, rv, screens_bar_rect(ui, 0.0f, narrow ? w : w - side_w - 2.0f * pad, h));
        }
    }
    if ((v->where_set && !drawing) || (drawing && s->paint.drawing.count > 0)) {
        ui_area_begin(ui, (UiRect){w - ns.w - pad, h - ns.h - pad, ns.w, ns.h});
        ui_set_next_width(ui, ns.w);
        if (ui_button_ex(ui, TRID(rv, "kiosk_next_flags"), &next_o)) {
            k->step = KIOSK_FLAGS;
            rv->source = -1;
            s->play.playing = false;
            /* the drawing's summary is made for the last step; the flags come next anyway */
            s->paint.summary_open = drawing;
            s->paint.summary_stale = drawing;
            s->paint.flags_shown = true;
        }
        ui_area_end(ui);
    }
}

static void flags(Kiosk *k, UiContext *ui, Viewer *v, RefView *rv) {
    bool open = true;
    /* below the urgent-signs button */
    UiRect r = centre_card(ui, v, 640, 78);
    r.h = (float)v->h - r.y - ui_px(ui, 20.0f);
    if (!ui_panel_begin(ui, screens_tr(rv, "kiosk_flags_title"), r, &open)) {
        return;
    }
    ui_label(ui, screens_tr(rv, "kiosk_flags_hint"));
    const ContentDb *db = rv->loaded ? &rv->assets.content : NULL;
    int n = 0;
    bool emergency = false;
    for (int g = 0; db && g < db->redflag_group_count; g++) {
        const ContentRedFlagGroup *grp = &db->redflag_groups[g];
        ui_text(ui, grp->title, UI_TEXT_BOLD);
        for (int i = 0; i < grp->item_count && n < KIOSK_MAX_FLAGS; i++, n++) {
            ui_push_id_int(ui, n);
            ui_toggle(ui, grp->items[i].text, &k->flag_yes[n]);
            ui_pop_id(ui);
            if (k->flag_yes[n] && strcmp(grp->urgency, "emergency") == 0) {
                emergency = true;
            }
        }
    }
    if (emergency) {
        ui_text(ui, screens_tr(rv, "kiosk_flags_emergency"), UI_TEXT_TITLE);
    }
    UiButtonOpts next = {.selected = true, .bold = true};
    if (ui_button_ex(ui, TRID(rv, "kiosk_next_summary"), &next)) {
        k->step = KIOSK_SUMMARY;
    }
    ui_panel_end(ui);
    if (!open) {
        k->step = KIOSK_WHERE;
    }
}

/* The summary's first part after a tap: the named areas at the place and what is known to
 * send pain there. */
static void tapped_summary_lines(Screens *s, UiContext *ui, Viewer *v, RefView *rv) {
    const ContentDb *db = rv->loaded ? &rv->assets.content : NULL;
    ui_text(ui, screens_tr(rv, "kiosk_summary_where"), UI_TEXT_BOLD);
    int zones = 0;
    for (int z = 0; db && v->where_set && z < db->zone_count; z++) {
        if (strcmp(db->zones[z].kind, "region") == 0 &&
            ref_zone_weight(&rv->assets.engine, z, rv->map, v->where_mm) >= REF_COVER_MIN) {
            ui_label(ui, db->zones[z].plain_name);
            zones++;
        }
    }
    if (zones == 0) {
        ui_label(ui,
                 screens_tr(rv, v->where_set ? "kiosk_summary_outside" : "kiosk_summary_nothing"));
    }
    ui_text(ui, screens_tr(rv, "kiosk_summary_sources"), UI_TEXT_BOLD);
    for (int i = 0; db && i < s->where_count; i++) {
        ui_label(ui, db->sources[s->where[i].source].plain_name);
    }
    if (s->where_count == 0) {
        ui_label(ui, screens_tr(rv, "kiosk_summary_no_sources"));
    }
}

/* The same after a drawing: the painted areas, largest first, and the sources that refer
 * there (main areas first, in no order of likelihood). */
static void drawing_summary_lines(const PaintState *p, Screens *s, UiContext *ui, RefView *rv) {
    const ContentDb *db = &rv->assets.content;
    const DrawingSummary *sum = &p->summary;
    ui_text(ui, screens_tr(rv, "kiosk_summary_where"), UI_TEXT_BOLD);
    int shown = 0;
    for (int i = 0; i < sum->zone_count && shown < 8; i++) {
        const DrawingZoneArea *za = &sum->zones[i];
        if (za->area_mm2 >= 100.0f && strcmp(db->zones[za->zone].kind, "region") == 0) {
            char line[256];
            snprintf(line, sizeof line, "%s (%d / 10)", db->zones[za->zone].plain_name,
                     za->intensity);
            ui_label(ui, line);
            shown++;
        }
    }
    if (shown == 0) {
        ui_label(ui, screens_tr(rv, "kiosk_summary_outside"));
    }
    ui_text(ui, screens_tr(rv, "kiosk_summary_sources"), UI_TEXT_BOLD);
    for (int i = 0; i < sum->match_count; i++) {
        ui_label(ui, screens_source_label(s, &db->sources[sum->matches[i].source]));
    }
    if (sum->match_count == 0) {
        ui_label(ui, screens_tr(rv, "kiosk_summary_no_sources"));
    }
}

static void summary(Kiosk *k, Screens *s, UiContext *ui, Viewer *v, const Scene *scene,
                    RefView *rv) {
    bool open = true;
    /* below the urgent-signs button */
    UiRect r = centre_card(ui, v, 640, 78);
    r.h = (float)v->h - r.y - ui_px(ui, 20.0f);
    if (!ui_panel_begin(ui, screens_tr(rv, "kiosk_summary_title"), r, &open)) {
        return;
    }
    const ContentDb *db = rv->loaded ? &rv->assets.content : NULL;
    const PaintState *p = &s->paint;
    if (db && p->summary_open && p->have_summary) {
        drawing_summary_lines(p, s, ui, rv);
    } else {
        tapped_summary_lines(s, ui, v, rv);
    }
    ui_text(ui, screens_tr(rv, "kiosk_summary_flags"), UI_TEXT_BOLD);
    int n = 0, ticked = 0;
    for (int g = 0; db && g < db->redflag_group_count; g++) {
        for (int i = 0; i < db->redflag_groups[g].item_count && n < KIOSK_MAX_FLAGS; i++, n++) {
            if (k->flag_yes[n]) {
                ui_label(ui, db->redflag_groups[g].items[i].text);
                ticked++;
            }
        }
    }
    if (ticked == 0) {
        ui_label(ui, screens_tr(rv, "none"));
    }
    ui_text(ui,
            db && db->meta.disclaimer ? db->meta.disclaimer : "For learning only. Not a diagnosis.",
            UI_TEXT_MUTED);
    if (ui_button(ui, TRID(rv, "kiosk_done"))) {
        kiosk_reset(k, s, v, scene, rv);
    }
    ui_panel_end(ui);
    if (!open) {
        k->step = KIOSK_FLAGS;
    }
}

/* The staff PIN pad: digits only, masked, with the back-off after wrong tries. */
static void pin_pad(Kiosk *k, Screens *s, UiContext *ui, Viewer *v, RefView *rv) {
    bool open = true;
    if (!ui_panel_begin(ui, screens_tr(rv, "kiosk_pin_prompt"), centre_card(ui, v, 420, 60),
                        &open)) {
        return;
    }
    char shown[2 * sizeof k->pin];
    size_t n = strlen(k->pin);
    for (size_t i = 0; i < n; i++) {
        shown[2 * i] = '*';
        shown[2 * i + 1] = ' ';
    }
    shown[n ? 2 * n - 1 : 0] = '\0';
    ui_text(ui, n ? shown : screens_tr(rv, "pin_enter"), UI_TEXT_TITLE);
    double wait = pin_guard_wait_sec(&k->guard, k->clock_sec);
    if (wait > 0.0) {
        snprintf(k->pin_message, sizeof k->pin_message, "%s %d s", screens_tr(rv, "pin_wait"),
                 (int)wait + 1);
    }
    /* always one line here, so the keys never move under a finger */
    ui_label(ui, k->pin_message[0] ? k->pin_message : screens_tr(rv, "pin_hint"));
    const char *const keys[12] = {"1", "2",
                                  "3", "4",
                                  "5", "6",
                                  "7", "8",
                                  "9", screens_tr(rv, "pin_back"),
                                  "0", screens_tr(rv, "pin_ok")};
    for (int row = 0; row < 4; row++) {
        ui_columns_begin(ui, 3);
        for (int col = 0; col < 3; col++) {
            int i = row * 3 + col;
            if (col > 0) {
                ui_column_next(ui);
            }
            ui_push_id_int(ui, 500 + i);
            bool pressed = ui_button(ui, keys[i]);
            ui_pop_id(ui);
            if (!pressed) {
                continue;
            }
            if (i == 9) {
                if (n > 0) {
                    k->pin[n - 1] = '\0';
                }
            } else if (i == 11) {
                char err[256] = "";
                PinCheck r = PIN_FAILED;
                if (wait <= 0.0 && k->pin_path[0]) {
                    r = pin_check(k->pin_path, k->pin, err, sizeof err);
                    if (r != PIN_NOT_SET) {
                        pin_guard_record(&k->guard, r == PIN_MATCH, k->clock_sec);
                    }
                }
                if (r == PIN_MATCH) {
                    k->unlocked = true;
                    k->pin_open = false;
                    k->pin_message[0] = '\0';
                    s->changed = true;
                } else if (r == PIN_NOT_SET || !k->pin_path[0]) {
                    snprintf(k->pin_message, sizeof k->pin_message, "%s",
                             screens_tr(rv, "pin_not_set"));
                } else if (r == PIN_WRONG) {
                    snprintf(k->pin_message, sizeof k->pin_message, "%s",
                             screens_tr(rv, "kiosk_pin_wrong"));
                } else if (wait <= 0.0) {
                    snprintf(k->pin_message, sizeof k->pin_message, "%s",
                             screens_tr(rv, "pin_error"));
                }
                memset(k->pin, 0, sizeof k->pin);
            } else if (n + 1 < sizeof k->pin) {
                k->pin[n] = keys[i][0];
                k->pin[n + 1] = '\0';
            }
        }
        ui_columns_end(ui);
    }
    ui_panel_end(ui);
    if (!open) {
        k->pin_open = false;
        memset(k->pin, 0, sizeof k->pin);
    }
}

void kiosk_build(Kiosk *k, Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv) {
    if (k->pin_open) {
        pin_pad(k, s, ui, v, rv);
        return;
    }
    screens_refresh_where(s, v, rv);
    /* mark the tapped place on the skin, as in the viewer's Where it hurts */
    bool mark = v->mode == VIEWER_WHERE && v->where_set;
    if (mark != rv->mark_point_set ||
        (mark && memcmp(rv->mark_point_mm, v->where_mm, sizeof v->where_mm) != 0)) {
        rv->mark_point_set = mark;
        memcpy(rv->mark_point_mm, v->where_mm, sizeof v->where_mm);
        s->changed = true;
    }
    switch (k->step) {
        case KIOSK_WELCOME:
            welcome(k, ui, v, rv);
            break;
        case KIOSK_LANGUAGE:
            language(k, s, ui, v, rv);
            break;
        case KIOSK_WHERE:
            where(k, s, ui, v, scene, rv);
            break;
        case KIOSK_FLAGS:
            flags(k, ui, v, rv);
            break;
        case KIOSK_SUMMARY:
            summary(k, s, ui, v, scene, rv);
            break;
        default:
            break;
    }
    /* urgent signs stay one tap away on every step */
    const char *rf = screens_tr(rv, "red_flags_button");
    UiButtonOpts danger = {.danger = true, .bold = true};
    UiSize rs = ui_button_size_ex(ui, rf, &danger);
    float pad = ui_px(ui, 10.0f);
    ui_area_begin(ui, (UiRect){(float)v->w - rs.w - pad, pad, rs.w, rs.h});
    if (ui_button_ex(ui, rf, &danger)) {
        s->redflags_open = !s->redflags_open;
    }
    ui_area_end(ui);
    if (s->redflags_open) {
        s->top_px = rs.h + 2.0f * pad; /* below the urgent-signs button */
        screens_redflags_card(s, ui, rv, (float)v->w, (float)v->h);
    }
}
