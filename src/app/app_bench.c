/* painmap bench: numbers, not pass/fail. Start-up split into its parts, the steady frame
 * time with every layer on and a referral animation playing (warm-up skipped), the latency
 * of picking, peak memory, what one frame draws, and how many frames an idle viewer draws.
 * Runs headless; the picture is the viewer's own (a Session). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/session.h"
#include "core/log.h"
#include "platform/plat.h"

enum { WARMUP_FRAMES = 10, PICKS = 1000 };

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

/* The value below which a share q (0..1) of the sorted samples lie. */
static double quantile(double *v, int n, double q) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)ceil(q * (double)n) - 1;
    return v[i < 0 ? 0 : (i >= n ? n - 1 : i)];
}

int app_bench_main(const CliOptions *opts) {
    int w = opts->width > 0 ? opts->width : 1280;
    int h = opts->height > 0 ? opts->height : 800;
    int frames = opts->frames > 0 ? opts->frames : 200;
    Session *s = calloc(1, sizeof *s);
    double *ms = malloc(sizeof(double) * (size_t)(frames > PICKS ? frames : PICKS));
    if (!s || !ms) {
        free(s);
        free(ms);
        log_error("out of memory");
        return EXIT_ENV;
    }
    int rc = session_open(s, opts, SESSION_HEADLESS, w, h);
    if (rc != EXIT_OK) {
        session_close(s);
        free(s);
        free(ms);
        return rc;
    }
    gfx_set_repeat(s->gfx, opts->repeat);
    long rss_open = plat_peak_rss_kib();
    /* the first frame, as a person would see it: the UI built and the body drawn */
    session_step(s, NULL, 0.0f);
    session_draw(s);
    gfx_finish(s->gfx);
    double first_frame = plat_time_sec() - app_start_sec();
    long rss_first = plat_peak_rss_kib();

    /* steady state: every layer, a source playing, the UI on screen */
    Viewer *v = &s->viewer;
    v->layer_mask = LAYER_MASK_ALL;
    bool animating = false;
    if (s->rv_loaded) {
        int src = content_find_source(&s->rv.assets.content, "piriformis_r");
        if (src >= 0) {
            screens_play_source(&s->screens, v, &s->scene, &s->rv, src);
            animating = true;
        }
    }
    /* Every frame is finished before the next starts, as a shown one is: a window's swap
     * waits for the frame before it, but headless nothing does, and the driver would queue
     * frames (each with its own binned scene, tens of MiB on llvmpipe) without bound. */
    const float dt = 1.0f / 60.0f;
    for (int i = 0; i < WARMUP_FRAMES; i++) {
        session_step(s, NULL, dt);
        session_draw(s);
        gfx_finish(s->gfx);
    }
    GfxStats before = gfx_get_stats(s->gfx);
    for (int i = 0; i < frames; i++) {
        double t0 = plat_time_sec();
        session_step(s, NULL, dt);
        session_draw(s);
        gfx_finish(s->gfx);
        ms[i] = 1000.0 * (plat_time_sec() - t0);
    }
    GfxStats after = gfx_get_stats(s->gfx);
    long long triangles = (long long)((after.triangles - before.triangles) / frames);
    long long draw_calls = (long long)((after.draw_calls - before.draw_calls) / frames);
    double frame_med = quantile(ms, frames, 0.5), frame_p95 = quantile(ms, frames, 0.95);

    /* picking: random taps over the body's box on screen, the hierarchy alone (CPU) */
    float x0 = (float)w, y0 = (float)h, x1 = 0.0f, y1 = 0.0f;
    for (int c = 0; c < 8; c++) {
        const float *bmin = s->scene.bmin, *bmax = s->scene.bmax;
        float p[3] = {c & 1 ? bmax[0] : bmin[0], c & 2 ? bmax[1] : bmin[1],
                      c & 4 ? bmax[2] : bmin[2]};
        float px[2];
        if (cam_project(&v->cam, w, h, p, px)) {
            x0 = fminf(x0, px[0]);
            y0 = fminf(y0, px[1]);
            x1 = fmaxf(x1, px[0]);
            y1 = fmaxf(y1, px[1]);
        }
    }
    uint32_t rng = 2024u;
    int hits = 0;
    for (int i = 0; i < PICKS; i++) {
        rng = rng * 1664525u + 1013904223u;
        float x = x0 + (float)(rng >> 8) / 16777216.0f * (x1 - x0);
        rng = rng * 1664525u + 1013904223u;
        float y = y0 + (float)(rng >> 8) / 16777216.0f * (y1 - y0);
        double t0 = plat_time_sec();
        hits += scene_pick(&s->scene, &v->cam, w, h, x, y, v->layer_mask, false, NULL) >= 0;
        ms[i] = 1000.0 * (plat_time_sec() - t0);
    }
    double pick_med = quantile(ms, PICKS, 0.5), pick_p95 = quantile(ms, PICKS, 0.95);

    /* idle: nothing moves for 5 s of the viewer's clock; count the frames it would draw */
    s->screens.play.playing = false;
    for (int i = 0; i < 30; i++) {
        if (session_step(s, NULL, dt)) {
            session_draw(s);
            gfx_finish(s->gfx);
        }
    }
    int idle_frames = 0;
    for (int i = 0; i < 5 * 60; i++) {
        if (session_step(s, NULL, dt) || session_is_animating(s)) {
            idle_frames++;
            session_draw(s);
            gfx_finish(s->gfx);
        }
    }
    long rss = plat_peak_rss_kib();
    uint32_t pick_tris = pick_triangle_count(s->scene.pick);
    const char *api = plat_window_api_name(s->win);
    if (opts->json) {
        printf("{\"size\":[%d,%d],\"lod\":\"%s\",\"msaa\":%d,\"renderer\":\"%s\","
               "\"start_to_first_frame_ms\":%.1f,\"window_context_ms\":%.1f,"
               "\"shaders_ms\":%.1f,\"fonts_ms\":%.1f,\"model_load_ms\":%.1f,"
               "\"content_load_ms\":%.1f,\"frames\":%d,\"animating\":%s,"
               "\"frame_median_ms\":%.2f,\"frame_p95_ms\":%.2f,\"pick_median_ms\":%.4f,"
               "\"pick_p95_ms\":%.4f,\"pick_hits\":%d,\"peak_rss_mib\":%.1f,"
               "\"triangles_per_frame\":%lld,\"draw_calls_per_frame\":%lld,"
               "\"pick_triangles\":%u,\"idle_frames_5s\":%d,\"repeat\":%d,"
               "\"peak_rss_after_start_mib\":%.1f,\"peak_rss_after_first_frame_mib\":%.1f,"
               "\"programs_cached\":%d,\"programs_linked\":%d,\"context_renewed\":%s}\n",
               w, h, lod_name(s->lod), s->msaa, api, 1000.0 * first_frame,
               1000.0 * s->open_window_sec, 1000.0 * s->open_shaders_sec,
               1000.0 * s->open_fonts_sec, 1000.0 * s->open_model_sec, 1000.0 * s->open_content_sec,
               frames, animating ? "true" : "false", frame_med, frame_p95, pick_med, pick_p95, hits,
               (double)rss / 1024.0, triangles, draw_calls, pick_tris, idle_frames,
               opts->repeat > 1 ? opts->repeat : 1, (double)rss_open / 1024.0,
               (double)rss_first / 1024.0, after.programs_cached, after.programs_linked,
               s->context_renewed ? "true" : "false");
    } else {
        printf("painmap bench: %dx%d, %s level, %dx MSAA, %s", w, h, lod_name(s->lod), s->msaa,
               api);
        if (opts->repeat > 1) {
            printf(", each structure drawn %d times", opts->repeat);
        }
        printf("\n");
        printf("  start to first frame   %8.1f ms  (window and context %.1f, shaders %.1f, "
               "fonts %.1f, model %.1f, content %.1f)\n",
               1000.0 * first_frame, 1000.0 * s->open_window_sec, 1000.0 * s->open_shaders_sec,
               1000.0 * s->open_fonts_sec, 1000.0 * s->open_model_sec,
               1000.0 * s->open_content_sec);
        printf("  shader programs        %8d of %d from the program cache%s\n",
               after.programs_cached, after.programs_linked,
               s->context_renewed ? " (compiled, cached, then a fresh context)" : "");
        printf("  frame (median / p95)   %8.2f / %.2f ms over %d frames, all layers, %s\n",
               frame_med, frame_p95, frames, animating ? "animation playing" : "no animation");
        printf("  pick (median / p95)    %8.4f / %.4f ms over %d taps (%d hits)\n", pick_med,
               pick_p95, PICKS, hits);
        printf("  per frame              %8lld triangles, %lld draw calls\n", triangles,
               draw_calls);
        printf("  peak memory            %8.1f MiB  (%.1f after start-up, %.1f after the first "
               "frame)\n",
               (double)rss / 1024.0, (double)rss_open / 1024.0, (double)rss_first / 1024.0);
        printf("  idle frames in 5 s     %8d\n", idle_frames);
    }
    session_close(s);
    free(s);
    free(ms);
    return EXIT_OK;
}
