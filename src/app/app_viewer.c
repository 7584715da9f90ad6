/* The interactive viewer: a Session in a window, with a frame loop that draws only when
 * something changed or moves, so an idle clinic tablet uses no CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/session.h"
#include "core/log.h"
#include "ui/input_replay.h"
#include "platform/plat.h"

/* F12: the frame as a PNG, to PAINMAP_SCREENSHOT or a new file in the user's folder. */
static void save_picture(Session *s, const char *fixed_path) {
    char path[4096];
    if (fixed_path) {
        snprintf(path, sizeof path, "%s", fixed_path);
    } else {
        const char *dir = plat_user_dir();
        if (!dir) {
            return;
        }
        for (int i = 1; i < 10000; i++) {
            snprintf(path, sizeof path, "%spainmap-%04d.png", dir, i);
            FILE *f = fopen(path, "rb");
            if (!f) {
                break;
            }
            fclose(f);
        }
    }
    if (session_save_png(s, path)) {
        log_info("saved the picture to %s", path);
    }
}

int app_viewer_main(const CliOptions *opts) {
    Session *s = calloc(1, sizeof *s);
    InputFrame *input = calloc(1, sizeof *input);
    if (!s || !input) {
        free(s);
        free(input);
        log_error("out of memory");
        return EXIT_ENV;
    }
    int rc = session_open(s, opts, SESSION_WINDOW, opts->width, opts->height);
    if (rc == EXIT_OK && opts->source && s->rv_loaded) {
        char err[1024];
        if (!refview_set_source(&s->rv, opts->source, err, sizeof err)) {
            log_error("--source: %s", err);
            rc = EXIT_INPUT;
        } else {
            screens_play_source(&s->screens, &s->viewer, &s->scene, &s->rv, s->rv.source);
        }
    }
    if (rc != EXIT_OK) {
        session_close(s);
        free(s);
        free(input);
        return rc;
    }
    Viewer *v = &s->viewer;
    FILE *record = NULL;
    if (opts->record) {
        record = fopen(opts->record, "w");
        if (!record || !replay_write_header(record, v->w, v->h)) {
            log_error("--record: cannot write %s", opts->record);
            if (record) {
                fclose(record);
            }
            session_close(s);
            free(s);
            free(input);
            return EXIT_ENV;
        }
        log_info("recording input to %s", opts->record);
    }
    double start = plat_time_sec();
    bool was_fullscreen = v->fullscreen;
    /* PAINMAP_SCREENSHOT=FILE.png saves every frame the picture settles on (tests, docs). */
    const char *screenshot = getenv("PAINMAP_SCREENSHOT");
    bool screenshot_done = false;
    double last = plat_time_sec();
    while (!v->quit) {
        bool moving = session_is_animating(s) || v->dirty;
        if (screenshot && !screenshot_done && !moving && s->frames_drawn > 0) {
            /* each settled frame: what a person sees once the picture stops changing */
            session_save_png(s, screenshot);
            screenshot_done = true;
        }
        /* Sleep in the event queue when nothing moves: no frames, no CPU (a kiosk wakes up
         * once more, when its idle time is up). */
        plat_poll_input(s->win, !moving, kiosk_wait_ms(&s->kiosk, &s->screens), input);
        if (input->quit && !s->kiosk.enabled) {
            break;
        }
        double now = plat_time_sec();
        if (record && (input->count > 0 || input->width_px != v->w || input->height_px != v->h)) {
            replay_write_frame(record, now - start, input);
        }
        bool redraw = session_step(s, input, (float)(now - last));
        last = now;
        if (v->fullscreen != was_fullscreen) {
            plat_window_set_fullscreen(s->win, v->fullscreen);
            was_fullscreen = v->fullscreen;
        }
        if (!redraw) {
            continue;
        }
        if (!session_draw(s)) {
            rc = EXIT_ENV;
            break;
        }
        if (v->screenshot_requested) {
            v->screenshot_requested = false;
            save_picture(s, screenshot);
        }
        gfx_present(s->gfx, v->w, v->h);
        plat_window_swap(s->win);
        screenshot_done = false;
    }
    if (record && fclose(record) != 0) {
        log_error("--record: writing %s failed", opts->record);
        rc = EXIT_ENV;
    }
    session_close(s);
    free(s);
    free(input);
    return rc;
}
