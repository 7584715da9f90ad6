/* frame: the scene description the app hands to the renderer each frame.
 * Plain data only (no GL types, no SDL), so app_ fills it and tests can inspect it;
 * gfx_ draws it and never reads AppState. */
#ifndef PAINMAP_RENDER_FRAME_H
#define PAINMAP_RENDER_FRAME_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint32_t id; /* 0 = invalid */
} GfxMesh;

typedef struct {
    uint32_t id; /* 0 = none */
} GfxTexture;

/* One vertex of the 2-D overlay (UI), in drawable pixels with the origin top-left.
 * Each quad carries its shape so the fragment shader can round corners, draw outlines
 * and anti-alias edges: local = position relative to the shape's centre. */
typedef struct {
    float x, y;
    float u, v;
    float rgba[4];
    float local[2];
    float half[2]; /* half width and height of the shape */
    float radius;  /* corner radius (a line is a box whose radius is half its width) */
    float outline; /* 0 = filled, else the stroke width */
} Gfx2DVertex;

/* A run of overlay triangles sharing one texture (0 = plain colour). */
typedef struct {
    GfxTexture texture;
    uint32_t first;     /* first vertex */
    uint32_t count;     /* vertices, a multiple of 3 */
    bool clip;          /* restrict to clip_rect */
    float clip_rect[4]; /* x, y, w, h in pixels */
} Gfx2DBatch;

typedef struct {
    GfxMesh mesh;
    float color[4];       /* linear-ish RGB + alpha; alpha < 1 draws translucent */
    float emissive;       /* 0..1 glow added on top of lighting (tension, pulse) */
    float paint_strength; /* 0 ignores the mesh's per-vertex paint; 1 shows it fully */
    bool x_ray;           /* draw over everything (e.g. a highlighted nerve behind skin) */
    float offset_mm[3];   /* moves the mesh (e.g. the travelling signal) */
    float scale;          /* uniform scale about the origin; 0 means 1 */
    bool vertex_lighting; /* light per vertex, not per pixel: the mesh's triangles are only a
                             few pixels each on screen, so it looks the same for less work */
} FrameItem;

typedef struct {
    float view[16]; /* column-major, cglm layout */
    float proj[16];
    float eye_mm[3];
    float light_dir[3]; /* towards the light, view space ignored: world space */
    float clear_rgba[4];
    int viewport[4];    /* x, y (top-left origin), w, h in pixels; w = 0 means the whole target */
    bool keep_contents; /* draw over what is there instead of clearing (split views, overlay) */
    const FrameItem *items;
    int item_count;
    /* the overlay drawn over the 3-D scene */
    const Gfx2DVertex *ui_vertices;
    const Gfx2DBatch *ui_batches;
    int ui_batch_count;
} FrameDesc;

#endif
