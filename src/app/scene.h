/* scene: the drawable body: one GPU mesh per structure with its id, layer and colour,
 * and the per-frame list of what to draw for a camera and a set of visible layers.
 * Owns the GPU meshes it creates (released by scene_unload). */
#ifndef PAINMAP_APP_SCENE_H
#define PAINMAP_APP_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "anatomy/cam.h"
#include "anatomy/pick.h"
#include "anatomy/primitives.h"
#include "core/ids.h"
#include "render/frame.h"
#include "render/gfx.h"

enum { SCENE_MAX_ITEMS = 256 };

typedef enum {
    KIND_BONE,
    KIND_MUSCLE,
    KIND_NERVE,
    KIND_LIGAMENT,
    KIND_SKIN,
    KIND_COUNT
} StructureKind;

typedef struct {
    char id[48];
    StructureKind kind;
    LayerId layer;
    GfxMesh mesh;
    float color[4];
    float center_mm[3];
    float bmin[3], bmax[3];
    uint32_t triangle_count;
    float area_mm2;   /* the mesh's surface area */
    GfxMesh far_mesh; /* a lighter level drawn when the mesh's triangles are tiny ({0} = none) */
    uint32_t far_triangle_count;
} SceneItem;

typedef struct {
    SceneItem items[SCENE_MAX_ITEMS];
    int count;
    float bmin[3], bmax[3]; /* bounds of everything */
    bool placeholder;       /* built in code, not loaded from body.glb */
    /* a CPU copy of the skin's vertices, for zone weights and picking on the skin */
    int skin_item; /* -1 if none */
    float *skin_positions;
    uint32_t skin_vertex_count;
    uint32_t *skin_indices; /* the skin's triangles, for painted areas */
    uint32_t skin_index_count;
    /* per-item state the app changes between frames (referral animation, selection) */
    float item_emissive[SCENE_MAX_ITEMS];
    float item_tint[SCENE_MAX_ITEMS][4]; /* rgb target and amount (a) */
    float skin_paint_strength;
    unsigned see_through_mask;         /* layers drawn translucent */
    unsigned auto_see_through_mask;    /* layers the animation makes translucent */
    bool skin_opaque;                  /* draw the skin solid (pain drawings on a handout) */
    bool item_hidden[SCENE_MAX_ITEMS]; /* hidden one by one */
    int isolated;                      /* only this item is drawn (-1 = off) */
    int highlighted;                   /* the selection, outlined by a tint (-1 = none) */
    float *skin_paint;           /* rgba per skin vertex, uploaded by scene_upload_skin_paint */
    unsigned skin_paint_uploads; /* counts scene_upload_skin_paint calls (who painted last) */
    /* picking: the triangles of every structure, gathered while loading */
    PickBvh *pick;
    bool no_picking;                       /* loaded without picking: pending stays empty */
    PickMeshDesc pending[SCENE_MAX_ITEMS]; /* CPU copies until scene_finish builds pick */
    int pending_count;
    FrameItem frame_items[SCENE_MAX_ITEMS];
} Scene;

/* The colour painmap uses for a kind of structure. */
void scene_kind_color(StructureKind kind, float out_rgba[4]);

/* The stand-in body built in code (a few spheres and capsules at real landmark positions);
 * used until body.glb exists, and by tests because its geometry is known exactly. */
bool scene_load_placeholder(Scene *scene, Gfx *gfx, char *err, size_t err_cap);
/* The baked body (body.glb) at one level of detail. Errors name the file and the problem.
 * Without picking (a picture nobody taps: painmap render), no picking hierarchy is built
 * and scene_pick finds nothing. */
bool scene_load_body(Scene *scene, Gfx *gfx, const char *path, LodId lod, bool picking, char *err,
                     size_t err_cap);
/* body.glb at model_path, or the stand-in body (with a warning) when model_path is empty. */
bool scene_load(Scene *scene, Gfx *gfx, const char *model_path, LodId lod, bool picking, char *err,
                size_t err_cap);
void scene_unload(Scene *scene, Gfx *gfx);
/* Adds one structure: uploads its mesh and keeps what picking and zones need. Picking uses
 * pick_mesh when given (a lighter level of detail is as good for a finger), else mesh. */
bool scene_add(Scene *scene, Gfx *gfx, const char *id, StructureKind kind, LayerId layer,
               const MeshBuf *mesh, const MeshBuf *pick_mesh, char *err, size_t err_cap);
/* Gives item a lighter level of detail (e.g. the tablet level under the full one), drawn
 * instead of its mesh while the lighter mesh's triangles would cover under 12 pixels each
 * on screen. Not for the skin: its paint follows its own vertices. False if it cannot. */
bool scene_add_far_mesh(Scene *scene, Gfx *gfx, int item, const MeshBuf *mesh);
/* Sends skin_paint to the GPU (after changing it). */
void scene_upload_skin_paint(Scene *scene, Gfx *gfx);
/* Call once every structure is added: builds the picking hierarchy (unless no_picking). */
bool scene_finish(Scene *scene, char *err, size_t err_cap);
/* The structure under pixel (x, y) of a w x h view among the visible layers; -1 if none.
 * Translucent items (the skin) are seen through unless skin_only. */
int scene_pick(const Scene *scene, const Camera *cam, int w, int h, float x_px, float y_px,
               unsigned layer_mask, bool skin_only, float out_point_mm[3]);
/* The box a preset view frames: the whole body, except the deep posterior view, which
 * frames the pelvis (hip bones, sacrum and the deep gluteal muscles). */
void scene_view_bounds(const Scene *scene, ViewId view, float out_min[3], float out_max[3]);
/* Frames a preset view of the scene for a viewport of the given aspect. */
void scene_init_camera(const Scene *scene, ViewId view, float aspect, Camera *out_cam);
/* True when item i is drawn with these layers (isolation and hidden items included). */
bool scene_item_visible(const Scene *scene, int i, unsigned layer_mask);
/* Index of the item with this id, or -1. */
int scene_find(const Scene *scene, const char *id);

/* Fills frame for the camera and viewport (w x h) with the items on visible layers that lie
 * at least partly in view: opaque first, near to far, then translucent ones far to near;
 * each at its far mesh when it has one and is small on screen. frame->items points into
 * scene. */
void scene_build_frame(Scene *scene, const Camera *cam, unsigned layer_mask, int w, int h,
                       FrameDesc *out_frame);

#endif
