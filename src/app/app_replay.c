/* painmap --replay FILE: recorded input through a headless Session, at the recorded times,
 * then the picture (-o) and the final state (--json) for scripts and tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/session.h"
#include "core/fileio.h"
#include "core/log.h"
#include "ui/input_replay.h"

/* Time between the steps taken while nothing was recorded: 60 frames a second. */
static const double STEP_SEC = 1.0 / 60.0;

static void print_state(const Session *s, int frames, double t) {
    const Viewer *v = &s->viewer;
    const ContentDb *db = s->rv_loaded ? &s->rv.assets.content : NULL;
    static const char *const modes[] = {"explore", "where", "draw"};
    printf("{\"frames\":%d,\"time\":%.3f,\"mode\":\"%s\",", frames, t, modes[v->mode]);
    if (v->selected >= 0) {
        printf("\"selected\":\"%s\",", s->scene.items[v->selected].id);
    } else {
        printf("\"selected\":null,");
    }
    if (db && s->rv.source >= 0) {
        printf("\"source\":\"%s\",", db->sources[s->rv.source].id);
    } else {
        printf("\"source\":null,");
    }
    if (db && s->screens.compare_source >= 0) {
        printf("\"compare\":\"%s\",", db->sources[s->screens.compare_source].id);
    } else {
        printf("\"compare\":null,");
    }
    printf("\"playing\":%s,\"animation_time\":%.3f,", s->screens.play.playing ? "true" : "false",
           (double)s->screens.play.t_sec);
    printf(
        "\"camera\":{\"yaw\":%.2f,\"pitch\":%.2f,\"distance\":%.1f,\"target\":[%.1f,%.1f,%.1f]},",
        (double)v->cam.yaw_deg, (double)v->cam.pitch_deg, (double)v->cam.distance_mm,
        (double)v->cam.target_mm[0], (double)v->cam.target_mm[1], (double)v->cam.target_mm[2]);
    printf("\"layers\":[");
    bool first = true;
    for (int l = 0; l < LAYER_COUNT; l++) {
        if (v->layer_mask & LAYER_BIT((LayerId)l)) {
            printf("%s\"%s\"", first ? "" : ",", layer_name((LayerId)l));
            first = false;
        }
    }
    printf("],\"where\":[");
    for (int i = 0; db && i < s->screens.where_count; i++) {
        printf("%s\"%s\"", i ? "," : "", db->sources[s->screens.where[i].source].id);
    }
    printf("],\"search\":\"");
    for (const char *c = s->screens.search; *c; c++) {
        if (*c == '"' || *c == '\\') {
            putchar('\\');
        }
        putchar(*c >= 32 ? *c : ' ');
    }
    printf("\",\"panels\":{\"sources\":%s,\"layers\":%s,\"red_flags\":%s,\"info\":%s},",
           s->screens.sources_open ? "true" : "false", s->screens.layers_open ? "true" : "false",
           s->screens.redflags_open ? "true" : "false", s->screens.info_open ? "true" : "false");
    printf("\"kiosk\":{\"enabled\":%s,\"step\":%d,\"resets\":%d,\"unlocked\":%s,"
           "\"pin_open\":%s},",
           s->kiosk.enabled ? "true" : "false", (int)s->kiosk.step, s->kiosk.resets,
           s->kiosk.unlocked ? "true" : "false", s->kiosk.pin_open ? "true" : "false");
    const PaintState *p = &s->screens.paint;
    printf(
        "\"drawing\":{\"points\":%u,\"next_stroke\":%u,\"can_undo\":%s,\"can_redo\":%s,"
        "\"label\":\"%s\",\"summary_open\":%s,\"saddle\":%s,\"both_legs\":%s,\"sources\":[",
        p->drawing.count, p->drawing.next_stroke, drawing_can_undo(&p->drawing) ? "true" : "false",
        drawing_can_redo(&p->drawing) ? "true" : "false", p->label,
        p->summary_open ? "true" : "false", p->have_summary && p->summary.saddle ? "true" : "false",
        p->have_summary && p->summary.both_legs ? "true" : "false");
    for (int i = 0; db && p->have_summary && i < p->summary.match_count; i++) {
        printf("%s\"%s\"", i ? "," : "", db->sources[p->summary.matches[i].source].id);
    }
    printf("],\"saved\":%d,\"library_open\":%s,\"compare_open\":%s,\"changes\":%d},",
           p->entry_count, p->library_open ? "true" : "false", p->compare_open ? "true" : "false",
           p->change_count);
    printf("\"quit\":%s}\n", v->quit ? "true" : "false");
}

int app_replay_main(const CliOptions *opts) {
    char err[1024];
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(opts->replay, &data, &len, err, sizeof err)) {
        log_error("--replay: %s", err);
        return EXIT_INPUT;
    }
    Replay rp;
    bool parsed = replay_parse(data, len, opts->replay, &rp, err, sizeof err);
    free(data);
    if (!parsed) {
        log_error("%s", err);
        return EXIT_INPUT;
    }
    int w = opts->width > 0 ? opts->width : (rp.width_px > 0 ? rp.width_px : 1280);
    int h = opts->height > 0 ? opts->height : (rp.height_px > 0 ? rp.height_px : 800);
    Session *s = calloc(1, sizeof *s);
    InputFrame *in = calloc(1, sizeof *in);
    int rc = s && in ? session_open(s, opts, SESSION_HEADLESS, w, h) : EXIT_ENV;
    if (rc != EXIT_OK) {
        if (s && s->gfx) {
            session_close(s);
        }
        free(s);
        free(in);
        replay_free(&rp);
        return rc;
    }
    double stop = opts->at_set ? (double)opts->at_sec : 1e30;
    double t = 0.0;
    int frames = 0;
    for (int i = 0; i < rp.frame_count && !s->viewer.quit; i++) {
        double ft = rp.frames[i].t_sec;
        /* the quiet time before this frame, in steps, as the viewer would have lived it */
        while (t + STEP_SEC < ft && t + STEP_SEC <= stop) {
            t += STEP_SEC;
            session_step(s, NULL, (float)STEP_SEC);
            frames++;
        }
        if (ft > stop) {
            break;
        }
        replay_frame_input(&rp, i, in);
        if (in->width_px <= 0) {
            in->width_px = s->viewer.w;
            in->height_px = s->viewer.h;
        }
        float dt = (float)(ft - t);
        t = ft;
        session_step(s, in, dt);
        frames++;
    }
    /* settle: let transitions and the UI finish as a person would wait to see them */
    for (int k = 0; k < 120 && session_is_animating(s) && !s->screens.play.playing && !opts->at_set;
         k++) {
        t += STEP_SEC;
        session_step(s, NULL, (float)STEP_SEC);
        frames++;
    }
    if (opts->at_set && t < stop) {
        while (t + STEP_SEC <= stop) {
            t += STEP_SEC;
            session_step(s, NULL, (float)STEP_SEC);
            frames++;
        }
    }
    session_step(s, NULL, 0.0f); /* the UI of the final state */
    if (opts->output) {
        if (!session_draw(s) || !session_save_png(s, opts->output)) {
            rc = EXIT_ENV;
        }
    }
    if (opts->json) {
        print_state(s, frames, t);
    }
    session_close(s);
    free(s);
    free(in);
    replay_free(&rp);
    return rc;
}
