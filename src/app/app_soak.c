/* painmap soak: a long, random, unattended session, the way a kiosk lives through a day.
 * Random taps and drags, ten-finger pinches, wheel turns, keys, rapid source switching,
 * panels opened and closed, resizes down to 1x1, focus loss and minimise/restore, run
 * through the null renderer; then a shorter stream, with a few frames at 7680x4320,
 * through the real renderer. Reports how resident memory changed after warm-up. Meant for
 * the sanitizer build (any error is fatal there) and for a memory-growth check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#endif

#include "app/app_internal.h"
#include "app/screens_internal.h"
#include "app/session.h"
#include "core/log.h"
#include "platform/plat.h"

typedef struct {
    uint64_t state;
} Rng;

static uint32_t next(Rng *r) {
    r->state = r->state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(r->state >> 33);
}

static float uniform(Rng *r, float lo, float hi) {
    return lo + (hi - lo) * (float)(next(r) & 0xffffff) / 16777216.0f;
}

static void push(InputFrame *f, InputEventKind kind, int pointer, int button, float x, float y) {
    InputEvent e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.pointer_id = pointer;
    e.button = button;
    e.x_px = x;
    e.y_px = y;
    input_push(f, &e);
}

/* Appends one random gesture for a w x h screen to f. */
static void random_gesture(Rng *r, InputFrame *f, int *w, int *h, bool allow_huge) {
    uint32_t what = next(r) % 100;
    float x = uniform(r, 0.0f, (float)*w), y = uniform(r, 0.0f, (float)*h);
    if (what < 35) { /* a tap (finger or mouse) */
        int p = (int)(next(r) % 2);
        push(f, INPUT_POINTER_DOWN, p, p == 0 ? 1 : 0, x, y);
        push(f, INPUT_POINTER_UP, p, p == 0 ? 1 : 0, x + 1.0f, y);
    } else if (what < 55) { /* a drag */
        int p = (int)(next(r) % 2), b = p == 0 ? (int)(next(r) % 3) + 1 : 0;
        push(f, INPUT_POINTER_DOWN, p, b, x, y);
        for (int k = 0; k < 6; k++) {
            push(f, INPUT_POINTER_MOVE, p, 0, x + uniform(r, -300, 300), y + uniform(r, -300, 300));
        }
        push(f, INPUT_POINTER_UP, p, b, x, y);
    } else if (what < 62) { /* ten fingers down, spreading, and some never coming up */
        for (int p = 1; p <= 10; p++) {
            push(f, INPUT_POINTER_DOWN, p, 0, x + (float)p * 20.0f, y);
        }
        for (int p = 1; p <= 10; p++) {
            push(f, INPUT_POINTER_MOVE, p, 0, x + (float)p * 35.0f, y + uniform(r, -50, 50));
        }
        for (int p = 1; p <= 10; p += (int)(next(r) % 2) + 1) {
            push(f, INPUT_POINTER_UP, p, 0, x, y);
        }
    } else if (what < 70) {
        InputEvent e = {.kind = INPUT_WHEEL, .wheel_y = uniform(r, -20, 20), .x_px = x, .y_px = y};
        input_push(f, &e);
    } else if (what < 80) { /* keys, including the view presets and Escape */
        static const char chars[] = "1234567sm";
        InputEvent e = {.kind = INPUT_KEY_PRESS};
        uint32_t k = next(r) % 12;
        if (k < 9) {
            e.key = INPUT_KEY_CHAR;
            e.ch = chars[k];
        } else {
            e.key = k == 9 ? INPUT_KEY_ESCAPE : (k == 10 ? INPUT_KEY_TAB : INPUT_KEY_ENTER);
        }
        input_push(f, &e);
    } else if (what < 84) { /* resize, now and then to almost nothing or to 8K */
        uint32_t k = next(r) % 10;
        if (k == 0) {
            *w = *h = 1;
        } else if (k == 1 && allow_huge) {
            *w = 7680;
            *h = 4320;
        } else {
            *w = 200 + (int)(next(r) % 1800);
            *h = 200 + (int)(next(r) % 1000);
        }
        InputEvent e = {.kind = INPUT_RESIZE, .width_px = *w, .height_px = *h};
        input_push(f, &e);
    } else if (what < 88) { /* focus lost (and with it, fingers that never come up) */
        InputEvent e = {.kind = INPUT_FOCUS_LOST};
        input_push(f, &e);
        e.kind = INPUT_FOCUS_GAINED;
        input_push(f, &e);
    } else if (what < 90) { /* minimise and restore */
        InputEvent e = {.kind = INPUT_RESIZE, .width_px = 0, .height_px = 0};
        input_push(f, &e);
        e.kind = INPUT_EXPOSE;
        input_push(f, &e);
    }
}

/* One frame of random input: one to four gestures, as a quick hand (or two) makes them.
 * Returns how many events the frame holds. */
static int random_frame(Rng *r, InputFrame *f, int *w, int *h, bool allow_huge) {
    f->count = 0;
    f->pixel_scale = 1.0f;
    int gestures = 1 + (int)(next(r) % 4);
    for (int g = 0; g < gestures; g++) {
        random_gesture(r, f, w, h, allow_huge);
    }
    f->width_px = *w;
    f->height_px = *h;
    return f->count;
}

/* Runs frames of random input; switches source every few frames. Returns events sent. */
static long run(Session *s, Rng *r, InputFrame *f, long events_goal, int frames_goal,
                bool allow_huge, bool *out_ok) {
    int w = s->viewer.w, h = s->viewer.h;
    long events = 0;
    int frame = 0;
    int sources = s->rv_loaded ? s->rv.assets.content.source_count : 0;
    *out_ok = true;
    while ((events_goal > 0 && events < events_goal) || (frames_goal > 0 && frame < frames_goal)) {
        events += random_frame(r, f, &w, &h, allow_huge);
        if (sources > 0 && frame % 7 == 0) {
            int src = (int)(next(r) % (uint32_t)sources);
            screens_play_source(&s->screens, &s->viewer, &s->scene, &s->rv, src);
            s->screens.compare_source = next(r) % 5 == 0 ? (int)(next(r) % (uint32_t)sources) : -1;
        }
        session_step(s, f, 1.0f / 60.0f);
        if (s->viewer.w > 4096 && !allow_huge) {
            s->viewer.w = 4096;
        }
        if (!session_draw(s)) {
            *out_ok = false;
            break;
        }
        s->viewer.quit = false;
        frame++;
    }
    return events;
}

/* Resident memory the program holds: the allocator first gives back the pages it keeps free
 * (glibc keeps the high-water mark of a moment's big allocations resident, which is not
 * memory the program holds, and would make a leak and a peak look alike). The kiosk does the
 * same when it starts over for the next patient. */
static long held_kib(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    return plat_rss_kib();
}

/* Each card open in turn (and Draw, and a pattern playing) for a few frames. */
static void open_cards_once(Session *s) {
    Screens *sc = &s->screens;
    for (int card = 0; card < 9; card++) {
        sc->about_open = card == 0;
        sc->settings_open = card == 1;
        sc->redflags_open = card == 2;
        sc->layers_open = card == 3;
        sc->sources_open = card == 4;
        sc->search_open = card == 5;
        sc->text_open = card == 6;
        snprintf(sc->search, sizeof sc->search, "%s", card == 5 ? "e" : "");
        screens_set_mode(sc, &s->viewer, &s->rv, card == 7 ? VIEWER_DRAW : VIEWER_EXPLORE);
        if (card == 8 && s->rv_loaded) {
            screens_play_source(sc, &s->viewer, &s->scene, &s->rv, 0);
        }
        for (int k = 0; k < 3; k++) {
            session_step(s, NULL, 0.016f);
            session_draw(s);
        }
    }
}

/* Part of warming up: every card open with the most text it can hold (the largest text size;
 * the narrowest window with a UI, where lines wrap the most, and the largest, with the most
 * rows), and every pattern shown once on both dermatome maps (the zones' weights are cached
 * per skin vertex, at most REFVIEW_CACHE_MAX of them, the first time each is shown). So the
 * UI's and the overlay's buffers and the caches reach the size they keep: random taps reach
 * these only by chance, and growth from a first showing late in the run is not a leak. */
static void open_every_card(Session *s) {
    Screens *sc = &s->screens;
    Settings keep = sc->settings;
    sc->settings.text_scale = 2.0f;
    static const int sizes[][2] = {{SESSION_UI_MIN_PX, SESSION_UI_MIN_PX},
                                   {SESSION_UI_MIN_PX, 1200},
                                   {1280, 800},
                                   {2000, 1200}};
    InputFrame in;
    memset(&in, 0, sizeof in);
    in.pixel_scale = 1.0f;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        in.width_px = sizes[z][0];
        in.height_px = sizes[z][1];
        session_step(s, &in, 0.016f);
        open_cards_once(s);
    }
    for (int map = 0; map < 2 && s->rv_loaded; map++) {
        s->rv.map = map;
        s->viewer.layer_mask |= LAYER_BIT(LAYER_DERMATOMES) | LAYER_BIT(LAYER_ZONES);
        for (int i = 0; i < s->rv.assets.content.source_count; i++) {
            screens_play_source(sc, &s->viewer, &s->scene, &s->rv, i);
            sc->play.t_sec = REF_TIMELINE_SEC - 0.1f;
            session_step(s, NULL, 0.016f);
            session_draw(s);
        }
    }
    s->rv.source = -1;
    sc->play.playing = false;
    sc->about_open = sc->settings_open = sc->redflags_open = false;
    sc->layers_open = sc->sources_open = sc->search_open = sc->text_open = false;
    sc->search[0] = '\0';
    sc->settings = keep;
    screens_set_mode(sc, &s->viewer, &s->rv, VIEWER_EXPLORE);
    session_step(s, NULL, 0.016f);
}

int app_soak_main(const CliOptions *opts) {
    long events_goal = opts->events > 0 ? opts->events : 200000;
    int real_frames = opts->frames > 0 ? opts->frames : 300;
    Rng rng = {(uint64_t)opts->seed * 2654435761ull + 12345u};
    Session *s = calloc(1, sizeof *s);
    InputFrame *f = calloc(1, sizeof *f);
    if (!s || !f) {
        free(s);
        free(f);
        log_error("out of memory");
        return EXIT_ENV;
    }
    /* 1. the long stream through the null renderer */
    int rc = session_open(s, opts, SESSION_NULL, 1280, 800);
    long events = 0, rss_warm = 0, rss_end = 0;
    bool ok = rc == EXIT_OK;
    if (ok) {
        long warm = events_goal / 10;
        events = run(s, &rng, f, warm, 0, true, &ok);
        open_every_card(s);
        rss_warm = held_kib();
        if (ok) {
            events += run(s, &rng, f, events_goal - warm, 0, true, &ok);
        }
        rss_end = held_kib();
    }
    session_close(s);
    /* 2. a shorter stream through the real renderer, 8K frames included */
    long real_events = 0;
    if (ok) {
        rc = session_open(s, opts, SESSION_HEADLESS, 1280, 800);
        ok = rc == EXIT_OK;
        if (ok) {
            real_events = run(s, &rng, f, 0, real_frames, true, &ok);
        }
        session_close(s);
    }
    long growth = rss_end - rss_warm;
    if (opts->json) {
        printf(
            "{\"events_null\":%ld,\"frames_real\":%d,\"events_real\":%ld,\"rss_after_warmup_kib\":"
            "%ld,\"rss_end_kib\":%ld,\"rss_growth_kib\":%ld,\"ok\":%s}\n",
            events, real_frames, real_events, rss_warm, rss_end, growth, ok ? "true" : "false");
    } else {
        printf("painmap soak: %ld events through the null renderer, %d frames (%ld events) "
               "through the real one\n",
               events, real_frames, real_events);
        printf("  resident memory after warm-up %ld KiB, at the end %ld KiB (growth %ld KiB)\n",
               rss_warm, rss_end, growth);
    }
    free(s);
    free(f);
    if (rc != EXIT_OK) {
        return rc;
    }
    return ok ? EXIT_OK : EXIT_ENV;
}
