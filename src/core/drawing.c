#include "core/drawing.h"

#include <assert.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/landmarks.h"
#include "content/content.h"

#define FOLD_Y_DEFAULT_MM  (-100.0f)
#define LEG_MIDLINE_MIN_MM 20.0f

static const struct {
    const char *id, *name;
    float rgb[3];
    DrawingPattern pattern;
} QUALITIES[PAIN_QUALITY_COUNT] = {
    /* colours differ in hue and in lightness; the pattern carries the meaning in greyscale */
    [PAIN_QUALITY_ACHING] = {"aching", "Aching", {0.85f, 0.42f, 0.10f}, DRAWING_PATTERN_SOLID},
    [PAIN_QUALITY_BURNING] = {"burning", "Burning", {0.80f, 0.08f, 0.12f}, DRAWING_PATTERN_STRIPES},
    [PAIN_QUALITY_SHOOTING] = {"shooting",
                               "Shooting / electric",
                               {0.93f, 0.72f, 0.05f},
                               DRAWING_PATTERN_WAVES},
    [PAIN_QUALITY_NUMBNESS] = {"numbness",
                               "Numbness / pins and needles",
                               {0.15f, 0.45f, 0.90f},
                               DRAWING_PATTERN_DOTS},
    [PAIN_QUALITY_PRESSURE] = {"pressure",
                               "Deep pressure",
                               {0.45f, 0.20f, 0.65f},
                               DRAWING_PATTERN_CROSSHATCH},
};

const char *drawing_quality_id(PainQuality q) {
    assert(q >= 0 && q < PAIN_QUALITY_COUNT);
    return QUALITIES[q].id;
}

const char *drawing_quality_name(PainQuality q) {
    assert(q >= 0 && q < PAIN_QUALITY_COUNT);
    return QUALITIES[q].name;
}

bool drawing_quality_find(const char *id, PainQuality *out_q) {
    for (int i = 0; id && i < PAIN_QUALITY_COUNT; i++) {
        if (strcmp(id, QUALITIES[i].id) == 0) {
            *out_q = (PainQuality)i;
            return true;
        }
    }
    return false;
}

void drawing_quality_color(PainQuality q, float out_rgb[3]) {
    assert(q >= 0 && q < PAIN_QUALITY_COUNT);
    memcpy(out_rgb, QUALITIES[q].rgb, sizeof QUALITIES[q].rgb);
}

DrawingPattern drawing_quality_pattern(PainQuality q) {
    assert(q >= 0 && q < PAIN_QUALITY_COUNT);
    return QUALITIES[q].pattern;
}

static float fract(float x) {
    return x - floorf(x);
}

bool drawing_pattern_ink(DrawingPattern p, float x, float y, float period) {
    if (!(period > 0.0f)) {
        return true;
    }
    float u = x / period, v = y / period;
    switch (p) {
        case DRAWING_PATTERN_SOLID:
            return true;
        case DRAWING_PATTERN_STRIPES:
            return fract(u + v) < 0.45f;
        case DRAWING_PATTERN_WAVES: {
            float w = v + 0.18f * sinf(6.2831853f * u);
            return fabsf(fract(w) - 0.5f) < 0.2f;
        }
        case DRAWING_PATTERN_DOTS: {
            float du = fract(u) - 0.5f, dv = fract(v) - 0.5f;
            return du * du + dv * dv < 0.30f * 0.30f;
        }
        case DRAWING_PATTERN_CROSSHATCH:
            return fract(u + v) < 0.22f || fract(u - v) < 0.22f;
        case DRAWING_PATTERN_COUNT:
            break;
    }
    return true;
}

/* ---- the drawing and its history ---- */

void drawing_init(Drawing *d) {
    memset(d, 0, sizeof *d);
    d->next_stroke = 1;
    d->radius_mm = 15.0f;
    d->dirty = DRAWING_DIRTY_ALL; /* whatever paint a skin holds is not this drawing's yet */
}

/* Where a patient painted is theirs: arrays are zeroed before they go back to the heap, so
 * the idle reset of kiosk mode leaves nothing behind in freed memory. */
static void points_release(DrawingPoint *p, uint32_t count) {
    if (p) {
        sodium_memzero(p, (size_t)count * sizeof *p);
        free(p);
    }
}

static void snapshot_free(DrawingSnapshot *s) {
    points_release(s->points, s->kind == DRAWING_SNAP_TRUNCATE ? 0 : s->count);
    s->points = NULL;
    s->count = 0;
}

static void history_clear(DrawingSnapshot *stack, int *count) {
    for (int i = 0; i < *count; i++) {
        snapshot_free(&stack[i]);
    }
    *count = 0;
}

void drawing_free(Drawing *d) {
    points_release(d->points, d->cap);
    history_clear(d->undo, &d->undo_count);
    history_clear(d->redo, &d->redo_count);
    drawing_init(d);
}

static void dirty_add(Drawing *d, const float p[3], float r) {
    if (d->dirty == DRAWING_DIRTY_ALL) {
        return;
    }
    for (int k = 0; k < 3; k++) {
        if (d->dirty == DRAWING_DIRTY_NONE) {
            d->dirty_min[k] = p[k] - r;
            d->dirty_max[k] = p[k] + r;
        } else {
            d->dirty_min[k] = fminf(d->dirty_min[k], p[k] - r);
            d->dirty_max[k] = fmaxf(d->dirty_max[k], p[k] + r);
        }
    }
    d->dirty = DRAWING_DIRTY_BOX;
}

DrawingDirty drawing_take_dirty(Drawing *d, float out_min[3], float out_max[3]) {
    DrawingDirty r = d->dirty;
    memcpy(out_min, d->dirty_min, sizeof d->dirty_min);
    memcpy(out_max, d->dirty_max, sizeof d->dirty_max);
    d->dirty = DRAWING_DIRTY_NONE;
    return r;
}

static bool snapshot_take(const Drawing *d, DrawingSnapshot *out) {
    out->kind = DRAWING_SNAP_FULL;
    out->count = d->count;
    out->next_stroke = d->next_stroke;
    out->points = NULL;
    if (d->count > 0) {
        out->points = malloc((size_t)d->count * sizeof *out->points);
        if (!out->points) {
            return false;
        }
        memcpy(out->points, d->points, (size_t)d->count * sizeof *out->points);
    }
    return true;
}

/* Pushes onto a bounded stack, dropping the oldest entry when it is full. */
static void stack_push(DrawingSnapshot *stack, int *count, DrawingSnapshot s) {
    if (*count == DRAWING_HISTORY_MAX) {
        snapshot_free(&stack[0]);
        memmove(&stack[0], &stack[1], (DRAWING_HISTORY_MAX - 1) * sizeof stack[0]);
        (*count)--;
    }
    stack[(*count)++] = s;
}

/* Records the current state as an undo step (before a change); drops the redo branch. */
static void history_push(Drawing *d) {
    DrawingSnapshot s;
    if (!snapshot_take(d, &s)) {
        return; /* out of memory: the change simply cannot be undone */
    }
    stack_push(d->undo, &d->undo_count, s);
    history_clear(d->redo, &d->redo_count);
}

static bool reserve(Drawing *d, uint32_t want) {
    if (want <= d->cap) {
        return true;
    }
    uint32_t cap = d->cap ? d->cap : 256;
    while (cap < want) {
        cap *= 2;
    }
    DrawingPoint *p = malloc((size_t)cap * sizeof *p);
    if (!p) {
        return false;
    }
    if (d->count > 0) {
        memcpy(p, d->points, (size_t)d->count * sizeof *p);
    }
    points_release(d->points, d->cap);
    d->points = p;
    d->cap = cap;
    return true;
}

void drawing_stroke_begin(Drawing *d, DrawingTool tool, PainQuality q, int intensity,
                          float radius_mm) {
    assert(q >= 0 && q < PAIN_QUALITY_COUNT);
    drawing_stroke_end(d);
    d->in_stroke = true;
    d->tool = tool;
    d->quality = q;
    d->intensity =
        (uint8_t)(intensity < 0
                      ? 0
                      : (intensity > DRAWING_INTENSITY_MAX ? DRAWING_INTENSITY_MAX : intensity));
    if (!(radius_mm >= DRAWING_RADIUS_MIN_MM)) {
        radius_mm = DRAWING_RADIUS_MIN_MM;
    }
    d->radius_mm = radius_mm > DRAWING_RADIUS_MAX_MM ? DRAWING_RADIUS_MAX_MM : radius_mm;
    d->stroke_changed = false;
    d->have_last = false;
}

static float dist3(const float a[3], const float b[3]) {
    float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return sqrtf(dx * dx + dy * dy + dz * dz);
}

/* Called before the first change of a stroke, so that undo returns to the state before it:
 * a paint stroke only adds points, so it records only how many there were. */
static void stroke_touch(Drawing *d) {
    if (!d->stroke_changed) {
        if (d->tool == DRAWING_TOOL_PAINT) {
            DrawingSnapshot s = {DRAWING_SNAP_TRUNCATE, NULL, d->count, d->next_stroke};
            stack_push(d->undo, &d->undo_count, s);
            history_clear(d->redo, &d->redo_count);
        } else {
            history_push(d);
        }
        d->stroke_changed = true;
    }
}

static int paint_point(Drawing *d, const float p[3]) {
    if (d->count >= DRAWING_POINTS_MAX || !reserve(d, d->count + 1)) {
        return 0;
    }
    stroke_touch(d);
    DrawingPoint *pt = &d->points[d->count++];
    memcpy(pt->pos_mm, p, sizeof pt->pos_mm);
    pt->radius_mm = d->radius_mm;
    pt->stroke = d->next_stroke;
    pt->intensity = d->intensity;
    pt->quality = (uint8_t)d->quality;
    dirty_add(d, p, pt->radius_mm);
    return 1;
}

static int erase_at(Drawing *d, const float p[3]) {
    uint32_t kept = 0;
    int removed = 0;
    for (uint32_t i = 0; i < d->count; i++) {
        if (dist3(d->points[i].pos_mm, p) <= d->radius_mm) {
            if (removed == 0) {
                stroke_touch(d); /* the snapshot must still hold this point */
            }
            removed++;
            dirty_add(d, d->points[i].pos_mm, d->points[i].radius_mm);
            continue;
        }
        d->points[kept++] = d->points[i];
    }
    d->count = kept;
    return removed;
}

int drawing_stroke_add(Drawing *d, const float p_mm[3]) {
    if (!d->in_stroke || !isfinite(p_mm[0]) || !isfinite(p_mm[1]) || !isfinite(p_mm[2])) {
        return 0;
    }
    if (d->tool == DRAWING_TOOL_ERASE) {
        /* sweep the eraser along the way from the last point, so a fast drag leaves no gaps */
        int removed = 0;
        float gap = d->have_last ? dist3(d->last_mm, p_mm) : 0.0f;
        if (d->have_last && gap <= DRAWING_JOIN_MAX_MM) {
            int steps = (int)ceilf(gap / (d->radius_mm * 0.5f));
            for (int s = 1; s < steps; s++) {
                float t = (float)s / (float)steps, q[3];
                for (int k = 0; k < 3; k++) {
                    q[k] = d->last_mm[k] + (p_mm[k] - d->last_mm[k]) * t;
                }
                removed += erase_at(d, q);
            }
        }
        removed += erase_at(d, p_mm);
        memcpy(d->last_mm, p_mm, sizeof d->last_mm);
        d->have_last = true;
        return removed;
    }
    float spacing = d->radius_mm / 3.0f;
    int added = 0;
    if (!d->have_last) {
        added = paint_point(d, p_mm);
    } else {
        float gap = dist3(d->last_mm, p_mm);
        if (gap < spacing) {
            return 0; /* too close to the last point: keep the last one as the anchor */
        }
        if (gap <= DRAWING_JOIN_MAX_MM) {
            int steps = (int)ceilf(gap / spacing);
            for (int s = 1; s <= steps; s++) {
                float t = (float)s / (float)steps, q[3];
                for (int k = 0; k < 3; k++) {
                    q[k] = d->last_mm[k] + (p_mm[k] - d->last_mm[k]) * t;
                }
                added += paint_point(d, q);
            }
        } else {
            added = paint_point(d, p_mm);
        }
    }
    memcpy(d->last_mm, p_mm, sizeof d->last_mm);
    d->have_last = true;
    return added;
}

void drawing_stroke_end(Drawing *d) {
    if (d->in_stroke && d->stroke_changed && d->tool == DRAWING_TOOL_PAINT) {
        d->next_stroke++;
    }
    d->in_stroke = false;
    d->stroke_changed = false;
    d->have_last = false;
}

void drawing_clear(Drawing *d) {
    drawing_stroke_end(d);
    if (d->count == 0) {
        return;
    }
    history_push(d);
    d->count = 0;
    d->dirty = DRAWING_DIRTY_ALL;
}

bool drawing_can_undo(const Drawing *d) {
    return d->undo_count > 0;
}

bool drawing_can_redo(const Drawing *d) {
    return d->redo_count > 0;
}

/* Moves the top of `from` into the drawing and what it replaced onto `to`. */
static bool history_step(Drawing *d, DrawingSnapshot *from, int *from_count, DrawingSnapshot *to,
                         int *to_count) {
    drawing_stroke_end(d);
    if (*from_count == 0) {
        return false;
    }
    DrawingSnapshot s = from[*from_count - 1];
    DrawingSnapshot back = {DRAWING_SNAP_FULL, NULL, 0, d->next_stroke};
    if (s.kind == DRAWING_SNAP_TRUNCATE) {
        /* undo of a paint stroke: its points move to the other stack */
        uint32_t keep = s.count <= d->count ? s.count : d->count, n = d->count - keep;
        back = (DrawingSnapshot){DRAWING_SNAP_APPEND, NULL, n, d->next_stroke};
        if (n > 0) {
            back.points = malloc((size_t)n * sizeof *back.points);
            if (!back.points) {
                return false;
            }
            memcpy(back.points, d->points + keep, (size_t)n * sizeof *back.points);
            sodium_memzero(d->points + keep, (size_t)n * sizeof *d->points);
        }
        d->count = keep;
    } else if (s.kind == DRAWING_SNAP_APPEND) {
        /* redo of a paint stroke: its points come back at the end */
        if (!reserve(d, d->count + s.count)) {
            return false;
        }
        back = (DrawingSnapshot){DRAWING_SNAP_TRUNCATE, NULL, d->count, d->next_stroke};
        if (s.count > 0) {
            memcpy(d->points + d->count, s.points, (size_t)s.count * sizeof *s.points);
        }
        d->count += s.count;
        snapshot_free(&s);
    } else {
        if (!snapshot_take(d, &back)) {
            return false;
        }
        points_release(d->points, d->cap);
        d->points = s.points;
        d->count = s.count;
        d->cap = s.count;
    }
    (*from_count)--;
    d->next_stroke = s.next_stroke;
    d->dirty = DRAWING_DIRTY_ALL;
    stack_push(to, to_count, back);
    return true;
}

bool drawing_undo(Drawing *d) {
    return history_step(d, d->undo, &d->undo_count, d->redo, &d->redo_count);
}

bool drawing_redo(Drawing *d) {
    return history_step(d, d->redo, &d->redo_count, d->undo, &d->undo_count);
}

bool drawing_set_points(Drawing *d, const DrawingPoint *points, uint32_t count) {
    if (count > DRAWING_POINTS_MAX) {
        return false;
    }
    DrawingPoint *copy = NULL;
    if (count > 0) {
        copy = malloc((size_t)count * sizeof *copy);
        if (!copy) {
            return false;
        }
        memcpy(copy, points, (size_t)count * sizeof *copy);
    }
    drawing_free(d);
    d->points = copy;
    d->count = d->cap = count;
    d->dirty = DRAWING_DIRTY_ALL;
    for (uint32_t i = 0; i < count; i++) {
        if (copy[i].stroke >= d->next_stroke) {
            d->next_stroke = copy[i].stroke + 1;
        }
    }
    return true;
}

/* ---- paint on a skin ---- */

float drawing_brush_weight(float dist_mm, float radius_mm) {
    if (!(radius_mm > 0.0f) || dist_mm >= radius_mm) {
        return 0.0f;
    }
    float t = dist_mm / radius_mm;
    if (t <= 0.5f) {
        return 1.0f;
    }
    float x = (t - 0.5f) * 2.0f;
    return 1.0f - x * x * (3.0f - 2.0f * x);
}

float drawing_intensity_opacity(int intensity) {
    if (intensity < 0) {
        intensity = 0;
    }
    if (intensity > DRAWING_INTENSITY_MAX) {
        intensity = DRAWING_INTENSITY_MAX;
    }
    return 0.15f + 0.85f * (float)intensity / (float)DRAWING_INTENSITY_MAX;
}

/* A uniform grid over the points (cell >= the largest radius), so each vertex looks only at
 * the 27 cells around it instead of every point. */
typedef struct {
    float min[3], cell;
    int n[3];
    uint32_t *start; /* n0*n1*n2 + 1 offsets into order */
    uint32_t *order; /* point indices sorted by cell */
} PointGrid;

static int grid_coord(const PointGrid *g, float v, int axis) {
    int c = (int)floorf((v - g->min[axis]) / g->cell);
    return c < 0 ? 0 : (c >= g->n[axis] ? g->n[axis] - 1 : c);
}

static size_t grid_cell(const PointGrid *g, const float p[3]) {
    int x = grid_coord(g, p[0], 0), y = grid_coord(g, p[1], 1), z = grid_coord(g, p[2], 2);
    return ((size_t)z * (size_t)g->n[1] + (size_t)y) * (size_t)g->n[0] + (size_t)x;
}

static bool grid_build(const Drawing *d, PointGrid *g) {
    memset(g, 0, sizeof *g);
    if (d->count == 0) {
        return true;
    }
    float mn[3], mx[3], rmax = 0.0f;
    memcpy(mn, d->points[0].pos_mm, sizeof mn);
    memcpy(mx, d->points[0].pos_mm, sizeof mx);
    for (uint32_t i = 0; i < d->count; i++) {
        for (int k = 0; k < 3; k++) {
            mn[k] = fminf(mn[k], d->points[i].pos_mm[k]);
            mx[k] = fmaxf(mx[k], d->points[i].pos_mm[k]);
        }
        rmax = fmaxf(rmax, d->points[i].radius_mm);
    }
    float cell = fmaxf(rmax, 1.0f);
    for (int k = 0; k < 3; k++) {
        cell = fmaxf(cell, (mx[k] - mn[k]) / 64.0f); /* at most 64 cells a side */
    }
    g->cell = cell;
    size_t total = 1;
    for (int k = 0; k < 3; k++) {
        g->min[k] = mn[k];
        g->n[k] = (int)floorf((mx[k] - mn[k]) / cell) + 1;
        total *= (size_t)g->n[k];
    }
    g->start = calloc(total + 1, sizeof *g->start);
    g->order = malloc((size_t)d->count * sizeof *g->order);
    if (!g->start || !g->order) {
        free(g->start);
        free(g->order);
        memset(g, 0, sizeof *g);
        return false;
    }
    for (uint32_t i = 0; i < d->count; i++) {
        g->start[grid_cell(g, d->points[i].pos_mm) + 1]++;
    }
    for (size_t c = 0; c < total; c++) {
        g->start[c + 1] += g->start[c];
    }
    uint32_t *fill = malloc(total * sizeof *fill);
    if (!fill) {
        free(g->start);
        free(g->order);
        memset(g, 0, sizeof *g);
        return false;
    }
    memcpy(fill, g->start, total * sizeof *fill);
    for (uint32_t i = 0; i < d->count; i++) {
        g->order[fill[grid_cell(g, d->points[i].pos_mm)]++] = i;
    }
    free(fill);
    return true;
}

static void grid_free(PointGrid *g) {
    free(g->start);
    free(g->order);
    memset(g, 0, sizeof *g);
}

/* Strength per quality at p (brush weight times intensity opacity, max over points);
 * returns the largest plain brush weight of any point there. */
static float strengths_at(const Drawing *d, const PointGrid *g, const float p[3],
                          float out_strength[PAIN_QUALITY_COUNT], int *out_intensity) {
    for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
        out_strength[q] = 0.0f;
    }
    *out_intensity = -1;
    float wmax = 0.0f;
    if (!g->start) {
        return 0.0f;
    }
    for (int k = 0; k < 3; k++) {
        /* outside the grid's box by more than a cell: no point can reach */
        if (p[k] < g->min[k] - g->cell || p[k] > g->min[k] + (float)g->n[k] * g->cell + g->cell) {
            return 0.0f;
        }
    }
    int c[3];
    for (int k = 0; k < 3; k++) {
        c[k] = (int)floorf((p[k] - g->min[k]) / g->cell);
    }
    for (int z = c[2] - 1; z <= c[2] + 1; z++) {
        for (int y = c[1] - 1; y <= c[1] + 1; y++) {
            for (int x = c[0] - 1; x <= c[0] + 1; x++) {
                if (x < 0 || y < 0 || z < 0 || x >= g->n[0] || y >= g->n[1] || z >= g->n[2]) {
                    continue;
                }
                size_t cell =
                    ((size_t)z * (size_t)g->n[1] + (size_t)y) * (size_t)g->n[0] + (size_t)x;
                for (uint32_t j = g->start[cell]; j < g->start[cell + 1]; j++) {
                    const DrawingPoint *pt = &d->points[g->order[j]];
                    float w = drawing_brush_weight(dist3(pt->pos_mm, p), pt->radius_mm);
                    if (w <= 0.0f) {
                        continue;
                    }
                    float s = w * drawing_intensity_opacity(pt->intensity);
                    if (s > out_strength[pt->quality]) {
                        out_strength[pt->quality] = s;
                    }
                    if (w >= 0.5f && pt->intensity > *out_intensity) {
                        *out_intensity = pt->intensity;
                    }
                    wmax = fmaxf(wmax, w);
                }
            }
        }
    }
    return wmax;
}

void drawing_paint_vertices(const Drawing *d, const float *pos_mm, uint32_t count,
                            int stride_floats, const DrawingPaintDesc *desc, float *out_rgba,
                            float *out_quality) {
    PointGrid g;
    bool grid_ok = grid_build(d, &g);
    float period = desc && desc->pattern_period_mm > 0.0f ? desc->pattern_period_mm : 24.0f;
    float gap = desc && desc->pattern_gap_opacity > 0.0f ? desc->pattern_gap_opacity : 0.35f;
    const float *bmin = desc ? desc->box_min : NULL, *bmax = desc ? desc->box_max : NULL;
    for (uint32_t v = 0; v < count; v++) {
        const float *p = pos_mm + (size_t)v * (size_t)stride_floats;
        if (bmin && bmax &&
            (p[0] < bmin[0] || p[1] < bmin[1] || p[2] < bmin[2] || p[0] > bmax[0] ||
             p[1] > bmax[1] || p[2] > bmax[2])) {
            continue;
        }
        float *o = out_rgba + (size_t)v * 4;
        float s[PAIN_QUALITY_COUNT];
        int intensity;
        o[0] = o[1] = o[2] = o[3] = 0.0f;
        if (out_quality) {
            out_quality[v] = -1.0f;
        }
        if (!grid_ok || strengths_at(d, &g, p, s, &intensity) <= 0.0f) {
            continue;
        }
        int best = 0;
        for (int q = 1; q < PAIN_QUALITY_COUNT; q++) {
            if (s[q] > s[best]) {
                best = q;
            }
        }
        if (s[best] <= 0.0f) {
            continue;
        }
        drawing_quality_color((PainQuality)best, o);
        o[3] = s[best];
        /* x + z runs along the skin on the front, back and sides alike */
        if (desc && desc->patterns &&
            !drawing_pattern_ink(drawing_quality_pattern((PainQuality)best), p[0] + p[2], p[1],
                                 period)) {
            o[3] *= gap;
        }
        if (out_quality) {
            out_quality[v] = (float)best;
        }
    }
    grid_free(&g);
}

void drawing_vertex_areas(const float *pos_mm, uint32_t vertex_count, int stride_floats,
                          const uint32_t *idx, uint32_t index_count, float *out_area) {
    memset(out_area, 0, (size_t)vertex_count * sizeof *out_area);
    for (uint32_t t = 0; t + 2 < index_count; t += 3) {
        uint32_t i[3] = {idx[t], idx[t + 1], idx[t + 2]};
        if (i[0] >= vertex_count || i[1] >= vertex_count || i[2] >= vertex_count) {
            continue;
        }
        const float *a = pos_mm + (size_t)i[0] * (size_t)stride_floats;
        const float *b = pos_mm + (size_t)i[1] * (size_t)stride_floats;
        const float *c = pos_mm + (size_t)i[2] * (size_t)stride_floats;
        float u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        float w[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        float n[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                      u[0] * w[1] - u[1] * w[0]};
        float third = 0.5f * sqrtf(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]) / 3.0f;
        for (int k = 0; k < 3; k++) {
            out_area[i[k]] += third;
        }
    }
}

/* ---- summaries ---- */

float drawing_gluteal_fold_y(const RefEngine *engine) {
    if (engine && engine->landmarks) {
        const Landmark *l = landmarks_find(engine->landmarks, "skin_gluteal_fold_l");
        const Landmark *r = landmarks_find(engine->landmarks, "skin_gluteal_fold_r");
        if (l && r) {
            return 0.5f * (l->pos_mm[1] + r->pos_mm[1]);
        }
        if (l || r) {
            return (l ? l : r)->pos_mm[1];
        }
    }
    return FOLD_Y_DEFAULT_MM;
}

bool drawing_touches_both_legs(const Drawing *d, float fold_y_mm) {
    bool left = false, right = false;
    for (uint32_t i = 0; i < d->count; i++) {
        const float *p = d->points[i].pos_mm;
        if (p[1] < fold_y_mm) {
            left = left || p[0] > LEG_MIDLINE_MIN_MM;
            right = right || p[0] < -LEG_MIDLINE_MIN_MM;
        }
    }
    return left && right;
}

static int cmp_area_desc(const void *a, const void *b) {
    const DrawingZoneArea *x = a, *y = b;
    if (x->area_mm2 != y->area_mm2) {
        return x->area_mm2 > y->area_mm2 ? -1 : 1;
    }
    return x->zone - y->zone;
}

void drawing_summary_free(DrawingSummary *s) {
    free(s->zones);
    free(s->dermatomes);
    free(s->matches);
    memset(s, 0, sizeof *s);
}

bool drawing_summarize(const Drawing *d, const RefEngine *engine, int map, const float *pos_mm,
                       uint32_t count, int stride_floats, const float *vertex_area_mm2,
                       DrawingSummary *out) {
    memset(out, 0, sizeof *out);
    const ContentDb *db = engine->content;
    int zc = db->zone_count;
    PointGrid g;
    float *cpos = malloc(((size_t)count + 1) * 3 * sizeof *cpos);
    float *carea = malloc(((size_t)count + 1) * sizeof *carea);
    int *cint = malloc(((size_t)count + 1) * sizeof *cint);
    uint32_t *cqual = malloc(((size_t)count + 1) * sizeof *cqual);
    float *w = malloc(((size_t)count + 1) * sizeof *w);
    DrawingZoneArea *areas = calloc((size_t)zc + 1, sizeof *areas);
    bool *hit = calloc((size_t)zc + 1, sizeof *hit);
    bool ok = cpos && carea && cint && cqual && w && areas && hit && grid_build(d, &g);
    if (!ok) {
        free(cpos);
        free(carea);
        free(cint);
        free(cqual);
        free(w);
        free(areas);
        free(hit);
        return false;
    }
    /* the painted vertices, compacted */
    uint32_t n = 0;
    for (uint32_t v = 0; v < count; v++) {
        const float *p = pos_mm + (size_t)v * (size_t)stride_floats;
        float s[PAIN_QUALITY_COUNT];
        int intensity;
        strengths_at(d, &g, p, s, &intensity);
        if (intensity < 0) {
            continue; /* no point reaches half strength here */
        }
        memcpy(cpos + (size_t)n * 3, p, 3 * sizeof *p);
        carea[n] = vertex_area_mm2 ? vertex_area_mm2[v] : 1.0f;
        cint[n] = intensity;
        cqual[n] = 0;
        for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
            if (s[q] > 0.0f) {
                cqual[n] |= 1u << q;
            }
        }
        out->total_area_mm2 += carea[n];
        n++;
    }
    grid_free(&g);
    for (int z = 0; z < zc; z++) {
        areas[z].zone = z;
        if (n == 0) {
            continue;
        }
        ref_zone_weights(engine, z, map, cpos, (int)n, 3, w);
        for (uint32_t i = 0; i < n; i++) {
            if (w[i] >= REF_COVER_MIN) {
                areas[z].area_mm2 += carea[i];
                areas[z].covers |= cqual[i];
                if (cint[i] > areas[z].intensity) {
                    areas[z].intensity = cint[i];
                }
                hit[z] = true;
            }
        }
    }
    /* split into dermatomes and the rest, each largest first */
    int nz = 0, nd = 0;
    for (int z = 0; z < zc; z++) {
        if (hit[z]) {
            bool derm = strcmp(db->zones[z].kind, "dermatome") == 0;
            nd += derm;
            nz += !derm;
        }
    }
    out->zones = calloc((size_t)nz + 1, sizeof *out->zones);
    out->dermatomes = calloc((size_t)nd + 1, sizeof *out->dermatomes);
    ok = out->zones && out->dermatomes;
    for (int z = 0; ok && z < zc; z++) {
        if (!hit[z]) {
            continue;
        }
        if (strcmp(db->zones[z].kind, "dermatome") == 0) {
            out->dermatomes[out->dermatome_count++] = areas[z];
        } else {
            out->zones[out->zone_count++] = areas[z];
        }
    }
    if (ok) {
        qsort(out->zones, (size_t)out->zone_count, sizeof *out->zones, cmp_area_desc);
        qsort(out->dermatomes, (size_t)out->dermatome_count, sizeof *out->dermatomes,
              cmp_area_desc);
        int total = ref_where_zones(engine, hit, NULL, 0);
        out->matches = calloc((size_t)total + 1, sizeof *out->matches);
        ok = out->matches != NULL;
        if (ok) {
            out->match_count = ref_where_zones(engine, hit, out->matches, total);
        }
    }
    /* red-flag triggers from the points themselves, so a coarse skin cannot hide them */
    for (int z = 0; ok && z < zc && !out->saddle; z++) {
        if (!ref_zone_in_saddle(engine, z)) {
            continue;
        }
        out->saddle = hit[z];
        for (uint32_t i = 0; i < d->count && !out->saddle; i++) {
            out->saddle = ref_zone_weight(engine, z, map, d->points[i].pos_mm) >= REF_COVER_MIN;
        }
    }
    out->both_legs = drawing_touches_both_legs(d, drawing_gluteal_fold_y(engine));
    free(cpos);
    free(carea);
    free(cint);
    free(cqual);
    free(w);
    free(areas);
    free(hit);
    if (!ok) {
        drawing_summary_free(out);
    }
    return ok;
}
