/* zone_shapes: skin zones and dermatomes as soft-edged shapes in body millimetres.
 * A shape is a union of parts; a part is a path of landmark-anchored points swept by a
 * sphere (radius_mm, then a smooth fade over falloff_mm, optionally hollowed to inner_mm),
 * so a single point is a blob and two or more points make a band. A paired shape never
 * reaches past the midline. Parses assets/anatomy/zones.json and dermatomes.json against a
 * LandmarkSet; owns its arrays. Pure C: no SDL, no GL. */
#ifndef PAINMAP_REFERRAL_ZONE_SHAPES_H
#define PAINMAP_REFERRAL_ZONE_SHAPES_H

#include <stdbool.h>
#include <stddef.h>

#include "anatomy/landmarks.h"
#include "content/content.h"
#include "content/content_diag.h"

#define REF_SHAPE_ID_MAX 64
#define REF_MAP_MAX      4

typedef struct RefShapePart {
    float a[3], b[3]; /* segment ends in mm (a == b for a blob) */
    float radius_mm, falloff_mm, inner_mm;
} RefShapePart;

typedef struct RefShape {
    char id[REF_SHAPE_ID_MAX]; /* expanded: zone_buttock_r, derm_l5_l, zone_sacrum */
    ContentSide side;
    int part_first, part_count;
    float bmin[3], bmax[3]; /* where the weight can be > 0 */
    float centre_mm[3];     /* a representative point (for labels and animation paths) */
} RefShape;

typedef struct RefShapeSet {
    RefShape *shapes;
    int shape_count;
    RefShapePart *parts;
    int part_count;
} RefShapeSet;

typedef struct RefShapes {
    RefShapeSet zones; /* regions and nerve territories */
    RefShapeSet maps[REF_MAP_MAX];
    char map_ids[REF_MAP_MAX][32];
    char map_citations[REF_MAP_MAX][32];
    int map_count;
    int default_map;
} RefShapes;

/* Parses both files (names are used in messages, e.g. "anatomy/zones.json"). Every problem
 * goes to diag; returns true if there were none. out is usable as far as it got. */
bool ref_shapes_load(const char *zones_json, size_t zones_len, const char *zones_name,
                     const char *derm_json, size_t derm_len, const char *derm_name,
                     const LandmarkSet *landmarks, RefShapes *out, ContentDiag *diag);
void ref_shapes_free(RefShapes *shapes);

/* Index of a shape by expanded id, -1 if none. */
int ref_shape_find(const RefShapeSet *set, const char *id);
/* Index of a dermatome map by id, -1 if none. */
int ref_shapes_find_map(const RefShapes *shapes, const char *map_id);

/* Weight 0..1 of one shape at a point (mm). Deterministic; no allocation. */
float ref_shape_weight(const RefShapeSet *set, int shape, const float p_mm[3]);
/* Weights of one shape at count points (xyz, stride_floats apart, >= 3) into out[count]. */
void ref_shape_weights(const RefShapeSet *set, int shape, const float *pos_mm, int count,
                       int stride_floats, float *out_weights);

/* Dermatome labels as baked per skin vertex: 0 = none, else 1 + the index of the segment in
 * T12 L1 L2 L3 L4 L5 S1 S2 S3 S4 S5 (REF_DERM_SEGMENT_COUNT of them). */
#define REF_DERM_SEGMENT_COUNT 11
/* "t12", "l1", ... "s5" for index 0..10; "" otherwise. */
const char *ref_derm_segment(int index);
/* The label of the strongest dermatome of map `map` at p (either side; ties go to the first
 * in the file); 0 when no dermatome of that map reaches p. For the model baker. */
int ref_shapes_derm_label(const RefShapes *shapes, int map, const float p_mm[3]);

#endif
