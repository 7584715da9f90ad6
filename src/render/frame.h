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
    GfxMesh mesh;
    float color[4];      /* linear-ish RGB + alpha; alpha < 1 draws translucent */
    float emissive;      /* 0..1 glow added on top of lighting (tension, pulse) */
    float heat_color[3]; /* colour that per-vertex heat blends towards */
    float heat_strength; /* 0 disables the mesh's heat attribute */
    bool x_ray;          /* draw over everything (e.g. a highlighted nerve behind skin) */
} FrameItem;

typedef struct {
    float view[16]; /* column-major, cglm layout */
    float proj[16];
    float eye_mm[3];
    float light_dir[3]; /* towards the light, view space ignored: world space */
    float clear_rgba[4];
    const FrameItem *items;
    int item_count;
} FrameDesc;

#endif
