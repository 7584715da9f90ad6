/* Fuzzes the glb reader: body_load_glb on the whole input, then glb_open and every accessor
 * read directly (floats as VEC3 and SCALAR, indices), as a damaged body.glb would meet them. */
#include <cjson/cJSON.h>

#include "anatomy/body.h"
#include "anatomy/glb.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char err[512];
    Body body;
    if (body_load_glb(data, size, "fuzz.glb", &body, err, sizeof err)) {
        for (int i = 0; i < body.count; i++) {
            if (body_find(&body, body.items[i].id) != i) {
                abort(); /* ids are unique */
            }
            for (int l = 0; l < BODY_LOD_COUNT; l++) {
                const BodyMesh *m = &body.items[i].lod[l];
                for (uint32_t k = 0; k < m->icount; k++) {
                    if (m->idx[k] >= m->vcount) {
                        abort();
                    }
                }
                (void)body_mesh_attr(m, "_DERM_KG");
            }
        }
        body_free(&body);
    } else if (body.count != 0 || body.items != NULL) {
        abort(); /* a failed load leaves nothing behind */
    }
    GlbFile f;
    if (!glb_open(data, size, "fuzz.glb", &f, err, sizeof err)) {
        return 0;
    }
    int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f.json, "accessors"));
    for (int i = -1; i < n + 1 && i < 64; i++) {
        float *fl = NULL;
        uint32_t *ix = NULL;
        uint32_t count = 0;
        if (glb_read_floats(&f, i, 3, &fl, &count, err, sizeof err)) {
            free(fl);
        }
        if (glb_read_floats(&f, i, 1, &fl, &count, err, sizeof err)) {
            free(fl);
        }
        if (glb_read_indices(&f, i, &ix, &count, err, sizeof err)) {
            free(ix);
        }
    }
    glb_close(&f);
    return 0;
}
