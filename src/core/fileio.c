#define _POSIX_C_SOURCE 200809L
#include "core/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FILE_MAX_BYTES = 256 * 1024 * 1024 };

static bool fail(char *err, size_t err_cap, const char *path, const char *reason) {
    if (err && err_cap > 0) {
        snprintf(err, err_cap, "%s: %s", path, reason);
    }
    return false;
}

bool file_is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

bool file_is_regular(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool file_read_all(const char *path, char **out_data, size_t *out_len, char *err, size_t err_cap) {
    *out_data = NULL;
    *out_len = 0;
    struct stat st;
    if (stat(path, &st) != 0) {
        return fail(err, err_cap, path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        return fail(err, err_cap, path, "is a directory, expected a file");
    }
    if (st.st_size > FILE_MAX_BYTES) {
        return fail(err, err_cap, path, "file is larger than 256 MiB");
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        return fail(err, err_cap, path, strerror(errno));
    }
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return fail(err, err_cap, path, "out of memory");
    }
    size_t len = fread(buf, 1, cap - 1, f);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(buf);
        return fail(err, err_cap, path, "read error");
    }
    buf[len] = '\0';
    *out_data = buf;
    *out_len = len;
    return true;
}

bool file_write_atomic(const char *path, const void *data, size_t len, char *err, size_t err_cap) {
    size_t n = strlen(path);
    char *tmp = malloc(n + 5);
    if (!tmp) {
        return fail(err, err_cap, path, "out of memory");
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        bool r = fail(err, err_cap, path, strerror(errno));
        free(tmp);
        return r;
    }
    bool ok = len == 0 || fwrite(data, 1, len, f) == len;
    int saved = errno;
    ok = ok && fflush(f) == 0;
    if (!ok) {
        saved = errno;
    }
    ok = ok && fsync(fileno(f)) == 0;
    if (fclose(f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        remove(tmp);
        free(tmp);
        return fail(err, err_cap, path, saved ? strerror(saved) : "write failed");
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        remove(tmp);
        free(tmp);
        return fail(err, err_cap, path, strerror(saved));
    }
    free(tmp);
    return true;
}
