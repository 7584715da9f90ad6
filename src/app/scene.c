#include "app/scene.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/body.h"
#include "anatomy/primitives.h"
#include "core/log.h"
#include "core/strutil.h"

static float item_alpha(const Scene *s, int i);

void scene_kind_color(StructureKind kind, float out_rgba[4]) {
    /* Chosen to stay apart in hue and lightness, so kinds read in greyscale too. */
    static const float colors[KIND_COUNT][4] = {
        [KIND_BONE] = {0.91f, 0.87f, 0.76f, 1.0f},  [KIND_MUSCLE] = {0.74f, 0.24f, 0.22f, 1.0f},
        [KIND_NERVE] = {0.98f, 0.82f, 0.12f, 1.0f}, [KIND_LIGAMENT] = {0.55f, 0.72f, 0.78f, 1.0f},
        [KIND_SKIN] = {0.93f, 0.74f, 0.62f, 0.28f},
    };
    memcpy(out_rgba, colors[kind], sizeof(float) * 4);
}

static void grow_bounds(float bmin[3], float bmax[3], const float lo[3], const float hi[3],
                        bool first) {
    for (int i = 0; i < 3; i++) {
        bmin[i] = first || lo[i] < bmin[i] ? lo[i] : bmin[i];
        bmax[i] = first || hi[i] > bmax[i] ? hi[i] : bmax[i];
    }
}

static float mesh_area(const MeshBuf *m) {
    double sum = 0.0;
    for (uint32_t t = 0; t + 2 < m->index_count; t += 3) {
        const float *a = m->positions + 3 * m->indices[t];
        const float *b = m->positions + 3 * m->indices[t + 1];
        const float *c = m->positions + 3 * m->indices[t + 2];
        float u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        float v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        float x = u[1] * v[2] - u[2] * v[1], y = u[2] * v[0] - u[0] * v[2],
              z = u[0] * v[1] - u[1] * v[0];
        sum += 0.5 * sqrt((double)(x * x + y * y + z * z));
    }
    return (float)sum;
}

bool scene_add(Scene *s, Gfx *gfx, const char *id, StructureKind kind, LayerId layer,
               const MeshBuf *mesh, const MeshBuf *pick_mesh, char *err, size_t err_cap) {
    if (s->count >= SCENE_MAX_ITEMS) {
        snprintf(err, err_cap, "scene: more than %d structures", SCENE_MAX_ITEMS);
        return false;
    }
    GfxMeshDesc d = {
        .positions = mesh->positions,
        .normals = mesh->normals,
        .indices = mesh->indices,
        .vertex_count = mesh->vertex_count,
        .index_count = mesh->index_count,
        .dynamic_paint = kind == KIND_SKIN,
    };
    if (kind == KIND_SKIN) {
        free(s->skin_positions);
        s->skin_positions = malloc(sizeof(float) * 3 * mesh->vertex_count);
        if (!s->skin_positions) {
            snprintf(err, err_cap, "scene: out of memory for the skin");
            return false;
        }
        memcpy(s->skin_positions, mesh->positions, sizeof(float) * 3 * mesh->vertex_count);
        free(s->skin_paint);
        s->skin_paint = calloc((size_t)mesh->vertex_count * 4, sizeof(float));
        if (!s->skin_paint) {
            snprintf(err, err_cap, "scene: out of memory for the skin");
            return false;
        }
        s->skin_vertex_count = mesh->vertex_count;
        free(s->skin_indices);
        s->skin_indices = malloc(sizeof(uint32_t) * mesh->index_count);
        if (!s->skin_indices) {
            snprintf(err, err_cap, "scene: out of memory for the skin");
            return false;
        }
        memcpy(s->skin_indices, mesh->indices, sizeof(uint32_t) * mesh->index_count);
        s->skin_index_count = mesh->index_count;
        s->skin_item = s->count;
    }
    /* copies for the picking hierarchy, released once it is built */
    if (!s->no_picking) {
        const MeshBuf *pmesh = pick_mesh ? pick_mesh : mesh;
        float *pos = malloc(sizeof(float) * 3 * pmesh->vertex_count);
        uint32_t *idx = malloc(sizeof(uint32_t) * pmesh->index_count);
        if (!pos || !idx) {
            free(pos);
            free(idx);
            snprintf(err, err_cap, "scene: out of memory for '%s'", id);
            return false;
        }
        memcpy(pos, pmesh->positions, sizeof(float) * 3 * pmesh->vertex_count);
        memcpy(idx, pmesh->indices, sizeof(uint32_t) * pmesh->index_count);
        s->pending[s->pending_count++] = (PickMeshDesc){pos, idx, pmesh->index_count, s->count};
    }
    GfxMesh gm = gfx_create_mesh(gfx, &d);
    if (!gm.id) {
        snprintf(err, err_cap, "scene: could not upload the mesh of '%s'", id);
        return false;
    }
    SceneItem *it = &s->items[s->count];
    memset(it, 0, sizeof *it);
    str_copy(it->id, sizeof it->id, id);
    it->kind = kind;
    it->layer = layer;
    it->mesh = gm;
    scene_kind_color(kind, it->color);
    it->triangle_count = mesh->index_count / 3;
    it->area_mm2 = mesh_area(mesh);
    meshbuf_bounds(mesh, it->bmin, it->bmax);
    for (int i = 0; i < 3; i++) {
        it->center_mm[i] = 0.5f * (it->bmin[i] + it->bmax[i]);
    }
    grow_bounds(s->bmin, s->bmax, it->bmin, it->bmax, s->count == 0);
    s->count++;
    return true;
}

/* The stand-in body: positions are the landmarks of content-facts §4 (right side, X < 0;
 * the left is mirrored), so that tests can project exactly known points. */
bool scene_load_placeholder(Scene *s, Gfx *gfx, char *err, size_t err_cap) {
    memset(s, 0, sizeof *s);
    s->placeholder = true;
    s->skin_item = -1;
    s->isolated = -1;
    s->highlighted = -1;
    bool ok = true;
    for (int side = 0; side < 2 && ok; side++) {
        float sx = side == 0 ? -1.0f : 1.0f; /* right then left */
        const char *suffix = side == 0 ? "_r" : "_l";
        char id[48];
        MeshBuf m = {0};
        /* femur: head at the hip joint centre, shaft to the knee */
        float head[3] = {80.0f * sx, 0.0f, 0.0f};
        float neck[3] = {115.0f * sx, -25.0f, -5.0f};
        float knee[3] = {77.0f * sx, -404.0f, 0.0f};
        ok = ok && meshbuf_add_sphere(&m, head, 24.0f, 16, 24);
        ok = ok && meshbuf_add_capsule(&m, head, neck, 15.0f, 16);
        ok = ok && meshbuf_add_capsule(&m, neck, knee, 14.0f, 16);
        snprintf(id, sizeof id, "femur%s", suffix);
        ok = ok && scene_add(s, gfx, id, KIND_BONE, LAYER_BONES, &m, NULL, err, err_cap);
        meshbuf_free(&m);
        /* hip bone: ilium wing as a flattened ellipsoid, ischium as a capsule */
        float wing[3] = {95.0f * sx, 95.0f, -20.0f};
        float wing_r[3] = {40.0f, 55.0f, 55.0f};
        float ischial_spine[3] = {52.0f * sx, -5.0f, -42.0f};
        float tuberosity[3] = {55.0f * sx, -65.0f, -40.0f};
        float pubis[3] = {12.0f * sx, -35.0f, 48.0f};
        ok = ok && meshbuf_add_ellipsoid(&m, wing, wing_r, 16, 24);
        ok = ok && meshbuf_add_capsule(&m, ischial_spine, tuberosity, 13.0f, 12);
        ok = ok && meshbuf_add_capsule(&m, tuberosity, pubis, 10.0f, 12);
        snprintf(id, sizeof id, "hip_bone%s", suffix);
        ok = ok && scene_add(s, gfx, id, KIND_BONE, LAYER_BONES, &m, NULL, err, err_cap);
        meshbuf_free(&m);
        /* piriformis: anterior sacrum -> sciatic notch -> greater trochanter tip */
        float p0[3] = {14.0f * sx, 72.0f, -46.0f}, p1[3] = {61.0f * sx, 48.0f, -56.0f},
              p2[3] = {121.0f * sx, -4.0f, -15.0f};
        ok = ok && meshbuf_add_capsule(&m, p0, p1, 12.0f, 16);
        ok = ok && meshbuf_add_capsule(&m, p1, p2, 9.0f, 16);
        snprintf(id, sizeof id, "piriformis%s", suffix);
        ok = ok && scene_add(s, gfx, id, KIND_MUSCLE, LAYER_DEEP_MUSCLES, &m, NULL, err, err_cap);
        meshbuf_free(&m);
        /* sciatic nerve, leaving below piriformis and running down the back of the thigh */
        float n0[3] = {42.0f * sx, 58.0f, -40.0f}, n1[3] = {63.0f * sx, 35.0f, -60.0f},
              n2[3] = {88.0f * sx, -60.0f, -62.0f}, n3[3] = {78.0f * sx, -340.0f, -35.0f};
        ok = ok && meshbuf_add_capsule(&m, n0, n1, 6.0f, 12);
        ok = ok && meshbuf_add_capsule(&m, n1, n2, 7.0f, 12);
        ok = ok && meshbuf_add_capsule(&m, n2, n3, 6.0f, 12);
        snprintf(id, sizeof id, "sciatic_nerve%s", suffix);
        ok = ok && scene_add(s, gfx, id, KIND_NERVE, LAYER_NERVES, &m, NULL, err, err_cap);
        meshbuf_free(&m);
        /* gluteus maximus, a thick ellipsoid over the back of the hip */
        float gm[3] = {85.0f * sx, 10.0f, -85.0f};
        float gm_r[3] = {60.0f, 80.0f, 32.0f};
        ok = ok && meshbuf_add_ellipsoid(&m, gm, gm_r, 16, 24);
        snprintf(id, sizeof id, "gluteus_maximus%s", suffix);
        ok = ok &&
             scene_add(s, gfx, id, KIND_MUSCLE, LAYER_SUPERFICIAL_MUSCLES, &m, NULL, err, err_cap);
        meshbuf_free(&m);
    }
    MeshBuf m = {0};
    float sacrum[3] = {0.0f, 75.0f, -50.0f};
    float sacrum_r[3] = {40.0f, 45.0f, 18.0f};
    ok = ok && meshbuf_add_ellipsoid(&m, sacrum, sacrum_r, 16, 24);
    float l5[3] = {0.0f, 124.0f, -7.0f}, l1[3] = {0.0f, 275.0f, 10.0f};
    ok = ok && meshbuf_add_capsule(&m, l5, l1, 22.0f, 16);
    ok = ok && scene_add(s, gfx, "sacrum", KIND_BONE, LAYER_BONES, &m, NULL, err, err_cap);
    meshbuf_free(&m);
    /* skin: trunk and two legs */
    float trunk[3] = {0.0f, 60.0f, -10.0f};
    float trunk_r[3] = {175.0f, 240.0f, 125.0f};
    ok = ok && meshbuf_add_ellipsoid(&m, trunk, trunk_r, 24, 36);
    for (int side = 0; side < 2 && ok; side++) {
        float sx = side == 0 ? -1.0f : 1.0f;
        float hip[3] = {90.0f * sx, -60.0f, -10.0f}, knee[3] = {80.0f * sx, -410.0f, 0.0f},
              ankle[3] = {70.0f * sx, -820.0f, -10.0f};
        ok = ok && meshbuf_add_capsule(&m, hip, knee, 85.0f, 24);
        ok = ok && meshbuf_add_capsule(&m, knee, ankle, 55.0f, 24);
    }
    ok = ok && scene_add(s, gfx, "skin", KIND_SKIN, LAYER_SKIN, &m, NULL, err, err_cap);
    meshbuf_free(&m);
    if (!ok && !err[0]) {
        snprintf(err, err_cap, "scene: out of memory building the stand-in body");
    }
    ok = ok && scene_finish(s, err, err_cap);
    if (!ok) {
        scene_unload(s, gfx);
    }
    return ok;
}

bool scene_add_far_mesh(Scene *scene, Gfx *gfx, int item, const MeshBuf *mesh) {
    if (item < 0 || item >= scene->count || item == scene->skin_item ||
        scene->items[item].far_mesh.id) {
        return false;
    }
    GfxMeshDesc d = {.positions = mesh->positions,
                     .normals = mesh->normals,
                     .indices = mesh->indices,
                     .vertex_count = mesh->vertex_count,
                     .index_count = mesh->index_count};
    GfxMesh gm = gfx_create_mesh(gfx, &d);
    if (!gm.id) {
        return false;
    }
    scene->items[item].far_mesh = gm;
    scene->items[item].far_triangle_count = mesh->index_count / 3;
    return true;
}

void scene_upload_skin_paint(Scene *scene, Gfx *gfx) {
    if (scene->skin_item >= 0 && scene->skin_paint) {
        gfx_update_paint(gfx, scene->items[scene->skin_item].mesh, scene->skin_paint,
                         scene->skin_vertex_count);
        scene->skin_paint_uploads++;
    }
}

static void free_pending(Scene *s) {
    for (int i = 0; i < s->pending_count; i++) {
        free((void *)s->pending[i].positions);
        free((void *)s->pending[i].indices);
    }
    s->pending_count = 0;
}

bool scene_finish(Scene *s, char *err, size_t err_cap) {
    pick_destroy(s->pick);
    s->pick = NULL;
    if (s->no_picking) {
        return true;
    }
    s->pick = pick_build(s->pending, s->pending_count);
    free_pending(s);
    if (!s->pick) {
        snprintf(err, err_cap, "scene: out of memory building the picking hierarchy");
        return false;
    }
    return true;
}

int scene_pick(const Scene *s, const Camera *cam, int w, int h, float x_px, float y_px,
               unsigned layer_mask, bool skin_only, float out_point_mm[3]) {
    if (!s->pick || w < 1 || h < 1) {
        return -1;
    }
    bool enabled[PICK_MAX_ITEMS] = {false};
    for (int i = 0; i < s->count && i < PICK_MAX_ITEMS; i++) {
        bool visible = scene_item_visible(s, i, layer_mask);
        bool translucent = item_alpha(s, i) < 1.0f;
        enabled[i] = skin_only ? i == s->skin_item : (visible && !translucent);
    }
    float o[3], d[3];
    cam_ray(cam, w, h, x_px, y_px, o, d);
    PickHit hit;
    if (!pick_ray(s->pick, o, d, enabled, &hit)) {
        return -1;
    }
    if (out_point_mm) {
        memcpy(out_point_mm, hit.point_mm, sizeof hit.point_mm);
    }
    return hit.item;
}

static bool kind_from_name(const char *name, StructureKind *out) {
    static const char *const names[KIND_COUNT] = {
        [KIND_BONE] = "bone",         [KIND_MUSCLE] = "muscle", [KIND_NERVE] = "nerve",
        [KIND_LIGAMENT] = "ligament", [KIND_SKIN] = "skin",
    };
    for (int k = 0; k < KIND_COUNT; k++) {
        if (strcmp(name, names[k]) == 0) {
            *out = (StructureKind)k;
            return true;
        }
    }
    return false;
}

bool scene_load_body(Scene *s, Gfx *gfx, const char *path, LodId lod, bool picking, char *err,
                     size_t err_cap) {
    memset(s, 0, sizeof *s);
    s->no_picking = !picking;
    s->skin_item = -1;
    s->isolated = -1;
    s->highlighted = -1;
    Body body;
    /* the tablet level alone, or the full one with the tablet one for picking and for
     * structures small on screen */
    unsigned lods = BODY_LOD_BIT(BODY_LOD_TABLET);
    if (lod != LOD_TABLET) {
        lods |= BODY_LOD_BIT(BODY_LOD_FULL);
    }
    if (!body_load_file_lods(path, lods, &body, err, err_cap)) {
        return false;
    }
    bool ok = true;
    for (int i = 0; i < body.count && ok; i++) {
        const BodyStructure *b = &body.items[i];
        StructureKind kind;
        LayerId layer;
        if (!kind_from_name(b->kind, &kind) || !layer_find(b->layer, &layer)) {
            snprintf(err, err_cap, "%s: structure '%s' has unknown kind '%s' or layer '%s'", path,
                     b->id, b->kind, b->layer);
            ok = false;
            break;
        }
        const BodyMesh *bm = &b->lod[lod == LOD_TABLET ? BODY_LOD_TABLET : BODY_LOD_FULL];
        if (bm->vcount == 0 || bm->icount == 0) {
            bm = &b->lod[BODY_LOD_FULL];
        }
        MeshBuf m = {.positions = bm->pos,
                     .normals = bm->nrm,
                     .indices = bm->idx,
                     .vertex_count = bm->vcount,
                     .index_count = bm->icount};
        const BodyMesh *tm = &b->lod[BODY_LOD_TABLET];
        MeshBuf pm = {.positions = tm->pos,
                      .normals = tm->nrm,
                      .indices = tm->idx,
                      .vertex_count = tm->vcount,
                      .index_count = tm->icount};
        bool own_pick = tm->vcount > 0 && tm->icount > 0 && tm != bm;
        ok = scene_add(s, gfx, b->id, kind, layer, &m, own_pick ? &pm : NULL, err, err_cap);
        /* the full level keeps the tablet one for when a structure is small on screen (a
         * failed upload only costs speed) */
        if (ok && own_pick && kind != KIND_SKIN && tm->icount < bm->icount) {
            scene_add_far_mesh(s, gfx, s->count - 1, &pm);
        }
    }
    body_free(&body);
    ok = ok && scene_finish(s, err, err_cap);
    if (!ok) {
        scene_unload(s, gfx);
    }
    return ok;
}

bool scene_load(Scene *s, Gfx *gfx, const char *model_path, LodId lod, bool picking, char *err,
                size_t err_cap) {
    if (model_path && *model_path) {
        return scene_load_body(s, gfx, model_path, lod, picking, err, err_cap);
    }
    log_warn("no baked body model (body.glb) was found; showing a simplified stand-in body");
    return scene_load_placeholder(s, gfx, err, err_cap);
}

void scene_unload(Scene *scene, Gfx *gfx) {
    free_pending(scene);
    pick_destroy(scene->pick);
    scene->pick = NULL;
    for (int i = 0; i < scene->count; i++) {
        gfx_destroy_mesh(gfx, scene->items[i].mesh);
        gfx_destroy_mesh(gfx, scene->items[i].far_mesh);
    }
    scene->count = 0;
    free(scene->skin_positions);
    scene->skin_positions = NULL;
    free(scene->skin_paint);
    scene->skin_paint = NULL;
    free(scene->skin_indices);
    scene->skin_indices = NULL;
    scene->skin_index_count = 0;
    scene->skin_vertex_count = 0;
    scene->skin_item = -1;
}

int scene_find(const Scene *scene, const char *id) {
    for (int i = 0; i < scene->count; i++) {
        if (strcmp(scene->items[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

typedef struct {
    int index;
    float dist2;
} DepthKey;

static void fill_item(const Scene *s, int i, FrameItem *fi);

/* Below this many pixels per triangle facing the camera, lighting per vertex looks the same
 * as per pixel (compared side by side at the preset views); above it, per pixel. */
#define VERTEX_LIGHTING_MAX_PX 16.0f

/* Below this many pixels per triangle of the tablet level, it draws the same outline as
 * the full level to within about a pixel (compared side by side at the preset views). */
#define FAR_MESH_MAX_PX 12.0f

/* The pixels each camera-facing triangle of item i covers when its surface is split into
 * `triangles`: its mean projected area (a quarter of its surface, Cauchy's formula for a
 * convex body; in pixels at its distance) shared among the half that face the camera.
 * Infinite when the camera is inside or at the item (triangles can be any size there). */
static float px_per_triangle(const SceneItem *it, uint32_t triangles, float dist_mm,
                             float focal_px) {
    float dx = it->bmax[0] - it->bmin[0], dy = it->bmax[1] - it->bmin[1],
          dz = it->bmax[2] - it->bmin[2];
    float radius = 0.5f * sqrtf(dx * dx + dy * dy + dz * dz);
    if (triangles < 2 || dist_mm <= radius) {
        return INFINITY;
    }
    float px_per_mm = focal_px / dist_mm;
    float area_px = 0.25f * it->area_mm2 * px_per_mm * px_per_mm;
    return area_px / (0.5f * (float)triangles);
}

/* The level of detail and the lighting for item i at this distance. */
static void choose_detail(const Scene *s, int i, float dist_mm, float focal_px, FrameItem *fi) {
    const SceneItem *it = &s->items[i];
    float px = px_per_triangle(it, it->triangle_count, dist_mm, focal_px);
    if (it->far_mesh.id) {
        float far_px = px_per_triangle(it, it->far_triangle_count, dist_mm, focal_px);
        if (far_px < FAR_MESH_MAX_PX) {
            fi->mesh = it->far_mesh;
            px = far_px;
        }
    }
    fi->vertex_lighting = px < VERTEX_LIGHTING_MAX_PX;
}

static int cmp_far_first(const void *a, const void *b) {
    const DepthKey *x = a, *y = b;
    return x->dist2 < y->dist2 ? 1 : (x->dist2 > y->dist2 ? -1 : (x->index - y->index));
}

static int cmp_near_first(const void *a, const void *b) {
    return cmp_far_first(b, a);
}

/* The six planes (a, b, c, d: inside when a x + b y + c z + d >= 0) of the view volume of a
 * column-major projection * view matrix. */
static void frustum_planes(const float view[16], const float proj[16], float out[6][4]) {
    float m[16];
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            float sum = 0.0f;
            for (int k = 0; k < 4; k++) {
                sum += proj[k * 4 + r] * view[c * 4 + k];
            }
            m[c * 4 + r] = sum;
        }
    }
    for (int p = 0; p < 6; p++) {
        int row = p / 2;
        float sign = p % 2 ? -1.0f : 1.0f;
        for (int c = 0; c < 4; c++) {
            out[p][c] = m[c * 4 + 3] + sign * m[c * 4 + row];
        }
    }
}

/* False only when the box lies wholly outside one of the planes. */
static bool box_in_frustum(float planes[6][4], const float bmin[3], const float bmax[3]) {
    for (int p = 0; p < 6; p++) {
        const float *pl = planes[p];
        /* the corner furthest along the plane's normal */
        float x = pl[0] >= 0.0f ? bmax[0] : bmin[0];
        float y = pl[1] >= 0.0f ? bmax[1] : bmin[1];
        float z = pl[2] >= 0.0f ? bmax[2] : bmin[2];
        if (pl[0] * x + pl[1] * y + pl[2] * z + pl[3] < 0.0f) {
            return false;
        }
    }
    return true;
}

void scene_view_bounds(const Scene *s, ViewId view, float out_min[3], float out_max[3]) {
    memcpy(out_min, s->bmin, sizeof(float) * 3);
    memcpy(out_max, s->bmax, sizeof(float) * 3);
    if (view != VIEW_DEEP_POSTERIOR) {
        return;
    }
    static const char *const pelvis[] = {"hip_bone_", "sacrum", "coccyx", "piriformis_",
                                         "gluteus_maximus_"};
    bool first = true;
    for (int i = 0; i < s->count; i++) {
        for (size_t k = 0; k < sizeof pelvis / sizeof pelvis[0]; k++) {
            if (str_has_prefix(s->items[i].id, pelvis[k])) {
                grow_bounds(out_min, out_max, s->items[i].bmin, s->items[i].bmax, first);
                first = false;
                break;
            }
        }
    }
}

void scene_init_camera(const Scene *s, ViewId view, float aspect, Camera *out_cam) {
    float bmin[3], bmax[3];
    scene_view_bounds(s, view, bmin, bmax);
    cam_init_view(out_cam, view, bmin, bmax, aspect);
}

bool scene_item_visible(const Scene *s, int i, unsigned layer_mask) {
    if (s->isolated >= 0) {
        return i == s->isolated;
    }
    return (layer_mask & LAYER_BIT(s->items[i].layer)) && !s->item_hidden[i];
}

static float item_alpha(const Scene *s, int i) {
    float a = i == s->skin_item && s->skin_opaque ? 1.0f : s->items[i].color[3];
    if ((s->see_through_mask | s->auto_see_through_mask) & LAYER_BIT(s->items[i].layer)) {
        a = a < 0.35f ? a : 0.35f;
    }
    return a;
}

static void fill_item(const Scene *s, int i, FrameItem *fi) {
    const SceneItem *it = &s->items[i];
    memset(fi, 0, sizeof *fi);
    fi->mesh = it->mesh;
    float a = s->item_tint[i][3];
    for (int k = 0; k < 3; k++) {
        fi->color[k] = it->color[k] + (s->item_tint[i][k] - it->color[k]) * a;
    }
    fi->color[3] = item_alpha(s, i);
    if (i == s->highlighted) {
        /* the selection glows a little and leans towards a clear blue */
        for (int k = 0; k < 3; k++) {
            static const float sel[3] = {0.25f, 0.55f, 1.0f};
            fi->color[k] = fi->color[k] * 0.55f + sel[k] * 0.45f;
        }
        fi->emissive = fi->emissive > 0.2f ? fi->emissive : 0.2f;
    }
    fi->emissive = s->item_emissive[i];
    if (i == s->skin_item) {
        fi->paint_strength = s->skin_paint_strength;
    }
}

void scene_build_frame(Scene *s, const Camera *cam, unsigned layer_mask, int w, int h,
                       FrameDesc *out) {
    memset(out, 0, sizeof *out);
    cam_matrices(cam, (float)w / (float)(h > 0 ? h : 1), out->view, out->proj);
    cam_eye(cam, out->eye_mm);
    /* key light from above, over the viewer's shoulder */
    float yaw = cam->yaw_deg * 3.14159265f / 180.0f;
    out->light_dir[0] = sinf(yaw + 0.6f);
    out->light_dir[1] = 0.9f;
    out->light_dir[2] = cosf(yaw + 0.6f);
    out->clear_rgba[0] = 0.16f;
    out->clear_rgba[1] = 0.18f;
    out->clear_rgba[2] = 0.21f;
    out->clear_rgba[3] = 1.0f;
    float planes[6][4];
    frustum_planes(out->view, out->proj, planes);
    int n = 0;
    DepthKey opaque[SCENE_MAX_ITEMS], translucent[SCENE_MAX_ITEMS];
    int no = 0, nt = 0;
    for (int i = 0; i < s->count; i++) {
        const SceneItem *it = &s->items[i];
        /* what lies outside the view costs the rasteriser its vertices all the same */
        if (!scene_item_visible(s, i, layer_mask) || !box_in_frustum(planes, it->bmin, it->bmax)) {
            continue;
        }
        float d2 = 0.0f;
        for (int k = 0; k < 3; k++) {
            float d = it->center_mm[k] - out->eye_mm[k];
            d2 += d * d;
        }
        if (item_alpha(s, i) < 1.0f) {
            translucent[nt++] = (DepthKey){i, d2};
        } else {
            opaque[no++] = (DepthKey){i, d2};
        }
    }
    float focal_px = 0.5f * (float)h / tanf(0.5f * cam->fovy_deg * 3.14159265f / 180.0f);
    /* opaque near to far: hidden fragments fail the depth test before they are shaded */
    qsort(opaque, (size_t)no, sizeof opaque[0], cmp_near_first);
    for (int k = 0; k < no; k++) {
        FrameItem *fi = &s->frame_items[n++];
        fill_item(s, opaque[k].index, fi);
        choose_detail(s, opaque[k].index, sqrtf(opaque[k].dist2), focal_px, fi);
    }
    qsort(translucent, (size_t)nt, sizeof translucent[0], cmp_far_first);
    for (int k = 0; k < nt; k++) {
        FrameItem *fi = &s->frame_items[n++];
        fill_item(s, translucent[k].index, fi);
        choose_detail(s, translucent[k].index, sqrtf(translucent[k].dist2), focal_px, fi);
    }
    out->items = s->frame_items;
    out->item_count = n;
}
