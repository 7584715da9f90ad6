/* mesh: turns a Shape into an indexed triangle mesh (surface nets on sparsely sampled
 * blocks, one Newton step onto the surface, gradient normals), simplifies it with
 * meshoptimizer and optimises it for the vertex cache. Deterministic for any thread count. */
#ifndef PAINMAP_BAKE_MESH_H
#define PAINMAP_BAKE_MESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sdf.h"

typedef struct {
    float *pos; /* 3 per vertex, mm */
    float *nrm; /* 3 per vertex, unit */
    uint32_t vcount;
    uint32_t *idx;
    uint32_t icount;
} Mesh;

typedef struct {
    float voxel_mm;
    float cull_factor; /* > 1 for fields that over-estimate distance (plates, ellipsoids) */
    int threads;
} MeshParams;

/* Meshes the shape; false (with a message in err) on allocation failure or empty result. */
bool mesh_from_shape(const Shape *s, const MeshParams *params, Mesh *out, char *err,
                     size_t err_cap);

/* Simplifies src into out (new buffers): keeps at most ratio of the triangles while the
 * error stays under max_error_mm; then vertex-cache and vertex-fetch optimised. */
bool mesh_simplify(const Mesh *src, float ratio, float max_error_mm, Mesh *out);

/* out = src mirrored in X (x negated, winding flipped). */
bool mesh_mirror_x(const Mesh *src, Mesh *out);

/* Number of edges used an odd number of times (0 for a closed mesh). */
uint32_t mesh_count_open_edges(const Mesh *m);

void mesh_free(Mesh *m);

#endif
