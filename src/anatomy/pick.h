/* pick: CPU ray picking against the body's triangles, through a bounding volume hierarchy
 * built once at load. Answers "which structure is under this pixel" in well under a
 * millisecond. Owns a copy of the triangles it was built from. No SDL, no GL. */
#ifndef PAINMAP_ANATOMY_PICK_H
#define PAINMAP_ANATOMY_PICK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const float *positions; /* xyz per vertex, mm */
    const uint32_t *indices;
    uint32_t index_count; /* a multiple of 3 */
    int item;             /* the caller's id for this mesh (0..PICK_MAX_ITEMS-1) */
} PickMeshDesc;

enum { PICK_MAX_ITEMS = 256 };

typedef struct {
    int item;   /* -1 when nothing was hit */
    float t_mm; /* distance along the ray */
    float point_mm[3];
    uint32_t triangle; /* index into the triangles the hierarchy holds */
} PickHit;

typedef struct PickBvh PickBvh;

/* Builds the hierarchy over every mesh's triangles; NULL when out of memory. */
PickBvh *pick_build(const PickMeshDesc *meshes, int mesh_count);
void pick_destroy(PickBvh *bvh);
/* The nearest hit along the ray (dir need not be unit length) among items whose entry in
 * enabled[] (PICK_MAX_ITEMS entries; NULL = all) is true. False when nothing is hit. */
bool pick_ray(const PickBvh *bvh, const float origin[3], const float dir[3], const bool *enabled,
              PickHit *out_hit);
/* Triangles held, for statistics. */
uint32_t pick_triangle_count(const PickBvh *bvh);

#endif
