/* content_diag: the list of problems a load or a check found, one line each, as
 * "file:json.path: message". Owns its lines. Also the small helpers every loader uses
 * to build JSON paths and "did you mean" suggestions. Depends on the C library only. */
#ifndef PAINMAP_CONTENT_DIAG_H
#define PAINMAP_CONTENT_DIAG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ContentDiag {
    char **lines;
    int count;
    int cap;
} ContentDiag;

/* Zeroed ContentDiag is valid and empty; free releases every line. */
void content_diag_free(ContentDiag *diag);

/* Appends "file:path: message" (path may be NULL or "" -> "file: message"). */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void content_diag_add(ContentDiag *diag, const char *file, const char *path, const char *fmt, ...);

/* Appends one line as it is (a duplicate of an existing line is dropped, as above). */
void content_diag_add_line(ContentDiag *diag, const char *line);

/* Appends every line of src to dst. */
void content_diag_append(ContentDiag *dst, const ContentDiag *src);

/* out = base + "." + key (or key alone when base is empty). Truncates safely. */
void json_path_key(char *out, size_t cap, const char *base, const char *key);
/* out = base + "[" + index + "]". */
void json_path_index(char *out, size_t cap, const char *base, int index);

/* The candidate closest to `bad` by edit distance, or NULL when none is close enough
 * (distance above max(2, len/3)). */
const char *content_suggest(const char *bad, const char *const *candidates, int count);

/* Up to `max_out` candidates ordered by edit distance (closest first), ties in list order.
 * Returns how many were written; all candidates count, however far. */
int content_suggest_many(const char *bad, const char *const *candidates, int count,
                         const char **out, int max_out);

#endif
