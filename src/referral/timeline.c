#include "referral/timeline.h"

#include <math.h>
#include <string.h>

static const char *const PHASE_IDS[CONTENT_PHASE_COUNT] = {"tension", "travel", "primary",
                                                           "spillover"};

const char *ref_phase_id(ContentPhase phase) {
    return (phase >= 0 && phase < CONTENT_PHASE_COUNT) ? PHASE_IDS[phase] : "";
}

static float smooth01(float x) {
    x = x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
    return x * x * (3.0f - 2.0f * x);
}

int ref_source_path(const RefEngine *engine, int source, float (*out_mm)[3], int cap) {
    const ContentDb *db = engine->content;
    if (source < 0 || source >= db->source_count) {
        return 0;
    }
    const ContentSource *s = &db->sources[source];
    int n = 0;
    for (int i = 0; i < s->path_count && n < cap; i++) {
        const ContentPathStep *st = &s->path[i];
        switch (st->kind) {
            case CONTENT_STEP_STRUCTURE:
                if (st->index >= 0 && engine->structure_pos_set[st->index]) {
                    memcpy(out_mm[n++], engine->structure_pos[st->index], 3 * sizeof(float));
                }
                break;
            case CONTENT_STEP_LANDMARK: {
                const Landmark *l =
                    engine->landmarks ? landmarks_find(engine->landmarks, st->id) : NULL;
                if (l) {
                    memcpy(out_mm[n++], l->pos_mm, 3 * sizeof(float));
                }
                break;
            }
            case CONTENT_STEP_ZONE:
                if (ref_zone_centre(engine, st->index, -1, out_mm[n])) {
                    n++;
                }
                break;
        }
    }
    return n;
}

static void point_along(float (*pts)[3], int n, float u, float out[3]) {
    if (n == 0) {
        out[0] = out[1] = out[2] = 0.0f;
        return;
    }
    if (n == 1) {
        memcpy(out, pts[0], 3 * sizeof(float));
        return;
    }
    float total = 0.0f;
    for (int i = 1; i < n; i++) {
        float d2 = 0;
        for (int k = 0; k < 3; k++) {
            d2 += (pts[i][k] - pts[i - 1][k]) * (pts[i][k] - pts[i - 1][k]);
        }
        total += sqrtf(d2);
    }
    float want = u * total, run = 0.0f;
    for (int i = 1; i < n; i++) {
        float d2 = 0;
        for (int k = 0; k < 3; k++) {
            d2 += (pts[i][k] - pts[i - 1][k]) * (pts[i][k] - pts[i - 1][k]);
        }
        float seg = sqrtf(d2);
        if (run + seg >= want && seg > 0.0f) {
            float f = (want - run) / seg;
            for (int k = 0; k < 3; k++) {
                out[k] = pts[i - 1][k] + f * (pts[i][k] - pts[i - 1][k]);
            }
            return;
        }
        run += seg;
    }
    memcpy(out, pts[n - 1], 3 * sizeof(float));
}

void ref_timeline(const RefEngine *engine, int source, float t_sec, RefTimelineSample *out) {
    memset(out, 0, sizeof *out);
    const ContentDb *db = engine->content;
    if (source < 0 || source >= db->source_count) {
        out->phase_id = PHASE_IDS[0];
        out->caption = "";
        return;
    }
    const ContentSource *s = &db->sources[source];
    float t = isfinite(t_sec) ? t_sec : 0.0f;
    t = t < 0.0f ? 0.0f : t > REF_TIMELINE_SEC ? REF_TIMELINE_SEC : t;

    const float t_travel = REF_TENSION_SEC;
    const float t_primary = t_travel + REF_TRAVEL_SEC;
    const float t_spill = t_primary + REF_PRIMARY_SEC;
    const float t_hold = t_spill + REF_SPILLOVER_SEC;
    if (t < t_travel) {
        out->phase = CONTENT_PHASE_TENSION;
        out->phase_progress = t / REF_TENSION_SEC;
    } else if (t < t_primary) {
        out->phase = CONTENT_PHASE_TRAVEL;
        out->phase_progress = (t - t_travel) / REF_TRAVEL_SEC;
    } else if (t < t_spill) {
        out->phase = CONTENT_PHASE_PRIMARY;
        out->phase_progress = (t - t_primary) / REF_PRIMARY_SEC;
    } else {
        out->phase = CONTENT_PHASE_SPILLOVER;
        out->phase_progress = t >= t_hold ? 1.0f : (t - t_spill) / REF_SPILLOVER_SEC;
    }
    out->phase_id = PHASE_IDS[out->phase];
    out->caption = s->captions[out->phase] ? s->captions[out->phase] : "";

    /* warmth rises during tension, then settles a little while the pain travels on */
    float rise = smooth01(t / REF_TENSION_SEC);
    float settle = smooth01((t - t_travel) / REF_TRAVEL_SEC);
    out->tension = rise * (1.0f - 0.3f * settle);
    out->pulse = 0.5f + 0.5f * sinf(2.0f * 3.14159265f * 1.2f * t);

    out->signal_u = smooth01((t - t_travel) / REF_TRAVEL_SEC);
    out->signal_visible = out->phase == CONTENT_PHASE_TRAVEL;
    float pts[REF_PATH_MAX][3];
    int n = ref_source_path(engine, source, pts, REF_PATH_MAX);
    point_along(pts, n, out->signal_u, out->signal_pos_mm);

    float prim = smooth01((t - t_primary) / REF_PRIMARY_SEC);
    float spill = REF_SPILLOVER_PEAK * smooth01((t - t_spill) / REF_SPILLOVER_SEC);
    for (int i = 0; i < s->primary.count && out->zone_count < REF_TIMELINE_ZONES_MAX; i++) {
        out->zones[out->zone_count++] = (RefZoneIntensity){s->primary.items[i], true, prim};
    }
    for (int i = 0; i < s->spillover.count && out->zone_count < REF_TIMELINE_ZONES_MAX; i++) {
        out->zones[out->zone_count++] = (RefZoneIntensity){s->spillover.items[i], false, spill};
    }
}
