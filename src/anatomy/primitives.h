/* primitives: small procedural meshes (spheres, capsules) built on the CPU, in mm.
 * Used for the stand-in scene when no body model is available and for test scenes whose
 * geometry is known exactly. Owns the MeshBuf arrays it allocates. */
#ifndef PAINMAP_ANATOMY_PRIMITIVES_H
#define PAINMAP_ANATOMY_PRIMITIVES_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    float *positions; /* xyz per vertex */
    float *normals;   /* xyz per vertex */
    uint32_t *indices;
    uint32_t vertex_count, index_count;
    uint32_t vertex_cap, index_cap;
} MeshBuf;

void meshbuf_free(MeshBuf *mesh);
/* Appends a UV sphere (rings >= 3, segments >= 3). False only when out of memory. */
bool meshbuf_add_sphere(MeshBuf *mesh, const float center_mm[3], float radius_mm, int rings,
                        int segments);
/* Appends an ellipsoid with the given radii along x, y and z. */
bool meshbuf_add_ellipsoid(MeshBuf *mesh, const float center_mm[3], const float radii_mm[3],
                           int rings, int segments);
/* Appends a capsule (a cylinder with round ends) from a to b. */
bool meshbuf_add_capsule(MeshBuf *mesh, const float a_mm[3], const float b_mm[3], float radius_mm,
                         int segments);
/* Axis-aligned bounds of the vertices; false if the mesh is empty. */
bool meshbuf_bounds(const MeshBuf *mesh, float out_min[3], float out_max[3]);

#endif
