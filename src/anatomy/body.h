/* body: the CPU side of the baked body model: every structure (bone, muscle, nerve,
 * ligament, skin) with its id, kind, side, layer and name, and an indexed triangle mesh per
 * level of detail (float positions in mm, unit normals, optional per-vertex attributes such
 * as _DERM_KG / _DERM_LEE on the skin). Loaded from body.glb in memory through glb.h.
 * Owns all its arrays; depends on cJSON and the C library only (no SDL, no GL). */
#ifndef PAINMAP_ANATOMY_BODY_H
#define PAINMAP_ANATOMY_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BODY_ID_MAX    64
#define BODY_MAX_ATTRS 4

typedef enum { BODY_LOD_FULL = 0, BODY_LOD_TABLET = 1, BODY_LOD_COUNT = 2 } BodyLod;

/* A set of levels of detail: one bit per BodyLod. */
#define BODY_LOD_BIT(lod) (1u << (unsigned)(lod))
#define BODY_LOD_ALL      (BODY_LOD_BIT(BODY_LOD_FULL) | BODY_LOD_BIT(BODY_LOD_TABLET))

typedef struct {
    float *pos; /* 3 floats per vertex, mm */
    float *nrm; /* 3 floats per vertex */
    uint32_t vcount;
    uint32_t *idx; /* triangles, counter-clockwise seen from outside */
    uint32_t icount;
    char attr_names[BODY_MAX_ATTRS][24];
    float *attrs[BODY_MAX_ATTRS]; /* one float per vertex each */
    int attr_count;
    float bmin[3], bmax[3];
} BodyMesh;

typedef struct {
    char id[BODY_ID_MAX];
    char kind[16];  /* bone, muscle, nerve, ligament, skin */
    char side[8];   /* left, right, midline */
    char layer[24]; /* skin, superficial_muscles, deep_muscles, bones, ligaments, nerves */
    char name[64];
    char fma_id[24];
    BodyMesh lod[BODY_LOD_COUNT];
} BodyStructure;

typedef struct {
    BodyStructure *items;
    int count;
} Body;

/* Loads a body from glb bytes. On failure *out is empty and err says "file: what is wrong". */
bool body_load_glb(const void *data, size_t len, const char *file_name, Body *out, char *err,
                   size_t err_cap);

/* As body_load_glb, reading only the levels in lod_mask (BODY_LOD_BIT); the meshes of the
 * other levels stay empty (vcount 0). Every structure is still listed and checked. */
bool body_load_glb_lods(const void *data, size_t len, const char *file_name, unsigned lod_mask,
                        Body *out, char *err, size_t err_cap);

/* Reads the file and loads it (see body_load_glb). */
bool body_load_file(const char *path, Body *out, char *err, size_t err_cap);
/* Reads only the levels in lod_mask from the file (see body_load_glb_lods). */
bool body_load_file_lods(const char *path, unsigned lod_mask, Body *out, char *err, size_t err_cap);

void body_free(Body *body);

/* Index of the structure with this id, or -1. */
int body_find(const Body *body, const char *id);

/* The named per-vertex attribute of a mesh, or NULL. */
const float *body_mesh_attr(const BodyMesh *mesh, const char *name);

#endif
