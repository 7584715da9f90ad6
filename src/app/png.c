#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb/stb_image_write.h>

#include "app/app_internal.h"
#include "core/fileio.h"

typedef struct {
    uint8_t *data;
    size_t len, cap;
    bool failed;
} ByteBuf;

static void append(void *ctx, void *data, int size) {
    ByteBuf *b = ctx;
    if (b->failed || size <= 0) {
        return;
    }
    size_t need = b->len + (size_t)size;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < need) {
            cap *= 2;
        }
        uint8_t *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, (size_t)size);
    b->len = need;
}

bool app_encode_png(const uint8_t *rgba, int w, int h, uint8_t **out_data, size_t *out_len) {
    ByteBuf buf = {0};
    int ok = stbi_write_png_to_func(append, &buf, w, h, 4, rgba, w * 4);
    if (!ok || buf.failed) {
        free(buf.data);
        return false;
    }
    *out_data = buf.data;
    *out_len = buf.len;
    return true;
}

bool app_write_png(const char *path, const uint8_t *rgba, int w, int h, char *err, size_t err_cap) {
    /* Encode in memory first so the file on disk is only ever replaced whole. */
    ByteBuf buf = {0};
    int ok = stbi_write_png_to_func(append, &buf, w, h, 4, rgba, w * 4);
    if (!ok || buf.failed) {
        free(buf.data);
        snprintf(err, err_cap, "%s: could not encode the PNG (out of memory?)", path);
        return false;
    }
    bool written = file_write_atomic(path, buf.data, buf.len, err, err_cap);
    free(buf.data);
    return written;
}
