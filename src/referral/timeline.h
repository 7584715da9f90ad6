/* timeline: the referral animation of one source as a pure function of time. Tension builds
 * in the source, a signal travels along its path, the primary zones bloom, then the
 * spillover zones follow, fainter. Same inputs, same output: tests sample it. No SDL, no GL. */
#ifndef PAINMAP_REFERRAL_TIMELINE_H
#define PAINMAP_REFERRAL_TIMELINE_H

#include "content/content.h"
#include "referral/referral.h"

/* Phase lengths in seconds; after the last phase the picture holds (t is clamped). */
#define REF_TENSION_SEC   1.5f
#define REF_TRAVEL_SEC    2.0f
#define REF_PRIMARY_SEC   1.5f
#define REF_SPILLOVER_SEC 1.5f
#define REF_HOLD_SEC      1.0f
#define REF_TIMELINE_SEC                                                                           \
    (REF_TENSION_SEC + REF_TRAVEL_SEC + REF_PRIMARY_SEC + REF_SPILLOVER_SEC + REF_HOLD_SEC)
/* The brightest a spillover zone gets (primary zones reach 1). */
#define REF_SPILLOVER_PEAK     0.5f
#define REF_TIMELINE_ZONES_MAX 48

typedef struct RefZoneIntensity {
    int zone; /* content zone index */
    bool primary;
    float intensity; /* 0..1 */
} RefZoneIntensity;

typedef struct RefTimelineSample {
    ContentPhase phase;
    const char *phase_id; /* "tension" | "travel" | "primary" | "spillover" */
    const char *caption;  /* the source's caption for this phase (content owns it) */
    float phase_progress; /* 0..1 within the phase */
    float tension;        /* 0..1: how warm the source structure is */
    float pulse;          /* 0..1: a steady beat to modulate the warmth with */
    float signal_u;       /* 0..1 along the path; 0 before travel, 1 after */
    float signal_pos_mm[3];
    bool signal_visible; /* true while the signal travels */
    int zone_count;      /* primary zones first, then spillover, in content order */
    RefZoneIntensity zones[REF_TIMELINE_ZONES_MAX];
} RefTimelineSample;

/* Ordered points (mm) of a source's path; returns how many (<= cap). Structure steps use
 * the position set with ref_engine_set_structure_pos and are skipped without one; zone
 * steps use the zone's centre (dermatomes under the default map). */
int ref_source_path(const RefEngine *engine, int source, float (*out_mm)[3], int cap);

/* The animation state of `source` at t_sec (clamped to [0, REF_TIMELINE_SEC]). */
void ref_timeline(const RefEngine *engine, int source, float t_sec, RefTimelineSample *out);

/* Phase ids in order, for display and tests. */
const char *ref_phase_id(ContentPhase phase);

#endif
