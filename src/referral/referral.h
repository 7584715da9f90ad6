/* referral: the pure engine that joins the words (ContentDb) to the shapes (RefShapes):
 * which zones a source lights, which sources refer to a zone / point / painted area
 * ("where it hurts": every match, primary before spillover, no scores), the dermatome
 * at a point under a chosen map, and per-vertex zone weights on a skin. Holds pointers to
 * the content, shapes and landmarks it was created with (they must outlive it); owns only
 * its lookup tables. No SDL, no GL. */
#ifndef PAINMAP_REFERRAL_REFERRAL_H
#define PAINMAP_REFERRAL_REFERRAL_H

#include <stdbool.h>

#include "anatomy/landmarks.h"
#include "content/content.h"
#include "referral/zone_shapes.h"

/* A zone counts as covering a point when its weight there is at least this. */
#define REF_COVER_MIN       0.5f
#define REF_MATCH_ZONES_MAX 32
#define REF_PATH_MAX        16

typedef struct RefEngine {
    const ContentDb *content;
    const RefShapes *shapes;
    const LandmarkSet *landmarks;
    int *zone_shape;                /* content zone -> shape in shapes->zones, or -1 (dermatomes) */
    int (*derm_shape)[REF_MAP_MAX]; /* content zone -> shape in each map, or -1 */
    float (*structure_pos)[3];      /* per content structure; set by ref_engine_set_structure_pos */
    bool *structure_pos_set;
} RefEngine;

typedef struct RefMatchZone {
    int zone; /* content zone index */
    bool primary;
} RefMatchZone;

typedef struct RefMatch {
    int source;   /* content source index */
    bool primary; /* at least one matched zone is primary for this source */
    RefMatchZone zones[REF_MATCH_ZONES_MAX];
    int zone_count;
} RefMatch;

typedef struct RefDermHit {
    int zone;       /* content zone index, -1 if the content has no entry for it */
    const char *id; /* shape id, e.g. derm_l5_r */
    float weight;
} RefDermHit;

/* Builds the lookup tables. False (with a message in err) only on allocation failure;
 * zones without a shape simply weigh 0 everywhere (check-content reports them). */
bool ref_engine_create(RefEngine *out, const ContentDb *content, const RefShapes *shapes,
                       const LandmarkSet *landmarks, char *err, size_t err_cap);
void ref_engine_destroy(RefEngine *engine);

/* Where a structure sits (e.g. the centroid of its mesh), for animation paths. */
void ref_engine_set_structure_pos(RefEngine *engine, int structure, const float pos_mm[3]);

/* Dermatome map index by id (NULL or "" = the default map); -1 if unknown. */
int ref_map_find(const RefEngine *engine, const char *map_id);

/* Weight 0..1 of a content zone at a point; dermatomes use the given map. */
float ref_zone_weight(const RefEngine *engine, int zone, int map, const float p_mm[3]);
/* Weights of a content zone at count skin vertices (xyz floats, stride apart). */
void ref_zone_weights(const RefEngine *engine, int zone, int map, const float *pos_mm, int count,
                      int stride_floats, float *out_weights);
/* A point (mm) that stands for the zone (the centre of its shape); false if it has none. */
bool ref_zone_centre(const RefEngine *engine, int zone, int map, float out_mm[3]);

/* Where it hurts. Each fills out[] (capacity cap) with every source whose primary or
 * spillover zones are hit, primary matches first, both groups in content order, and
 * returns the total number of matches (which may exceed cap). */
int ref_where_zone(const RefEngine *engine, int zone, RefMatch *out, int cap);
int ref_where_point(const RefEngine *engine, int map, const float p_mm[3], RefMatch *out, int cap);
/* Painted skin: the positions of the painted vertices (xyz floats, stride apart). */
int ref_where_points(const RefEngine *engine, int map, const float *pos_mm, int count,
                     int stride_floats, RefMatch *out, int cap);
/* The general form: hit[zone] marks the zones that hurt (content zone count entries). */
int ref_where_zones(const RefEngine *engine, const bool *hit, RefMatch *out, int cap);

/* True for zones in the saddle area (perineum, genitals, around the anus, inner thighs; the
 * S3-S5 dermatomes and the pudendal territory): a drawing that touches one shows the red
 * flags first (numbness there can be a sign of cauda equina syndrome). */
bool ref_zone_in_saddle(const RefEngine *engine, int zone);

/* Dermatomes at a point under a map, strongest first (weight > 0 only); returns how many
 * (at most cap). The first one is "the" dermatome there. */
int ref_dermatomes_at(const RefEngine *engine, int map, const float p_mm[3], RefDermHit *out,
                      int cap);

#endif
