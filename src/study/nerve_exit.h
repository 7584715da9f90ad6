/* nerve_exit: which nerves leave the pelvis above or below piriformis, derived from the
 * model's own shapes (assets/anatomy/shapes_nerves.json and the piriformis tube in
 * shapes_muscles.json), not from a written list: a nerve's main trunk leaves the pelvis
 * where it first passes behind the piriformis at the greater sciatic foramen, and it is
 * "below" when it does so lower than the muscle's centre line there. Paired shapes are
 * written for the right side; the answer holds for both. Owns nothing beyond its table.
 * Depends on cJSON, anatomy/landmarks and core only: no SDL, no GL. */
#ifndef PAINMAP_STUDY_NERVE_EXIT_H
#define PAINMAP_STUDY_NERVE_EXIT_H

#include <stdbool.h>
#include <stddef.h>

#include "anatomy/landmarks.h"

enum { NERVE_EXIT_MAX = 48, NERVE_EXIT_ID_MAX = 64 };

/* How far behind the muscle's deepest point (mm) a nerve must pass to have left the
 * pelvis, and how close to that point (mm) the crossing must be to count as the foramen. */
#define NERVE_EXIT_BEHIND_MM 10.0f
#define NERVE_EXIT_NEAR_MM   45.0f
/* A nerve whose trunk starts this close (mm) to another's is that nerve's branch. */
#define NERVE_EXIT_BRANCH_MM 6.0f

typedef enum {
    NERVE_EXIT_NONE = 0, /* does not pass through the greater sciatic foramen */
    NERVE_EXIT_ABOVE,    /* leaves above piriformis */
    NERVE_EXIT_BELOW,    /* leaves below piriformis */
} NerveExitKind;

typedef struct NerveExit {
    char id[NERVE_EXIT_ID_MAX]; /* base structure id, e.g. sciatic_nerve */
    NerveExitKind kind;
    int branch_of;        /* index of the nerve whose trunk this one starts on, or -1 */
    bool carries_below;   /* leaves below, or branches (at any depth) from one that does */
    float crossing_mm[3]; /* where it leaves (right side), for kind != NONE */
} NerveExit;

typedef struct NerveExits {
    NerveExit items[NERVE_EXIT_MAX];
    int count;
} NerveExits;

/* Derives the table from the two shape files' text (landmarks resolve named points; paired
 * ones as <id>_r). False with "name:json.path: message" in err when a file is malformed or
 * has no piriformis. */
bool nerve_exit_derive(const char *nerves_json, size_t nerves_len, const char *muscles_json,
                       size_t muscles_len, const LandmarkSet *landmarks, NerveExits *out, char *err,
                       size_t err_cap);
/* Reads <assets_dir>/anatomy/shapes_nerves.json and shapes_muscles.json and derives. */
bool nerve_exit_load(const char *assets_dir, const LandmarkSet *landmarks, NerveExits *out,
                     char *err, size_t err_cap);

/* The entry for a base nerve id, or NULL. */
const NerveExit *nerve_exit_find(const NerveExits *exits, const char *base_id);
/* True when this nerve (or a nerve it branches from, at any depth) leaves below piriformis:
 * such a nerve is neither a right nor a plainly wrong answer to "which leaves below". */
bool nerve_exit_carries_below(const NerveExits *exits, int index);

#endif
