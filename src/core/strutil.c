#include "core/strutil.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool str_copy(char *dst, size_t cap, const char *src) {
    if (cap == 0) {
        return false;
    }
    size_t n = strlen(src);
    bool fits = n < cap;
    if (!fits) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    return fits;
}

bool str_has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return m <= n && memcmp(s + n - m, suffix, m) == 0;
}

bool str_has_prefix(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool path_join(char *out, size_t cap, const char *a, const char *b) {
    size_t na = strlen(a);
    while (na > 1 && a[na - 1] == '/') {
        na--;
    }
    while (*b == '/') {
        b++;
    }
    size_t nb = strlen(b);
    bool sep = na > 0 && a[na - 1] != '/';
    size_t total = na + (sep ? 1 : 0) + nb;
    if (total + 1 > cap) {
        if (cap > 0) {
            out[0] = '\0';
        }
        return false;
    }
    memmove(out, a, na);
    if (sep) {
        out[na] = '/';
    }
    memcpy(out + na + (sep ? 1 : 0), b, nb);
    out[total] = '\0';
    return true;
}

bool path_dirname(char *out, size_t cap, const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) {
        return str_copy(out, cap, ".");
    }
    size_t n = (size_t)(slash - path);
    if (n == 0) {
        return str_copy(out, cap, "/");
    }
    if (n + 1 > cap) {
        return false;
    }
    memcpy(out, path, n);
    out[n] = '\0';
    return true;
}

bool str_fail(char *err, size_t err_cap, const char *fmt, ...) {
    if (err && err_cap > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_cap, fmt, ap);
        va_end(ap);
    }
    return false;
}

uint64_t str_hash(uint64_t h, const void *data, size_t len) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

int str_edit_distance(const char *a, const char *b) {
    enum { MAXLEN = 128 };
    size_t n = strlen(a), m = strlen(b);
    if (n > MAXLEN || m > MAXLEN) {
        return 255;
    }
    int prev[MAXLEN + 1], cur[MAXLEN + 1];
    for (size_t j = 0; j <= m; j++) {
        prev[j] = (int)j;
    }
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) {
                best = cur[j - 1] + 1;
            }
            if (prev[j - 1] + cost < best) {
                best = prev[j - 1] + cost;
            }
            cur[j] = best;
        }
        memcpy(prev, cur, sizeof(int) * (m + 1));
    }
    return prev[m] > 255 ? 255 : prev[m];
}

bool str_parse_int(const char *s, long min, long max, long *out_value) {
    if (!s || !*s) {
        return false;
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out_value = v;
    return true;
}

bool str_parse_float(const char *s, float *out_value) {
    if (!s || !*s) {
        return false;
    }
    char *end = NULL;
    errno = 0;
    float v = strtof(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v)) {
        return false;
    }
    *out_value = v;
    return true;
}
