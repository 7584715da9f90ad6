#define _POSIX_C_SOURCE 200809L
#include "render/gfx_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/strutil.h"

/* The file: this header, then the driver's binary. Host byte order: the cache belongs to
 * one machine (its key names the driver). */
typedef struct {
    char magic[4];     /* CACHE_MAGIC */
    uint32_t layout;   /* CACHE_LAYOUT */
    uint64_t key;      /* gfx_cache_key */
    uint32_t format;   /* glGetProgramBinary's format */
    uint32_t length;   /* of the binary */
    uint64_t checksum; /* str_hash of the binary */
} CacheHeader;
_Static_assert(sizeof(CacheHeader) == 32, "CacheHeader has no padding");

enum { CACHE_MAX_BYTES = 16 * 1024 * 1024 };
static const char CACHE_MAGIC[4] = {'P', 'M', 'P', 'B'};
static const uint32_t CACHE_LAYOUT = 1;

static uint64_t hash_str(uint64_t h, const char *s) {
    s = s ? s : "";
    return str_hash(h, s, strlen(s) + 1); /* the terminator separates neighbours */
}

uint64_t gfx_cache_key(const char *const *vs_parts, int vs_count, const char *const *fs_parts,
                       int fs_count) {
    uint64_t h = hash_str(STR_HASH_SEED, (const char *)glGetString(GL_VENDOR));
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
    CacheHeader h;
    bool ok = len > sizeof h;
    size_t bin_len = ok ? len - sizeof h : 0;
    if (ok) {
        memcpy(&h, data, sizeof h);
        ok = memcmp(h.magic, CACHE_MAGIC, 4) == 0 && h.layout == CACHE_LAYOUT && h.key == key &&
             h.length == bin_len && h.checksum == str_hash(STR_HASH_SEED, data + sizeof h, bin_len);
    }
    if (!ok) {
        log_debug("program cache: %s is damaged or from another build; compiling", path);
        free(data);
        return false;
    }
    /* clear earlier errors so that the check below sees this call's (bounded: a lost
     * context may report an error every time) */
    for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; i++) {
    }
    glProgramBinary(prog, (GLenum)h.format, data + sizeof h, (GLsizei)bin_len);
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
    unsigned char *buf = malloc(sizeof(CacheHeader) + (size_t)size);
    if (!buf) {
        return false;
    }
    unsigned char *bin = buf + sizeof(CacheHeader);
    GLsizei got = 0;
    GLenum format = 0;
    glGetProgramBinary(prog, size, &got, &format, bin);
    if (glGetError() != GL_NO_ERROR || got <= 0 || got > size) {
        free(buf);
        return false;
    }
    CacheHeader h = {.layout = CACHE_LAYOUT,
                     .key = key,
                     .format = (uint32_t)format,
                     .length = (uint32_t)got,
                     .checksum = str_hash(STR_HASH_SEED, bin, (size_t)got)};
    memcpy(h.magic, CACHE_MAGIC, 4);
    memcpy(buf, &h, sizeof h);
    /* a name of this process's own, so two painmaps starting at once never mix their files */
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    size_t total = sizeof h + (size_t)got;
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
