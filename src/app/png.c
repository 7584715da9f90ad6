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

/* stb's defaults (every filter tried on every row, the strongest compression) spent more
 * time than drawing the picture. Measured on a 1280x800 render: "up" on every row with
 * level 5 encodes about twice as fast and the file is smaller, because the pictures are
 * mostly flat background and smooth shading, which "up" predicts well. An opaque picture
 * (all of painmap's are) is written without its alpha channel, packed in place: a quarter
 * less to compress and no second copy of the picture. */
enum { PNG_FILTER_UP = 2, PNG_LEVEL = 5 };

static bool encode(uint8_t *rgba, int w, int h, ByteBuf *buf) {
    size_t n = (size_t)w * (size_t)h;
    bool opaque = true;
    for (size_t i = 0; i < n && opaque; i++) {
        opaque = rgba[4 * i + 3] == 255;
    }
    if (opaque) {
        for (size_t i = 0; i < n; i++) { /* 3 i <= 4 i: never overwrites an unread pixel */
            rgba[3 * i] = rgba[4 * i];
            rgba[3 * i + 1] = rgba[4 * i + 1];
            rgba[3 * i + 2] = rgba[4 * i + 2];
        }
    }
    stbi_write_force_png_filter = PNG_FILTER_UP;
    stbi_write_png_compression_level = PNG_LEVEL;
    int comp = opaque ? 3 : 4;
    int ok = stbi_write_png_to_func(append, buf, w, h, comp, rgba, w * comp);
    if (!ok || buf->failed) {
        free(buf->data);
        *buf = (ByteBuf){0};
        return false;
    }
    return true;
}

bool app_encode_png(uint8_t *rgba, int w, int h, uint8_t **out_data, size_t *out_len) {
    ByteBuf buf = {0};
    if (!encode(rgba, w, h, &buf)) {
        return false;
    }
    *out_data = buf.data;
    *out_len = buf.len;
    return true;
}

bool app_write_png(const char *path, uint8_t *rgba, int w, int h, char *err, size_t err_cap) {
    /* Encode in memory first so the file on disk is only ever replaced whole. */
    ByteBuf buf = {0};
    if (!encode(rgba, w, h, &buf)) {
        snprintf(err, err_cap, "%s: could not encode the PNG (out of memory?)", path);
        return false;
    }
    bool written = file_write_atomic(path, buf.data, buf.len, err, err_cap);
    free(buf.data);
    return written;
}
