/* glb_write: writes the baked body as one glTF 2.0 binary file.
 * Layout: scene 0 "full" and scene 1 "tablet", each with one node per structure, named by
 * the structure id, with a mesh of one indexed triangle primitive (POSITION, NORMAL and any
 * custom scalar float attributes such as _DERM_KG). Node extras hold kind, side, layer,
 * name, fma_id and lod. Output depends only on the input (byte-identical for equal input). */
#ifndef PAINMAP_BAKE_GLB_WRITE_H
#define PAINMAP_BAKE_GLB_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "mesh.h"

#define GLB_MAX_ATTRS 4

typedef struct {
    const char *name;  /* e.g. "_DERM_LEE" */
    const float *data; /* one float per vertex */
} GlbAttr;

typedef struct {
    const Mesh *mesh;
    GlbAttr attrs[GLB_MAX_ATTRS];
    int attr_count;
} GlbLod;

typedef struct {
    char id[64];
    const char *kind, *side, *layer, *name, *fma_id;
    GlbLod lod[2]; /* 0 full, 1 tablet */
} GlbNode;

/* Builds the file in memory; *out_data is malloc'd. */
bool glb_build(const GlbNode *nodes, int count, const char *generator, unsigned char **out_data,
               size_t *out_len, char *err, size_t err_cap);

#endif
