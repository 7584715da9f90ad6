/* Fuzzes landmarks_parse: the input as a landmarks file into an empty set; when it loads,
 * the same file again must fail (every id is a duplicate) and leave the set unchanged. */
#include "anatomy/landmarks.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *json = fuzz_copy(data, size);
    char err[512];
    LandmarkSet set = {0};
    if (landmarks_parse(json, size, "landmarks.json", &set, err, sizeof err)) {
        int n = set.count;
        for (int i = 0; i < n; i++) {
            if (landmarks_find(&set, set.items[i].id) != &set.items[i]) {
                abort();
            }
        }
        if (n > 0 && landmarks_parse(json, size, "again.json", &set, err, sizeof err)) {
            abort(); /* duplicates across files are refused */
        }
        if (set.count != n) {
            abort();
        }
    } else if (set.count != 0) {
        abort();
    }
    landmarks_free(&set);
    free(json);
    return 0;
}
