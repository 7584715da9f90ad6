/* glb: a reader for the restricted glTF 2.0 binary profile painmap writes: one JSON chunk,
 * one BIN chunk, one buffer, tightly packed buffer views, float/unsigned accessors without
 * sparse storage. Every offset and count is checked against the file; nothing is trusted.
 * Owns nothing beyond what the caller frees; depends on cJSON only (no SDL, no GL). */
#ifndef PAINMAP_ANATOMY_GLB_H
#define PAINMAP_ANATOMY_GLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cJSON cJSON;

typedef struct {
    cJSON *json;        /* parsed JSON chunk (owned; glb_close frees it) */
    const uint8_t *bin; /* points into the caller's data */
    size_t bin_len;     /* usable buffer 0 length (<= BIN chunk length) */
    const char *file;   /* name used in messages */
} GlbFile;

/* Checks the header and chunks and parses the JSON. Messages: "file: what is wrong". */
bool glb_open(const void *data, size_t len, const char *file_name, GlbFile *out, char *err,
              size_t err_cap);
void glb_close(GlbFile *f);

/* Component types the profile accepts. */
enum { GLB_U8 = 5121, GLB_U16 = 5123, GLB_U32 = 5125, GLB_F32 = 5126 };

/* Reads accessor `index` into a new malloc'd array: floats (F32 accessors, ncomp components
 * per element) or uint32 (U8/U16/U32 SCALAR accessors). Rejects non-finite floats.
 * out_count = number of elements. */
bool glb_read_floats(const GlbFile *f, int index, int ncomp, float **out, uint32_t *out_count,
                     char *err, size_t err_cap);
bool glb_read_indices(const GlbFile *f, int index, uint32_t **out, uint32_t *out_count, char *err,
                      size_t err_cap);

#endif
