/* overlay: turns 2-D drawing calls (boxes, outlines, lines, text) into the vertex and batch
 * lists of a FrameDesc. Owns a cache of rasterised text runs as GPU textures, so a label
 * that stays on screen is rasterised once. The ui_ module's commands map onto these calls. */
#ifndef PAINMAP_APP_OVERLAY_H
#define PAINMAP_APP_OVERLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "render/frame.h"
#include "render/gfx.h"

typedef struct OverlayText OverlayText;

typedef struct {
    Gfx *gfx;
    Gfx2DVertex *verts;
    uint32_t vert_count, vert_cap;
    Gfx2DBatch *batches;
    int batch_count, batch_cap;
    bool clip;
    float clip_rect[4];
    OverlayText *texts; /* the text cache */
    int text_count, text_cap;
    int *text_buckets; /* hash table over texts: first entry of each chain, -1 = empty */
    uint32_t frame;
    bool failed; /* out of memory at some point this frame */
} Overlay;

void overlay_init(Overlay *o, Gfx *gfx);
/* Frees the cache's textures and the buffers. */
void overlay_shutdown(Overlay *o);
/* Starts a frame's overlay; text unused for a while leaves the cache here. */
void overlay_begin(Overlay *o);
/* A filled box with rounded corners (radius 0 = square). */
void overlay_rect(Overlay *o, float x, float y, float w, float h, float radius,
                  const float rgba[4]);
/* The outline of a box, thickness pixels wide, inside its edge. */
void overlay_outline(Overlay *o, float x, float y, float w, float h, float radius, float thickness,
                     const float rgba[4]);
/* A line with round ends. */
void overlay_line(Overlay *o, float x0, float y0, float x1, float y1, float thickness,
                  const float rgba[4]);
/* Text starting at x in a line box whose top is y and height box_h (the run is centred
 * in it; box_h <= 0 puts the run's top at y). Returns its width in pixels. */
float overlay_text(Overlay *o, int font, float size_px, float x, float y, float box_h,
                   const char *text, int len, const float rgba[4]);
/* Restricts what follows to a rectangle (w <= 0 lifts the restriction). */
void overlay_clip(Overlay *o, float x, float y, float w, float h);
/* Points the frame's overlay fields at this frame's vertices and batches. */
void overlay_end(Overlay *o, FrameDesc *frame);

#endif
