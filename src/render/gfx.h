/* gfx: the only code that includes GL or holds a GL object name. Owns shaders, mesh
 * buffers and the offscreen target; draws a FrameDesc. The null backend does every
 * bookkeeping step without GL so the app loop runs in unit tests. Reads no app state. */
#ifndef PAINMAP_RENDER_GFX_H
#define PAINMAP_RENDER_GFX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/frame.h"

typedef enum { GFX_BACKEND_GL, GFX_BACKEND_NULL } GfxBackend;

typedef struct {
    GfxBackend backend;
    bool gles;               /* the current context is OpenGL ES 3.0 */
    const char *shaders_dir; /* folder holding mesh.vert/.frag and ui.vert/.frag */
    const char *cache_dir;   /* linked programs kept here for later starts; NULL = none */
} GfxDesc;

typedef struct {
    const float *positions; /* xyz per vertex, mm */
    const float *normals;   /* xyz per vertex, unit */
    const uint32_t *indices;
    uint32_t vertex_count;
    uint32_t index_count; /* a multiple of 3 */
    bool dynamic_paint;   /* reserve per-vertex paint (rgb + amount), see gfx_update_paint */
} GfxMeshDesc;

/* Running totals since gfx_create; take differences to measure a stretch of frames. */
typedef struct {
    int64_t draw_calls;
    int64_t triangles;
    int64_t frames;      /* gfx_draw_frame calls */
    int programs_linked; /* shader programs made by gfx_create */
    int programs_cached; /* of those, linked from the program cache (no GLSL compiled) */
    int programs_stored; /* of those, compiled and then written to the program cache */
} GfxStats;

typedef struct Gfx Gfx;

/* Compiles the shaders (errors name the file and carry the driver's log). */
bool gfx_create(const GfxDesc *desc, Gfx **out_gfx, char *err, size_t err_cap);
void gfx_destroy(Gfx *gfx);

/* Uploads an indexed mesh; returns {0} if the description is invalid (an index out of range). */
GfxMesh gfx_create_mesh(Gfx *gfx, const GfxMeshDesc *desc);
void gfx_destroy_mesh(Gfx *gfx, GfxMesh mesh);
/* Replaces the per-vertex paint of a dynamic-paint mesh: 4 floats per vertex, an RGB colour
 * and how much of it covers the base colour (0..1). Zones, dermatomes and pain drawings
 * are painted on the skin this way. */
void gfx_update_paint(Gfx *gfx, GfxMesh mesh, const float *rgba, uint32_t vertex_count);

/* Uploads an RGBA8 image (top row first) as a texture for the overlay; {0} on failure. */
GfxTexture gfx_create_texture(Gfx *gfx, int w, int h, const uint8_t *rgba);
void gfx_destroy_texture(Gfx *gfx, GfxTexture texture);

/* Makes later draws go to an offscreen target of w x h pixels with `samples` MSAA
 * (1 = none), created or resized as needed. */
bool gfx_set_offscreen(Gfx *gfx, int width, int height, int samples, char *err, size_t err_cap);
/* Draws the frame into the offscreen target (which must be set). */
void gfx_draw_frame(Gfx *gfx, const FrameDesc *frame);
/* Resolves MSAA and copies the target to the window's framebuffer (w x h pixels). */
void gfx_present(Gfx *gfx, int window_w, int window_h);
/* Resolves and reads the target as RGBA8, top row first, into out_rgba (w*h*4 bytes). */
bool gfx_read_pixels(Gfx *gfx, uint8_t *out_rgba);
GfxStats gfx_get_stats(const Gfx *gfx);
/* Draws every 3-D mesh `times` times in place from now on (1 = once): benchmarks use it to
 * see how frame time grows with triangle count on the same picture. */
void gfx_set_repeat(Gfx *gfx, int times);
/* Waits until the GPU has finished every command so far (for timing). */
void gfx_finish(Gfx *gfx);

#endif
