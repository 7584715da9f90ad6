/* libFuzzer harness for the glb reader and body loader (clang only):
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPAINMAP_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_glb && build-fuzz/tests/fuzz_glb -max_total_time=60
 * Seed it with a small baked file, e.g. painmap_bake --only coccyx -o seed/coccyx.glb. */
#include <stddef.h>
#include <stdint.h>

#include "anatomy/body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Body body;
    char err[256];
    if (body_load_glb(data, size, "fuzz.glb", &body, err, sizeof err)) {
        for (int i = 0; i < body.count; i++) {
            for (int l = 0; l < BODY_LOD_COUNT; l++) {
                const BodyMesh *m = &body.items[i].lod[l];
                for (uint32_t k = 0; k < m->icount; k++) {
                    if (m->idx[k] >= m->vcount) {
                        __builtin_trap();
                    }
                }
            }
        }
        body_free(&body);
    }
    return 0;
}
