/* fileio: whole-file reads and crash-safe whole-file writes.
 * Owns no state. Errors come back as "path: reason" text in the caller's buffer. */
#ifndef PAINMAP_CORE_FILEIO_H
#define PAINMAP_CORE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

/* Reads the whole file into a malloc'd, NUL-terminated buffer (free() it).
 * Refuses directories and files over 256 MiB. On failure writes "path: reason" to err. */
bool file_read_all(const char *path, char **out_data, size_t *out_len, char *err, size_t err_cap);

/* Writes data to path through "path.tmp": written, flushed, synced, then renamed over path,
 * so a crash or a full disk never leaves a half-written file where the old one was. */
bool file_write_atomic(const char *path, const void *data, size_t len, char *err, size_t err_cap);

/* True if path names an existing directory. */
bool file_is_dir(const char *path);
/* True when something (a file, a folder, anything) is at path. */
bool file_exists(const char *path);
/* True if path names an existing regular file. */
bool file_is_regular(const char *path);

#endif
