#define _POSIX_C_SOURCE 200809L
#include "render/gfx_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/strutil.h"

/* header: magic, layout version, key, binary format, payload length, payload checksum */
enum { CACHE_HEADER_BYTES = 32, CACHE_MAX_BYTES = 16 * 1024 * 1024 };
static const char CACHE_MAGIC[4] = {'P', 'M', 'P', 'B'};
static const uint32_t CACHE_LAYOUT = 1;

static uint64_t fnv1a(uint64_t h, const void *data, size_t len) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t hash_str(uint64_t h, const char *s) {
    s = s ? s : "";
    return fnv1a(h, s, strlen(s) + 1); /* the terminator separates neighbours */
}

uint64_t gfx_cache_key(const char *const *vs_parts, int vs_count, const char *const *fs_parts,
                       int fs_count) {
    uint64_t h = 14695981039346656037ull;
    h = hash_str(h, (const char *)glGetString(GL_VENDOR));
    h = hash_str(h, (const char *)glGetString(GL_RENDERER));
    h = hash_str(h, (const char *)glGetString(GL_VERSION));
    h = hash_str(h, "vertex");
    for (int i = 0; i < vs_count; i++) {
        h = hash_str(h, vs_parts[i]);
    }
    h = hash_str(h, "fragment");
    for (int i = 0; i < fs_count; i++) {
        h = hash_str(h, fs_parts[i]);
    }
    return h;
}

static bool file_path(char *out, size_t cap, const char *dir, const char *name, uint64_t key) {
    char file[128];
    snprintf(file, sizeof file, "%s-%016llx.bin", name, (unsigned long long)key);
    return dir && *dir && path_join(out, cap, dir, file);
}

static void put32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        p[i] = (unsigned char)(v >> (8 * i));
    }
}

static void put64(unsigned char *p, uint64_t v) {
    for (int i = 0; i < 8; i++) {
        p[i] = (unsigned char)(v >> (8 * i));
    }
}

static uint32_t get32(const unsigned char *p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint64_t get64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

bool gfx_cache_load(const char *dir, const char *name, uint64_t key, GLuint prog) {
    char path[4096];
    if (!file_path(path, sizeof path, dir, name, key) || !file_is_regular(path)) {
        return false;
    }
    char *data = NULL;
    size_t len = 0;
    char why[512];
    if (!file_read_all(path, &data, &len, why, sizeof why)) {
        log_debug("program cache: %s", why);
        return false;
    }
    const unsigned char *p = (const unsigned char *)data;
    bool ok = len > CACHE_HEADER_BYTES && memcmp(p, CACHE_MAGIC, 4) == 0 &&
              get32(p + 4) == CACHE_LAYOUT && get64(p + 8) == key &&
              get32(p + 20) == len - CACHE_HEADER_BYTES &&
              get64(p + 24) ==
                  fnv1a(14695981039346656037ull, p + CACHE_HEADER_BYTES, len - CACHE_HEADER_BYTES);
    if (!ok) {
        log_debug("program cache: %s is damaged or from another build; compiling", path);
        free(data);
        return false;
    }
    /* clear earlier errors so that the check below sees this call's (bounded: a lost
     * context may report an error every time) */
    for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; i++) {
    }
    glProgramBinary(prog, (GLenum)get32(p + 16), p + CACHE_HEADER_BYTES,
                    (GLsizei)(len - CACHE_HEADER_BYTES));
    free(data);
    GLint linked = GL_FALSE;
    glGetProgramiv(prog, GL_LINK_STATUS, &linked);
    if (glGetError() != GL_NO_ERROR || !linked) {
        log_debug("program cache: the driver refused %s; compiling", path);
        return false;
    }
    return true;
}

bool gfx_cache_store(const char *dir, const char *name, uint64_t key, GLuint prog) {
    char path[4096], tmp[4200];
    GLint size = 0;
    glGetProgramiv(prog, GL_PROGRAM_BINARY_LENGTH, &size);
    if (!file_path(path, sizeof path, dir, name, key) || size <= 0 || size > CACHE_MAX_BYTES) {
        return false;
    }
    unsigned char *buf = malloc(CACHE_HEADER_BYTES + (size_t)size);
    if (!buf) {
        return false;
    }
    GLsizei got = 0;
    GLenum format = 0;
    glGetProgramBinary(prog, size, &got, &format, buf + CACHE_HEADER_BYTES);
    if (glGetError() != GL_NO_ERROR || got <= 0 || got > size) {
        free(buf);
        return false;
    }
    memcpy(buf, CACHE_MAGIC, 4);
    put32(buf + 4, CACHE_LAYOUT);
    put64(buf + 8, key);
    put32(buf + 16, (uint32_t)format);
    put32(buf + 20, (uint32_t)got);
    put64(buf + 24, fnv1a(14695981039346656037ull, buf + CACHE_HEADER_BYTES, (size_t)got));
    /* a name of this process's own, so two painmaps starting at once never mix their files */
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    size_t total = CACHE_HEADER_BYTES + (size_t)got;
    bool ok = f && fwrite(buf, 1, total, f) == total;
    ok = f && fclose(f) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        log_debug("program cache: could not write %s", path);
        remove(tmp);
    }
    free(buf);
    return ok;
}
