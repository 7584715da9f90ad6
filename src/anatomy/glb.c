/* glb: restricted glTF 2.0 binary reader (see glb.h). */
#include "anatomy/glb.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GLB_MAX_ELEMENTS (64u * 1024u * 1024u)

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static bool
fail(char *err, size_t cap, const char *file, const char *fmt, ...) {
    if (err && cap > 0) {
        int n = snprintf(err, cap, "%s: ", file ? file : "<memory>");
        if (n >= 0 && (size_t)n < cap) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err + n, cap - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return false;
}

static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool glb_open(const void *data, size_t len, const char *file_name, GlbFile *out, char *err,
              size_t err_cap) {
    const char *file = file_name ? file_name : "<memory>";
    if (!out) {
        return fail(err, err_cap, file, "no output");
    }
    memset(out, 0, sizeof *out);
    out->file = file;
    const uint8_t *p = data;
    if (!p || len < 20) {
        return fail(err, err_cap, file, "too short for a glb header (%zu bytes)", len);
    }
    if (rd32(p) != 0x46546C67u) {
        return fail(err, err_cap, file, "not a glb file (bad magic)");
    }
    if (rd32(p + 4) != 2) {
        return fail(err, err_cap, file, "glb version %u is not 2", rd32(p + 4));
    }
    uint32_t total = rd32(p + 8);
    if (total > len || total < 20) {
        return fail(err, err_cap, file, "header length %u does not match the file (%zu bytes)",
                    total, len);
    }
    uint32_t jlen = rd32(p + 12);
    if (rd32(p + 16) != 0x4E4F534Au) {
        return fail(err, err_cap, file, "first chunk is not JSON");
    }
    if (jlen == 0 || jlen > total - 20) {
        return fail(err, err_cap, file, "JSON chunk length %u runs past the end", jlen);
    }
    size_t pos = 20 + (size_t)jlen;
    if (pos + 8 > total) {
        return fail(err, err_cap, file, "no BIN chunk");
    }
    uint32_t blen = rd32(p + pos);
    if (rd32(p + pos + 4) != 0x004E4942u) {
        return fail(err, err_cap, file, "second chunk is not BIN");
    }
    if (blen > total - pos - 8) {
        return fail(err, err_cap, file, "BIN chunk length %u runs past the end", blen);
    }
    out->json = cJSON_ParseWithLength((const char *)p + 20, jlen);
    if (!out->json || !cJSON_IsObject(out->json)) {
        glb_close(out);
        return fail(err, err_cap, file, "JSON chunk is not a valid JSON object");
    }
    const cJSON *buffers = cJSON_GetObjectItemCaseSensitive(out->json, "buffers");
    const cJSON *b0 = cJSON_GetArrayItem(buffers, 0);
    const cJSON *bl = cJSON_GetObjectItemCaseSensitive(b0, "byteLength");
    if (!cJSON_IsArray(buffers) || cJSON_GetArraySize(buffers) != 1 || !cJSON_IsNumber(bl) ||
        cJSON_GetObjectItemCaseSensitive(b0, "uri")) {
        glb_close(out);
        return fail(err, err_cap, file, "expected exactly one embedded buffer");
    }
    double buf_len = bl->valuedouble;
    if (!(buf_len >= 0) || buf_len > (double)blen) {
        glb_close(out);
        return fail(err, err_cap, file, "buffer byteLength %.0f exceeds the BIN chunk (%u)",
                    buf_len, blen);
    }
    out->bin = p + pos + 8;
    out->bin_len = (size_t)buf_len;
    return true;
}

void glb_close(GlbFile *f) {
    if (!f) {
        return;
    }
    cJSON_Delete(f->json);
    f->json = NULL;
}

static bool get_uint(const cJSON *obj, const char *key, double max, bool required, double def,
                     double *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        *out = def;
        return !required;
    }
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > max ||
        v->valuedouble != floor(v->valuedouble)) {
        return false;
    }
    *out = v->valuedouble;
    return true;
}

/* Locates accessor data: pointer to the first element, element count, component type. */
static bool locate(const GlbFile *f, int index, const char *want_type, const uint8_t **out_p,
                   uint32_t *out_count, int *out_ctype, size_t *out_esize, char *err,
                   size_t err_cap) {
    const cJSON *accs = cJSON_GetObjectItemCaseSensitive(f->json, "accessors");
    const cJSON *acc = cJSON_IsArray(accs) && index >= 0 ? cJSON_GetArrayItem(accs, index) : NULL;
    if (!cJSON_IsObject(acc)) {
        return fail(err, err_cap, f->file, "accessor %d does not exist", index);
    }
    if (cJSON_GetObjectItemCaseSensitive(acc, "sparse")) {
        return fail(err, err_cap, f->file, "accessor %d: sparse accessors are not supported",
                    index);
    }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(acc, "type");
    if (!cJSON_IsString(type) || strcmp(type->valuestring, want_type) != 0) {
        return fail(err, err_cap, f->file, "accessor %d: type is not %s", index, want_type);
    }
    double ctype, count, view_i, acc_off;
    if (!get_uint(acc, "componentType", 6000, true, 0, &ctype) ||
        !get_uint(acc, "count", GLB_MAX_ELEMENTS, true, 0, &count) ||
        !get_uint(acc, "bufferView", 1e9, true, 0, &view_i) ||
        !get_uint(acc, "byteOffset", 4294967295.0, false, 0, &acc_off)) {
        return fail(err, err_cap, f->file,
                    "accessor %d: bad or missing componentType, count (at most %u), "
                    "bufferView or byteOffset",
                    index, GLB_MAX_ELEMENTS);
    }
    size_t csize = ctype == GLB_U8 ? 1 : (ctype == GLB_U16 ? 2 : 4);
    if (ctype != GLB_U8 && ctype != GLB_U16 && ctype != GLB_U32 && ctype != GLB_F32) {
        return fail(err, err_cap, f->file, "accessor %d: component type %.0f not supported", index,
                    ctype);
    }
    size_t ncomp = strcmp(want_type, "VEC3") == 0 ? 3 : 1;
    size_t esize = csize * ncomp;
    const cJSON *views = cJSON_GetObjectItemCaseSensitive(f->json, "bufferViews");
    const cJSON *view = cJSON_IsArray(views) ? cJSON_GetArrayItem(views, (int)view_i) : NULL;
    if (!cJSON_IsObject(view)) {
        return fail(err, err_cap, f->file, "accessor %d: buffer view %.0f does not exist", index,
                    view_i);
    }
    double buf_i, v_off, v_len, stride;
    if (!get_uint(view, "buffer", 0, true, 0, &buf_i) ||
        !get_uint(view, "byteOffset", 4294967295.0, false, 0, &v_off) ||
        !get_uint(view, "byteLength", 4294967295.0, true, 0, &v_len) ||
        !get_uint(view, "byteStride", 252, false, (double)esize, &stride)) {
        return fail(err, err_cap, f->file,
                    "buffer view %.0f: bad buffer, byteOffset, byteLength "
                    "or byteStride",
                    view_i);
    }
    if ((size_t)stride != esize) {
        return fail(err, err_cap, f->file, "buffer view %.0f: interleaved data is not supported",
                    view_i);
    }
    if (v_off + v_len > (double)f->bin_len) {
        return fail(err, err_cap, f->file,
                    "buffer view %.0f: bytes %.0f..%.0f lie outside the %zu-byte buffer", view_i,
                    v_off, v_off + v_len, f->bin_len);
    }
    double need = acc_off + count * (double)esize;
    if (need > v_len) {
        return fail(err, err_cap, f->file,
                    "accessor %d: %.0f elements at offset %.0f need %.0f bytes, view has %.0f",
                    index, count, acc_off, need, v_len);
    }
    if (count == 0) {
        return fail(err, err_cap, f->file, "accessor %d: no elements", index);
    }
    *out_p = f->bin + (size_t)v_off + (size_t)acc_off;
    *out_count = (uint32_t)count;
    *out_ctype = (int)ctype;
    *out_esize = esize;
    return true;
}

bool glb_read_floats(const GlbFile *f, int index, int ncomp, float **out, uint32_t *out_count,
                     char *err, size_t err_cap) {
    *out = NULL;
    *out_count = 0;
    const uint8_t *p;
    uint32_t count;
    int ctype;
    size_t esize;
    if (!locate(f, index, ncomp == 3 ? "VEC3" : "SCALAR", &p, &count, &ctype, &esize, err,
                err_cap)) {
        return false;
    }
    if (ctype != GLB_F32) {
        return fail(err, err_cap, f->file, "accessor %d: expected float components", index);
    }
    size_t n = (size_t)count * (size_t)ncomp;
    float *data = malloc(n * sizeof(float));
    if (!data) {
        return fail(err, err_cap, f->file, "out of memory reading accessor %d", index);
    }
    memcpy(data, p, n * sizeof(float));
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(data[i])) {
            free(data);
            return fail(err, err_cap, f->file, "accessor %d: element %zu is not finite", index,
                        i / (size_t)ncomp);
        }
    }
    *out = data;
    *out_count = count;
    return true;
}

bool glb_read_indices(const GlbFile *f, int index, uint32_t **out, uint32_t *out_count, char *err,
                      size_t err_cap) {
    *out = NULL;
    *out_count = 0;
    const uint8_t *p;
    uint32_t count;
    int ctype;
    size_t esize;
    if (!locate(f, index, "SCALAR", &p, &count, &ctype, &esize, err, err_cap)) {
        return false;
    }
    if (ctype == GLB_F32) {
        return fail(err, err_cap, f->file, "accessor %d: indices must be unsigned integers", index);
    }
    uint32_t *data = malloc((size_t)count * sizeof(uint32_t));
    if (!data) {
        return fail(err, err_cap, f->file, "out of memory reading accessor %d", index);
    }
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *q = p + (size_t)i * esize;
        data[i] =
            ctype == GLB_U8 ? q[0] : (ctype == GLB_U16 ? (uint32_t)(q[0] | q[1] << 8) : rd32(q));
    }
    *out = data;
    *out_count = count;
    return true;
}
