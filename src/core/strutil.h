/* strutil: small, bounded string helpers shared by every module.
 * Owns nothing; every function writes only into buffers the caller passes. */
#ifndef PAINMAP_CORE_STRUTIL_H
#define PAINMAP_CORE_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies src into dst (capacity cap > 0), always terminated; false if it was cut. */
bool str_copy(char *dst, size_t cap, const char *src);
/* True if s ends with suffix. */
bool str_has_suffix(const char *s, const char *suffix);
/* True if s starts with prefix. */
bool str_has_prefix(const char *s, const char *prefix);
/* out = a + "/" + b (no double slash); false if it does not fit. */
bool path_join(char *out, size_t cap, const char *a, const char *b);
/* Directory part of path (without the trailing slash) into out; "." if none. */
bool path_dirname(char *out, size_t cap, const char *path);
/* Writes a printf-style message into err (capacity err_cap) and returns false, so that
 * `return str_fail(err, cap, "...", ...);` reports and fails in one line. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
bool str_fail(char *err, size_t err_cap, const char *fmt, ...);
/* FNV-1a over len bytes, continuing from h (STR_HASH_SEED to start): for cache keys and
 * hash tables, not for security. */
#define STR_HASH_SEED 14695981039346656037ull
uint64_t str_hash(uint64_t h, const void *data, size_t len);
/* Levenshtein distance, for "did you mean" suggestions; capped at 255. */
int str_edit_distance(const char *a, const char *b);
/* Parses a whole decimal integer in [min, max]; false on junk, overflow or range. */
bool str_parse_int(const char *s, long min, long max, long *out_value);
/* Parses a whole finite float; false on junk. */
bool str_parse_float(const char *s, float *out_value);

#endif
