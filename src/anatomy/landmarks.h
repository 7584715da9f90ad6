/* landmarks: named points of the body in millimetres (body frame: origin midway between the
 * hip joint centres, +X the body's left, +Y up, +Z anterior), parsed from JSON in memory.
 * Paired landmarks are written once for the right side and expand to <id>_r and <id>_l.
 * Owns the arrays in a LandmarkSet; depends on cJSON only (no SDL, no GL). */
#ifndef PAINMAP_ANATOMY_LANDMARKS_H
#define PAINMAP_ANATOMY_LANDMARKS_H

#include <stdbool.h>
#include <stddef.h>

#define LANDMARK_ID_MAX 48

typedef struct {
    char id[LANDMARK_ID_MAX];
    float pos_mm[3];
    bool estimate;
} Landmark;

typedef struct {
    Landmark *items;
    int count;
} LandmarkSet;

/* Parses a landmarks file (schema 1) and APPENDS its landmarks to out_set, so several files
 * can be merged. Rejects duplicate ids (also across files), non-finite numbers and |v| > 3000.
 * On failure out_set is unchanged and err gets "file:$.json.path: expected X, got Y" (or
 * "file:LINE:COL: not valid JSON"), the file named once; duplicates name the first place. */
bool landmarks_parse(const char *json, size_t len, const char *file_name, LandmarkSet *out_set,
                     char *err, size_t err_cap);

/* Frees the items and zeroes the set. NULL-safe. */
void landmarks_free(LandmarkSet *set);

/* The landmark with this exact id, or NULL if there is none. */
const Landmark *landmarks_find(const LandmarkSet *set, const char *id);

#endif
