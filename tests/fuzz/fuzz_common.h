/* fuzz_common: what every fuzz target shares: the libFuzzer entry point's prototype, and the
 * shipped assets read once (from $PAINMAP_ASSETS_DIR, else the source tree's assets folder
 * baked in at build time) so a target can damage one file while the others stay valid.
 * Built into both the libFuzzer binaries and the standalone replay driver. */
#ifndef PAINMAP_TESTS_FUZZ_COMMON_H
#define PAINMAP_TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/strutil.h"

#ifndef FUZZ_ASSETS_DIR
#define FUZZ_ASSETS_DIR "assets"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes of assets/<rel> (NUL-terminated, never freed: read once per process). Aborts when
 * the file cannot be read, since a target without its valid inputs tests nothing. */
static inline char *fuzz_asset(const char *rel, size_t *out_len) {
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    char path[1024], err[512];
    char *data = NULL;
    if (!path_join(path, sizeof path, dir && dir[0] ? dir : FUZZ_ASSETS_DIR, rel) ||
        !file_read_all(path, &data, out_len, err, sizeof err)) {
        fprintf(stderr, "fuzz: cannot read the asset %s (%s); set PAINMAP_ASSETS_DIR\n", rel, path);
        abort();
    }
    return data;
}

/* A malloc'd copy of data[0..size) without a terminating NUL, so that reading one byte past
 * the end is caught by AddressSanitizer (NULL for size 0 is avoided: returns a 1-byte block). */
static inline char *fuzz_copy(const uint8_t *data, size_t size) {
    char *p = malloc(size ? size : 1);
    if (!p) {
        abort();
    }
    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

/* Splits data at NUL bytes into at most max parts; returns how many (at least 1). */
static inline int fuzz_split(const uint8_t *data, size_t size, int max, const uint8_t **out_p,
                             size_t *out_len) {
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= size && n < max; i++) {
        if (i == size || (data[i] == 0 && n < max - 1)) {
            out_p[n] = data + start;
            out_len[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    return n;
}

#endif
