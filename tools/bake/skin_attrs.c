/* skin_attrs: dermatome labels per skin vertex (see skin_attrs.h), evaluated with the
 * referral engine's own dermatome shapes (assets/anatomy/dermatomes.json, anchored to
 * landmarks.json and skin_points.json), so the baked labels and the app's queries agree. */
#include "skin_attrs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content_diag.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "referral/zone_shapes.h"

static char *read_in(const char *dir, const char *name, size_t *len, char *err, size_t cap) {
    char path[1200];
    char *data = NULL;
    if (!path_join(path, sizeof path, dir, name)) {
        snprintf(err, cap, "%s/%s: path too long", dir, name);
        return NULL;
    }
    if (!file_read_all(path, &data, len, err, cap)) {
        return NULL;
    }
    return data;
}

bool skin_attrs_compute(const Mesh *m, const LandmarkSet *lms, const char *anatomy_dir,
                        float **out_data, int *out_count, char *err, size_t err_cap) {
    (void)lms; /* the shapes also anchor to skin_points.json: load both files here */
    *out_count = 0;
    bool ok = false;
    LandmarkSet all = {0};
    RefShapes shapes;
    memset(&shapes, 0, sizeof shapes);
    ContentDiag diag = {0};
    size_t len = 0, zl = 0, dl = 0;
    char *lm = NULL, *sp = NULL, *zj = NULL, *dj = NULL;
    if (!(lm = read_in(anatomy_dir, "landmarks.json", &len, err, err_cap)) ||
        !landmarks_parse(lm, len, "anatomy/landmarks.json", &all, err, err_cap)) {
        goto done;
    }
    if (!(sp = read_in(anatomy_dir, "skin_points.json", &len, err, err_cap)) ||
        !landmarks_parse(sp, len, "anatomy/skin_points.json", &all, err, err_cap)) {
        goto done;
    }
    if (!(zj = read_in(anatomy_dir, "zones.json", &zl, err, err_cap)) ||
        !(dj = read_in(anatomy_dir, "dermatomes.json", &dl, err, err_cap))) {
        goto done;
    }
    if (!ref_shapes_load(zj, zl, "anatomy/zones.json", dj, dl, "anatomy/dermatomes.json", &all,
                         &shapes, &diag)) {
        snprintf(err, err_cap, "%s%s", diag.count > 0 ? diag.lines[0] : "dermatome shapes",
                 diag.count > 1 ? " (and more)" : "");
        goto done;
    }
    static const char *const maps[2] = {"keegan_garrett", "lee_2008"};
    for (int k = 0; k < 2; k++) {
        int map = ref_shapes_find_map(&shapes, maps[k]);
        if (map < 0) {
            snprintf(err, err_cap, "anatomy/dermatomes.json: no map \"%s\"", maps[k]);
            goto done;
        }
        out_data[k] = malloc((m->vcount > 0 ? m->vcount : 1) * sizeof(float));
        if (!out_data[k]) {
            snprintf(err, err_cap, "out of memory");
            goto done;
        }
        *out_count = k + 1;
        for (uint32_t v = 0; v < m->vcount; v++) {
            out_data[k][v] = (float)ref_shapes_derm_label(&shapes, map, m->pos + 3 * v);
        }
    }
    ok = true;
done:
    free(lm);
    free(sp);
    free(zj);
    free(dj);
    ref_shapes_free(&shapes);
    content_diag_free(&diag);
    landmarks_free(&all);
    return ok;
}
