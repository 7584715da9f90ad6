/* The pain drawing's side of a session: keeping its summary up to date, the pictures of a
 * drawing (previews, handouts), and the requests the Draw UI makes (save, handout, open,
 * delete, export, compare visits) carried out with the renderer and the user's folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifndef _WIN32
#include <sys/stat.h>
#endif

#include "app/handout.h"
#include "app/session.h"
#include "app/screens_internal.h"
#include "core/log.h"
#include "core/strutil.h"

static const char *content_version(const Session *s) {
    return s->rv_loaded ? s->rv.assets.content.meta.content_version : "";
}

static const float *skin_areas(Session *s) {
    if (!s->skin_area && s->scene.skin_positions && s->scene.skin_vertex_count > 0) {
        s->skin_area = malloc(sizeof(float) * s->scene.skin_vertex_count);
        if (s->skin_area) {
            drawing_vertex_areas(s->scene.skin_positions, s->scene.skin_vertex_count, 3,
                                 s->scene.skin_indices, s->scene.skin_index_count, s->skin_area);
        }
    }
    return s->skin_area;
}

bool session_summarize(Session *s, const Drawing *d, DrawingSummary *out) {
    if (!s->rv_loaded || !s->scene.skin_positions) {
        return false;
    }
    return drawing_summarize(d, &s->rv.assets.engine, s->rv.map, s->scene.skin_positions,
                             s->scene.skin_vertex_count, 3, skin_areas(s), out);
}

/* The summary follows the drawing while its card is open (once a stroke is finished). */
static void update_summary(Session *s) {
    PaintState *p = &s->screens.paint;
    if (!p->summary_open || !p->summary_stale || s->viewer.stroke_pointer >= 0) {
        return;
    }
    p->summary_stale = false;
    if (p->have_summary) {
        drawing_summary_free(&p->summary);
        p->have_summary = false;
    }
    p->have_summary = session_summarize(s, &p->drawing, &p->summary);
    bool flags = p->have_summary && (p->summary.saddle || p->summary.both_legs);
    if (flags && !p->flags_shown) {
        /* paint between the legs or down both legs: the urgent signs come first */
        s->screens.redflags_open = true;
    }
    p->flags_shown = flags;
}

/* <user folder>/name, created (0700) if needed. */
static bool user_subdir(const char *name, char *out, size_t cap, char *err, size_t err_cap) {
    const char *user = plat_user_dir();
    if (!user) {
        snprintf(err, err_cap, "there is no user folder (set PAINMAP_USER_DIR)");
        return false;
    }
    if (!path_join(out, cap, user, name)) {
        snprintf(err, err_cap, "%s: path too long", user);
        return false;
    }
    return drawing_dir_ensure(out, err, err_cap);
}

bool session_picture(Session *s, ViewId view, int w, int h, Drawing *d, uint8_t **out_rgba) {
    Viewer *v = &s->viewer;
    Viewer keep_v = *v;
    bool keep_ui = s->show_ui, keep_opaque = s->scene.skin_opaque;
    Drawing *keep_d = s->drawing;
    int keep_source = s->rv.source, keep_cmp = s->screens.compare_source;
    v->w = w;
    v->h = h;
    v->layer_mask = LAYER_BIT(LAYER_SKIN);
    v->mode = VIEWER_EXPLORE;
    scene_init_camera(&s->scene, view, (float)w / (float)h, &v->cam);
    v->transition_t = 1.0f;
    s->show_ui = false;
    s->drawing = d;
    s->scene.skin_opaque = true; /* like a paper body map: the outline and the drawing */
    s->rv.source = -1;
    s->screens.compare_source = -1;
    bool compare = s->screens.paint.compare_open;
    s->screens.paint.compare_open = false;
    uint8_t *px = malloc((size_t)w * (size_t)h * 4);
    bool ok = px && session_draw(s) && gfx_read_pixels(s->gfx, px);
    s->screens.paint.compare_open = compare;
    *v = keep_v;
    v->dirty = true;
    s->show_ui = keep_ui;
    s->scene.skin_opaque = keep_opaque;
    s->drawing = keep_d;
    s->rv.source = keep_source;
    s->screens.compare_source = keep_cmp;
    if (!ok) {
        free(px);
        px = NULL;
    }
    *out_rgba = px;
    return ok;
}

int session_write_handout(Session *s, DrawingDoc *doc, const char *path, PaperSize paper, char *err,
                          size_t err_cap) {
    if (!s->rv_loaded) {
        snprintf(err, err_cap,
                 "the content could not be loaded, so the handout cannot name the zones "
                 "(run painmap check-content)");
        return EXIT_ENV;
    }
    const ContentDb *db = &s->rv.assets.content;
    if (!doc->has_summary) {
        /* an older file: work out the areas and sources on this body */
        DrawingSummary sum;
        if (session_summarize(s, &doc->drawing, &sum)) {
            drawing_doc_set_summary(doc, &sum, db, derm_map_name(s->screens.settings.map));
            drawing_summary_free(&sum);
        }
    }
    const int pw = 900, ph = 1200;
    uint8_t *front = NULL, *back = NULL;
    int rc = EXIT_ENV;
    HandoutText text;
    memset(&text, 0, sizeof text);
    if (!session_picture(s, VIEW_ANTERIOR, pw, ph, &doc->drawing, &front) ||
        !session_picture(s, VIEW_POSTERIOR, pw, ph, &doc->drawing, &back)) {
        snprintf(err, err_cap, "could not draw the pictures of the drawing");
    } else if (!handout_text_build(doc, db, &text)) {
        snprintf(err, err_cap, "out of memory");
    } else {
        HandoutDesc desc;
        memset(&desc, 0, sizeof desc);
        handout_desc_fill(&desc, &text, doc, db);
        desc.paper = paper;
        desc.front = (HandoutImage){front, pw, ph, 0};
        desc.back = (HandoutImage){back, pw, ph, 0};
        if (handout_write(&desc, path, err, err_cap)) {
            rc = EXIT_OK;
        }
    }
    handout_text_free(&text);
    free(front);
    free(back);
    return rc;
}

/* The drawing in memory as a document, with its summary, under its label (a new one the first
 * time it is saved). */
static bool current_doc(Session *s, DrawingDoc *doc) {
    PaintState *p = &s->screens.paint;
    time_t now = time(NULL);
    drawing_doc_create(doc, now, content_version(s));
    if (p->label[0]) {
        str_copy(doc->label, sizeof doc->label, p->label);
        str_copy(doc->created, sizeof doc->created, p->created);
    }
    if (!drawing_set_points(&doc->drawing, p->drawing.points, p->drawing.count)) {
        return false;
    }
    DrawingSummary sum;
    if (session_summarize(s, &p->drawing, &sum)) {
        bool ok = drawing_doc_set_summary(doc, &sum, &s->rv.assets.content,
                                          derm_map_name(s->screens.settings.map));
        drawing_summary_free(&sum);
        return ok;
    }
    return true;
}

/* The preview beside a saved drawing: front and back, side by side, readable only by the
 * user like the drawing itself. */
static bool write_preview(Session *s, const char *json_path, Drawing *d, char *err,
                          size_t err_cap) {
    const int pw = 240, ph = 320;
    const size_t row = (size_t)pw * 4;
    uint8_t *front = NULL, *back = NULL;
    char png_path[4096];
    bool ok = drawing_preview_path(json_path, png_path, sizeof png_path) &&
              session_picture(s, VIEW_ANTERIOR, pw, ph, d, &front) &&
              session_picture(s, VIEW_POSTERIOR, pw, ph, d, &back);
    uint8_t *both = ok ? malloc((size_t)pw * 2 * (size_t)ph * 4) : NULL;
    uint8_t *png = NULL;
    size_t png_len = 0;
    if (both) {
        for (size_t y = 0; y < (size_t)ph; y++) {
            memcpy(both + y * row * 2, front + y * row, row);
            memcpy(both + y * row * 2 + row, back + y * row, row);
        }
    }
    ok = both && app_encode_png(both, pw * 2, ph, &png, &png_len) &&
         drawing_file_write_private(png_path, png, png_len, err, err_cap);
    if (!ok && !err[0]) {
        snprintf(err, err_cap, "%s: could not make the preview", json_path);
    }
    free(png);
    free(both);
    free(front);
    free(back);
    return ok;
}

static void say(PaintState *p, const char *what, const char *path) {
    snprintf(p->message, sizeof p->message, "%.120s %.380s", what, path);
}

/* Saves the drawing in memory; out_json gets the file's path. */
static bool save_current(Session *s, DrawingDoc *doc, char *out_json, size_t cap, char *err,
                         size_t err_cap) {
    PaintState *p = &s->screens.paint;
    char dir[4096];
    if (!user_subdir("drawings", dir, sizeof dir, err, err_cap)) {
        return false;
    }
    if (!current_doc(s, doc)) {
        snprintf(err, err_cap, "out of memory");
        return false;
    }
    if (!drawing_file_path(dir, doc->label, out_json, cap) ||
        !drawing_file_save(out_json, doc, err, err_cap) ||
        !write_preview(s, out_json, &doc->drawing, err, err_cap)) {
        if (!err[0]) {
            snprintf(err, err_cap, "%.3000s: path too long", dir);
        }
        return false;
    }
    str_copy(p->label, sizeof p->label, doc->label);
    str_copy(p->created, sizeof p->created, doc->created);
    p->list_stale = true;
    return true;
}

static bool handout_into(Session *s, DrawingDoc *doc, const char *folder, char *out_path,
                         size_t cap, char *err, size_t err_cap) {
    char dir[4096], name[DRAWING_LABEL_MAX + 8];
    if (!user_subdir(folder, dir, sizeof dir, err, err_cap)) {
        return false;
    }
    snprintf(name, sizeof name, "%s.pdf", doc->label);
    if (!path_join(out_path, cap, dir, name)) {
        snprintf(err, err_cap, "%.3000s: path too long", dir);
        return false;
    }
    if (session_write_handout(s, doc, out_path, s->screens.settings.paper, err, err_cap) !=
        EXIT_OK) {
        return false;
    }
#ifndef _WIN32
    chmod(out_path, 0600); /* like the drawing it comes from: the user's own */
#endif
    return true;
}

static bool entry_path(Session *s, int i, char *out, size_t cap) {
    PaintState *p = &s->screens.paint;
    char dir[4096], err[256];
    return i >= 0 && i < p->entry_count &&
           user_subdir("drawings", dir, sizeof dir, err, sizeof err) &&
           path_join(out, cap, dir, p->entries[i].file);
}

static void refresh_list(Session *s) {
    PaintState *p = &s->screens.paint;
    char dir[4096], err[1024] = "";
    free(p->entries);
    p->entries = NULL;
    p->entry_count = 0;
    p->chosen[0] = p->chosen[1] = p->confirm_delete = -1;
    p->list_stale = false;
    if (!user_subdir("drawings", dir, sizeof dir, err, sizeof err)) {
        say(p, "", err);
        return;
    }
    int n = drawing_dir_list(dir, &p->entries, err, sizeof err);
    if (n < 0) {
        say(p, "", err);
        return;
    }
    p->entry_count = n;
}

static void do_request(Session *s) {
    PaintState *p = &s->screens.paint;
    PaintRequest req = p->request;
    p->request = PAINT_REQ_NONE;
    char err[4096] = "", path[4096];
    DrawingDoc doc;
    drawing_doc_init(&doc);
    switch (req) {
        case PAINT_REQ_NONE:
            break;
        case PAINT_REQ_SAVE:
            if (save_current(s, &doc, path, sizeof path, err, sizeof err)) {
                say(p, screens_tr(&s->rv, "draw_saved_as"), path);
            }
            break;
        case PAINT_REQ_HANDOUT:
            if (save_current(s, &doc, path, sizeof path, err, sizeof err) &&
                handout_into(s, &doc, "handouts", path, sizeof path, err, sizeof err)) {
                say(p, screens_tr(&s->rv, "handout_written"), path);
            }
            break;
        case PAINT_REQ_LIST:
            refresh_list(s);
            break;
        case PAINT_REQ_OPEN:
            if (entry_path(s, p->request_arg, path, sizeof path) &&
                drawing_file_load(path, &doc, err, sizeof err)) {
                if (drawing_set_points(&p->drawing, doc.drawing.points, doc.drawing.count)) {
                    str_copy(p->label, sizeof p->label, doc.label);
                    str_copy(p->created, sizeof p->created, doc.created);
                    p->library_open = false;
                    p->summary_stale = true;
                    p->flags_shown = false;
                    s->viewer.painted = true;
                    screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_DRAW);
                    say(p, screens_tr(&s->rv, "drawing_opened"), doc.label);
                } else {
                    snprintf(err, sizeof err, "%.3000s: too many points", path);
                }
            }
            break;
        case PAINT_REQ_DELETE:
            if (entry_path(s, p->request_arg, path, sizeof path) &&
                drawing_file_delete(path, err, sizeof err)) {
                say(p, screens_tr(&s->rv, "drawing_deleted"), p->entries[p->request_arg].file);
                refresh_list(s);
            }
            break;
        case PAINT_REQ_EXPORT: {
            char dir[4096], copy[4096];
            if (entry_path(s, p->request_arg, path, sizeof path) &&
                drawing_file_load(path, &doc, err, sizeof err) &&
                user_subdir("exports", dir, sizeof dir, err, sizeof err) &&
                drawing_file_path(dir, doc.label, copy, sizeof copy) &&
                drawing_file_save(copy, &doc, err, sizeof err) &&
                handout_into(s, &doc, "exports", path, sizeof path, err, sizeof err)) {
                say(p, screens_tr(&s->rv, "drawing_exported"), dir);
            }
            break;
        }
        case PAINT_REQ_COMPARE: {
            char a[4096], b[4096];
            drawing_doc_free(&p->visit[0]);
            drawing_doc_free(&p->visit[1]);
            if (entry_path(s, p->chosen[0], a, sizeof a) &&
                entry_path(s, p->chosen[1], b, sizeof b) &&
                drawing_file_load(a, &p->visit[0], err, sizeof err) &&
                drawing_file_load(b, &p->visit[1], err, sizeof err)) {
                /* the older visit on the left */
                if (strcmp(p->visit[0].modified, p->visit[1].modified) > 0) {
                    DrawingDoc t = p->visit[0];
                    p->visit[0] = p->visit[1];
                    p->visit[1] = t;
                }
                p->change_count =
                    drawing_doc_compare(&p->visit[0], &p->visit[1], p->changes, PAINT_CHANGES_MAX);
                if (p->change_count > PAINT_CHANGES_MAX) {
                    p->change_count = PAINT_CHANGES_MAX;
                }
                p->compare_open = true;
                p->library_open = false;
                screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_EXPLORE);
                viewer_go_to_view(&s->viewer, &s->scene, VIEW_ANTERIOR);
            }
            break;
        }
        case PAINT_REQ_NEW:
            drawing_free(&p->drawing);
            p->label[0] = p->created[0] = '\0';
            p->summary_stale = true;
            p->flags_shown = false;
            p->message[0] = '\0';
            s->viewer.painted = true;
            break;
    }
    if (err[0]) {
        log_error("%s", err);
        say(p, screens_tr(&s->rv, "draw_failed"), err);
    }
    drawing_doc_free(&doc);
    s->viewer.dirty = true;
}

void session_paint_step(Session *s) {
    PaintState *p = &s->screens.paint;
    Viewer *v = &s->viewer;
    s->screens.staff = !s->kiosk.enabled || s->kiosk.unlocked;
    if (!s->screens.staff) {
        /* a patient never reaches the saved drawings */
        p->library_open = p->compare_open = false;
        if (p->request != PAINT_REQ_NONE) {
            p->request = PAINT_REQ_NONE;
        }
    }
    if (v->painted) {
        v->painted = false;
        p->summary_stale = true;
        s->paint_changed = true;
        v->dirty = true;
    }
    if (p->list_stale && p->library_open) {
        refresh_list(s);
    }
    if (p->request != PAINT_REQ_NONE) {
        do_request(s);
    }
    if (!p->compare_open && (p->visit[0].drawing.count || p->visit[1].drawing.count)) {
        /* the compare card was closed: the two visits leave memory */
        drawing_doc_free(&p->visit[0]);
        drawing_doc_free(&p->visit[1]);
        v->dirty = true;
    }
    update_summary(s);
}

Drawing *session_drawing_for(Session *s, int half) {
    PaintState *p = &s->screens.paint;
    if (p->compare_open) {
        return &p->visit[half == 1 ? 1 : 0].drawing;
    }
    if (s->drawing) {
        return s->drawing;
    }
    return s->viewer.mode == VIEWER_DRAW ? &p->drawing : NULL;
}

void session_prune_drawings(Session *s) {
    int days = s->screens.settings.retention_days;
    char dir[4096], err[1024] = "";
    if (days <= 0 || !plat_user_dir() ||
        !user_subdir("drawings", dir, sizeof dir, err, sizeof err)) {
        return;
    }
    int n = drawing_dir_prune(dir, time(NULL), days, err, sizeof err);
    if (n < 0) {
        log_warn("could not delete old drawings: %s", err);
    } else if (n > 0) {
        log_info("deleted %d drawing%s older than %d days (the retention setting)", n,
                 n == 1 ? "" : "s", days);
        s->screens.paint.list_stale = true;
    }
}
