/* skin_attrs: per-vertex data baked onto the skin for the referral engine: the dermatome
 * label under each dermatome map (index 0: keegan_garrett -> _DERM_KG, 1: lee_2008 ->
 * _DERM_LEE). Label values: 0 = none, then 1 + the index of the dermatome in the order
 * T12 L1 L2 L3 L4 L5 S1 S2 S3 S4 S5. */
#ifndef PAINMAP_BAKE_SKIN_ATTRS_H
#define PAINMAP_BAKE_SKIN_ATTRS_H

#include <stdbool.h>
#include <stddef.h>

#include "anatomy/landmarks.h"
#include "mesh.h"

/* Fills out_data[0..*out_count) with malloc'd arrays of m->vcount floats (the caller frees
 * them, also on failure). Reads landmarks, skin points, zones and dermatomes from
 * anatomy_dir. */
bool skin_attrs_compute(const Mesh *m, const LandmarkSet *lms, const char *anatomy_dir,
                        float **out_data, int *out_count, char *err, size_t err_cap);

#endif
