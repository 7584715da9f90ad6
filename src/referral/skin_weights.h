/* skin_weights: the zones turned into per-vertex weights on one skin mesh, computed once and
 * kept sparse (only vertices a zone reaches), then combined with a timeline sample into
 * per-vertex pain intensities for drawing, or with painted vertices for where-it-hurts.
 * Owns its arrays. No SDL, no GL. */
#ifndef PAINMAP_REFERRAL_SKIN_WEIGHTS_H
#define PAINMAP_REFERRAL_SKIN_WEIGHTS_H

#include <stdbool.h>
#include <stdint.h>

#include "referral/referral.h"
#include "referral/timeline.h"

typedef struct RefZoneVerts {
    uint32_t *vertex; /* ascending vertex indices with weight > 0 */
    float *weight;    /* 0..1, same length */
    uint32_t count;
} RefZoneVerts;

typedef struct RefSkinWeights {
    RefZoneVerts *zones; /* one per content zone */
    int zone_count;
    int map; /* the dermatome map the derm_ zones were evaluated under */
    uint32_t vertex_count;
} RefSkinWeights;

/* Evaluates every content zone at the skin's vertices (xyz floats, stride_floats apart).
 * False only when out of memory. */
bool ref_skin_weights_create(const RefEngine *engine, int map, const float *pos_mm,
                             uint32_t vertex_count, int stride_floats, RefSkinWeights *out);
void ref_skin_weights_destroy(RefSkinWeights *weights);

/* Per-vertex intensity of a timeline sample: out_primary[v] = max over the sample's primary
 * zones of weight * intensity, out_spillover[v] the same over spillover zones (either may be
 * NULL). Arrays hold vertex_count floats; they are overwritten. */
void ref_skin_intensity(const RefSkinWeights *weights, const RefTimelineSample *sample,
                        float *out_primary, float *out_spillover);

/* Where it hurts for painted vertices (indices into the same skin): a zone hurts when any
 * painted vertex has weight >= REF_COVER_MIN in it. Same output as ref_where_zones. */
int ref_where_vertices(const RefEngine *engine, const RefSkinWeights *weights,
                       const uint32_t *painted, int painted_count, RefMatch *out, int cap);

#endif
