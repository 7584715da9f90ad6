/* skin_attrs: dermatome labels per skin vertex (see skin_attrs.h).
 * The dermatome shapes (dermatomes.json) and their evaluator belong to the referral engine;
 * until that evaluator is linked here every vertex is labelled 0 ("none"), so the file
 * layout and the attribute names are already final. */
#include "skin_attrs.h"

#include <stdlib.h>

bool skin_attrs_compute(const Mesh *m, const LandmarkSet *lms, const char *anatomy_dir,
                        float **out_data, int *out_count, char *err, size_t err_cap) {
    (void)lms;
    (void)anatomy_dir;
    (void)err;
    (void)err_cap;
    *out_count = 0;
    for (int k = 0; k < 2; k++) {
        out_data[k] = calloc(m->vcount > 0 ? m->vcount : 1, sizeof(float));
        if (!out_data[k]) {
            return false;
        }
        *out_count = k + 1;
    }
    return true;
}
