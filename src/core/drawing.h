/* drawing: a patient's pain drawing, kept apart from any mesh: painted surface points in body
 * millimetres, each with an intensity (0-10), a quality and a brush radius, grouped in strokes;
 * paint / erase strokes, stroke-wise undo and redo (bounded), clear. Also the look of each
 * quality (a colour and a pattern that reads in greyscale), per-vertex paint for a skin, and
 * the summaries (area per zone and dermatome, matching sources, red-flag triggers).
 * Owns its point arrays. No SDL, no GL. */
#ifndef PAINMAP_CORE_DRAWING_H
#define PAINMAP_CORE_DRAWING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "referral/referral.h"

enum {
    DRAWING_POINTS_MAX = 65536, /* paint stops adding points beyond this */
    DRAWING_HISTORY_MAX = 32,   /* undo steps kept; the oldest is dropped */
    DRAWING_INTENSITY_MAX = 10
};
#define DRAWING_RADIUS_MIN_MM 2.0f
#define DRAWING_RADIUS_MAX_MM 150.0f
/* Consecutive points of a stroke further apart than this are joined by straight-line
 * points (the chord stays close to the skin); further still, the stroke jumps. */
#define DRAWING_JOIN_MAX_MM 80.0f

typedef enum {
    PAIN_QUALITY_ACHING = 0,
    PAIN_QUALITY_BURNING,
    PAIN_QUALITY_SHOOTING, /* shooting / electric */
    PAIN_QUALITY_NUMBNESS, /* numbness / pins and needles */
    PAIN_QUALITY_PRESSURE, /* deep pressure */
    PAIN_QUALITY_COUNT
} PainQuality;

typedef enum {
    DRAWING_PATTERN_SOLID = 0,
    DRAWING_PATTERN_STRIPES,    /* diagonal stripes */
    DRAWING_PATTERN_WAVES,      /* horizontal wavy lines */
    DRAWING_PATTERN_DOTS,       /* a grid of dots */
    DRAWING_PATTERN_CROSSHATCH, /* two crossing diagonals */
    DRAWING_PATTERN_COUNT
} DrawingPattern;

typedef enum { DRAWING_TOOL_PAINT = 0, DRAWING_TOOL_ERASE } DrawingTool;

/* What changed since the paint was last brought up to date (drawing_take_dirty). */
typedef enum { DRAWING_DIRTY_NONE = 0, DRAWING_DIRTY_BOX, DRAWING_DIRTY_ALL } DrawingDirty;

typedef struct DrawingPoint {
    float pos_mm[3];
    float radius_mm;
    uint32_t stroke; /* strokes are numbered from 1 in the order they were painted */
    uint8_t intensity;
    uint8_t quality; /* PainQuality */
} DrawingPoint;

/* One step of history. A paint stroke only appends points, so its undo step holds no copy
 * (TRUNCATE: back to count points) and its redo step only the stroke's own points (APPEND);
 * an erase, a clear or a loaded drawing keeps the whole state (FULL). Long sessions of
 * painting so cost memory for the strokes, not for copies of the drawing. */
typedef enum { DRAWING_SNAP_FULL = 0, DRAWING_SNAP_TRUNCATE, DRAWING_SNAP_APPEND } DrawingSnapKind;

typedef struct DrawingSnapshot {
    DrawingSnapKind kind;
    DrawingPoint *points; /* FULL: every point; APPEND: the points to add; TRUNCATE: NULL */
    uint32_t count;       /* FULL, APPEND: how many in points; TRUNCATE: the count to keep */
    uint32_t next_stroke;
} DrawingSnapshot;

typedef struct Drawing {
    DrawingPoint *points;
    uint32_t count, cap;
    uint32_t next_stroke;
    /* the stroke in progress */
    bool in_stroke;
    DrawingTool tool;
    PainQuality quality;
    uint8_t intensity;
    float radius_mm;
    bool stroke_changed;
    bool have_last;
    float last_mm[3];
    /* the region whose paint changed: a box (mm) grown by each touched point's radius */
    DrawingDirty dirty;
    float dirty_min[3], dirty_max[3];
    /* history: states before each change, oldest first; redo holds undone states */
    DrawingSnapshot undo[DRAWING_HISTORY_MAX];
    int undo_count;
    DrawingSnapshot redo[DRAWING_HISTORY_MAX];
    int redo_count;
} Drawing;

void drawing_init(Drawing *d);
/* Frees the points and the history, zeroing them first (a patient's drawing leaves nothing in
 * freed memory), and leaves an empty drawing. */
void drawing_free(Drawing *d);

/* Stable id used in files ("aching", "burning", "shooting", "numbness", "pressure"). */
const char *drawing_quality_id(PainQuality q);
/* English display name ("Shooting / electric"). */
const char *drawing_quality_name(PainQuality q);
/* The quality with this id; false if unknown. */
bool drawing_quality_find(const char *id, PainQuality *out_q);
/* The quality's ink colour (linear 0..1 rgb, as used for skin paint and the handout). */
void drawing_quality_color(PainQuality q, float out_rgb[3]);
DrawingPattern drawing_quality_pattern(PainQuality q);
/* True where the pattern puts ink at 2-D coordinate (x, y); period is the repeat length in
 * the same unit (pixels on paper, mm on the skin). SOLID is ink everywhere. */
bool drawing_pattern_ink(DrawingPattern p, float x, float y, float period);

/* Starts a stroke: paint with this quality, intensity (clamped 0..10) and radius (clamped to
 * DRAWING_RADIUS_MIN/MAX_MM), or erase within radius. Ends any stroke in progress. */
void drawing_stroke_begin(Drawing *d, DrawingTool tool, PainQuality q, int intensity,
                          float radius_mm);
/* Adds a skin point (mm) to the stroke in progress: paint adds points spaced a third of the
 * radius apart along the way from the last one; erase removes every point within the radius
 * of the way from the last point (both join gaps up to DRAWING_JOIN_MAX_MM).
 * Returns how many points were added or removed; false-y 0 when not in a stroke or full. */
int drawing_stroke_add(Drawing *d, const float p_mm[3]);
/* Ends the stroke: one undo step if it changed anything. */
void drawing_stroke_end(Drawing *d);
/* Removes every point (one undo step). */
void drawing_clear(Drawing *d);
bool drawing_can_undo(const Drawing *d);
bool drawing_can_redo(const Drawing *d);
/* Steps back / forward one stroke (or clear). False if there is nothing to undo / redo. */
bool drawing_undo(Drawing *d);
bool drawing_redo(Drawing *d);
/* Replaces the points (a loaded file): history is dropped. False when out of memory or
 * count > DRAWING_POINTS_MAX (d unchanged then). */
bool drawing_set_points(Drawing *d, const DrawingPoint *points, uint32_t count);

/* What changed since the last call, and resets it: NONE, BOX (only skin inside out_min..
 * out_max needs new paint; pass the box to drawing_paint_vertices) or ALL (undo, redo, clear,
 * new points: repaint everything). */
DrawingDirty drawing_take_dirty(Drawing *d, float out_min[3], float out_max[3]);

/* Brush falloff: 1 within half the radius, easing to 0 at the radius (d, r in mm). */
float drawing_brush_weight(float dist_mm, float radius_mm);
/* How opaque paint of an intensity is: 0.15 at 0 (painted, still visible) to 1 at 10. */
float drawing_intensity_opacity(int intensity);

typedef struct DrawingPaintDesc {
    bool patterns;             /* multiply by the quality's pattern on the skin */
    float pattern_period_mm;   /* 0 = 24 mm */
    float pattern_gap_opacity; /* opacity kept between the ink of a pattern; 0 = 0.35 */
    /* optional: only vertices inside this box (mm) are written, the rest left as they are */
    const float *box_min, *box_max;
} DrawingPaintDesc;

/* Per-vertex paint for count skin vertices (xyz floats, stride_floats apart): out_rgba gets
 * the winning quality's colour and, in alpha, its strength (brush weight times intensity
 * opacity; the strongest quality at a vertex wins); 0 where nothing is painted.
 * out_quality (optional, one float per vertex) gets the winning PainQuality or -1, so a
 * shader can draw the pattern itself. desc may be NULL (no patterns). */
void drawing_paint_vertices(const Drawing *d, const float *pos_mm, uint32_t count,
                            int stride_floats, const DrawingPaintDesc *desc, float *out_rgba,
                            float *out_quality);

/* Per-vertex areas (mm^2): a third of the area of each triangle touching the vertex.
 * out_area holds vertex_count floats; it is overwritten. */
void drawing_vertex_areas(const float *pos_mm, uint32_t vertex_count, int stride_floats,
                          const uint32_t *idx, uint32_t index_count, float *out_area);

typedef struct DrawingZoneArea {
    int zone;        /* content zone index */
    float area_mm2;  /* painted skin inside the zone */
    int intensity;   /* highest intensity painted there */
    uint32_t covers; /* bit per PainQuality painted there */
} DrawingZoneArea;

typedef struct DrawingSummary {
    float total_area_mm2;
    DrawingZoneArea *zones; /* regions and nerve territories, largest first */
    int zone_count;
    DrawingZoneArea *dermatomes; /* dermatomes under the summary's map, largest first */
    int dermatome_count;
    RefMatch *matches; /* where it hurts: primary matches first, no scores */
    int match_count;
    bool saddle;    /* touches a saddle-area zone: show the red flags first */
    bool both_legs; /* paint below the gluteal fold on both legs: red flags first too */
} DrawingSummary;

/* Summarises a drawing on a skin (count vertices, xyz floats stride apart, vertex_area_mm2
 * from drawing_vertex_areas, or NULL to count every vertex as 1 mm^2): a vertex is painted
 * when the brush weight of some point there is >= 0.5; a zone's area is the sum of the areas
 * of painted vertices where the zone's weight is >= REF_COVER_MIN. The flags use the points
 * themselves (saddle: a point inside a saddle zone; both legs: points below the gluteal fold
 * on each side). False only when out of memory. Free with drawing_summary_free. */
bool drawing_summarize(const Drawing *d, const RefEngine *engine, int map, const float *pos_mm,
                       uint32_t count, int stride_floats, const float *vertex_area_mm2,
                       DrawingSummary *out);
void drawing_summary_free(DrawingSummary *s);

/* True when the points reach below the gluteal fold on both sides: below fold_y_mm and more
 * than 20 mm from the midline, on the left (+X) and on the right (-X). */
bool drawing_touches_both_legs(const Drawing *d, float fold_y_mm);
/* The height of the gluteal fold from the engine's skin landmarks (skin_gluteal_fold_l/_r),
 * or -100 mm when they are missing. */
float drawing_gluteal_fold_y(const RefEngine *engine);

#endif
