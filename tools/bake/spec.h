/* spec: reads the anatomy shape files (structures.json and the files it includes) and turns
 * each structure into a Shape whose control points are landmarks plus offsets.
 * Paired structures are described for the right side; the baker mirrors them. */
#ifndef PAINMAP_BAKE_SPEC_H
#define PAINMAP_BAKE_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "anatomy/landmarks.h"
#include "sdf.h"

typedef struct {
    char id[48]; /* base id, no side suffix */
    bool paired;
    char kind[16];
    char layer[24];
    char name[64];
    char fma_id[24];
    float voxel_mm;
    float cull;
    float lod_full; /* fraction of triangles kept */
    float lod_tablet;
    float err_full_mm;
    float err_tablet_mm;
    Shape shape;
} StructSpec;

typedef struct {
    StructSpec *items;
    int count;
} SpecSet;

/* Parses one structures file (schema 1) and appends its structures to out. Points resolve
 * through lms. include_names (may be NULL) receives the file's "include" list as a
 * malloc'd array of malloc'd strings. Errors: "file:json.path: message". */
bool spec_parse(const char *json, size_t len, const char *file_name, const LandmarkSet *lms,
                SpecSet *out, char ***include_names, int *include_count, char *err, size_t err_cap);

void spec_free(SpecSet *set);

#endif
