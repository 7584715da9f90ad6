/* painmap render: a headless Session at one moment, read back and written as a PNG. It
 * shows exactly what the viewer would: the body, the animation at --time, and (unless
 * --no-ui) the labels, panels and caption. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/session.h"
#include "app/handout.h"
#include "core/drawing_file.h"
#include "core/log.h"

/* Looks up a source id; on failure logs the message with suggestions. */
static int find_source(RefView *rv, const char *flag, const char *id) {
    char err[1024];
    int saved = rv->source;
    if (!refview_set_source(rv, id, err, sizeof err)) {
        log_error("%s: %s", flag, err);
        return -1;
    }
    int found = rv->source;
    rv->source = saved;
    return found;
}

static int set_up(Session *s, const CliOptions *opts) {
    Viewer *v = &s->viewer;
    Screens *sc = &s->screens;
    RefView *rv = &s->rv;
    s->show_ui = !opts->no_ui;
    sc->student = opts->student;
    if (!opts->layers_set && opts->view == VIEW_DEEP_POSTERIOR) {
        v->layer_mask &= ~(LAYER_BIT(LAYER_SKIN) | LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES));
    }
    bool needs_content = opts->source || opts->compare || opts->where_zone;
    if (needs_content && !s->rv_loaded) {
        log_error("the content could not be loaded, so --source, --compare and --where "
                  "cannot be shown (run painmap check-content)");
        return EXIT_INPUT;
    }
    if (opts->compare && !opts->source) {
        log_error("--compare needs --source: the first of the two sources");
        return EXIT_INPUT;
    }
    if (s->show_ui) {
        session_step(s, NULL, 0.0f); /* lays out the UI: the views frame the body beside it */
    }
    if (opts->source) {
        int a = find_source(rv, "--source", opts->source);
        if (a < 0) {
            return EXIT_INPUT;
        }
        screens_play_source(sc, v, &s->scene, rv, a);
        sc->play.playing = false;
        /* without --time, the finished picture: every zone at its strongest */
        sc->play.t_sec = opts->time_set ? opts->time_sec : REF_TIMELINE_SEC;
        if (opts->view_set) {
            viewer_view_camera(v, &s->scene, opts->view, &v->cam);
        } else {
            v->cam = v->cam_to; /* the source's best view, without the transition */
        }
        v->transition_t = 1.0f;
    }
    if (opts->compare) {
        int b = find_source(rv, "--compare", opts->compare);
        if (b < 0) {
            return EXIT_INPUT;
        }
        sc->compare_source = b;
        session_step(s, NULL, 0.0f); /* the split layout, then its framing at once */
        if (opts->view_set) {
            viewer_view_camera(v, &s->scene, opts->view, &v->cam);
        } else {
            v->cam = v->cam_to;
        }
        v->transition_t = 1.0f;
    }
    if (opts->where_zone) {
        int z = content_find_zone(&rv->assets.content, opts->where_zone);
        if (z < 0) {
            log_error("--where: unknown zone '%s' (painmap list zones)", opts->where_zone);
            return EXIT_INPUT;
        }
        v->mode = VIEWER_WHERE;
        sc->where_zone = z;
        v->where_changed = true;
        float c[3];
        if (!opts->view_set && !opts->source &&
            ref_zone_centre(&rv->assets.engine, z, rv->map, c)) {
            /* face the zone: from behind when it lies behind the body's midplane */
            ViewId view = c[2] < 0.0f ? VIEW_POSTERIOR : VIEW_ANTERIOR;
            viewer_view_camera(v, &s->scene, view, &v->cam);
        }
    }
    return EXIT_OK;
}

/* painmap render --drawing FILE: the printable page of a saved pain drawing. */
static int render_handout(Session *s, const CliOptions *opts) {
    char err[4096] = "";
    DrawingDoc doc;
    drawing_doc_init(&doc);
    if (!drawing_file_load(opts->drawing, &doc, err, sizeof err)) {
        log_error("%s", err);
        drawing_doc_free(&doc);
        return EXIT_INPUT;
    }
    int rc = session_write_handout(s, &doc, opts->output, opts->paper, err, sizeof err);
    if (rc == EXIT_OK) {
        log_info("wrote the handout %s", opts->output);
    } else {
        log_error("%s", err);
    }
    drawing_doc_free(&doc);
    return rc;
}

int app_render_main(const CliOptions *opts) {
    int w = opts->width > 0 ? opts->width : 1280;
    int h = opts->height > 0 ? opts->height : 800;
    Session *s = calloc(1, sizeof *s);
    if (!s) {
        log_error("out of memory");
        return EXIT_ENV;
    }
    int rc = session_open(s, opts, SESSION_HEADLESS, w, h);
    if (rc == EXIT_OK && opts->drawing) {
        rc = render_handout(s, opts);
        session_close(s);
        free(s);
        return rc;
    }
    if (rc == EXIT_OK) {
        rc = set_up(s, opts);
    }
    if (rc == EXIT_OK) {
        /* two passes let the UI settle (sizes measured in the first are used in the second) */
        session_step(s, NULL, 0.0f);
        session_step(s, NULL, 0.0f);
        if (!session_draw(s) || !session_save_png(s, opts->output)) {
            rc = EXIT_ENV;
        } else {
            log_info("wrote %s (%dx%d, view %s)", opts->output, w, h, view_name(opts->view));
        }
    }
    session_close(s);
    free(s);
    return rc;
}
