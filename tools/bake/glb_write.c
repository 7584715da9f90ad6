/* glb_write: glTF 2.0 binary writer for the baked body (see glb_write.h). */
#include "glb_write.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *data;
    size_t len, cap;
} Bin;

static bool bin_append(Bin *b, const void *src, size_t n) {
    while (b->len % 4 != 0) {
        if (b->len == b->cap) {
            break;
        }
        b->data[b->len++] = 0;
    }
    size_t need = ((b->len + 3) & ~(size_t)3) + n;
    if (need > b->cap) {
        size_t nc = b->cap ? b->cap : 1 << 20;
        while (nc < need) {
            nc *= 2;
        }
        unsigned char *nd = realloc(b->data, nc);
        if (!nd) {
            return false;
        }
        b->data = nd;
        b->cap = nc;
    }
    while (b->len % 4 != 0) {
        b->data[b->len++] = 0;
    }
    memcpy(b->data + b->len, src, n);
    b->len += n;
    return true;
}

/* Adds bufferView + accessor; returns the accessor index or -1. */
static int add_accessor(Bin *bin, cJSON *views, cJSON *accessors, const void *data, size_t bytes,
                        int component, uint32_t count, const char *type, int target,
                        const float *minv, const float *maxv, int ncomp) {
    size_t offset = (bin->len + 3) & ~(size_t)3;
    if (!bin_append(bin, data, bytes)) {
        return -1;
    }
    cJSON *view = cJSON_CreateObject();
    cJSON_AddNumberToObject(view, "buffer", 0);
    cJSON_AddNumberToObject(view, "byteOffset", (double)offset);
    cJSON_AddNumberToObject(view, "byteLength", (double)bytes);
    cJSON_AddNumberToObject(view, "target", target);
    cJSON_AddItemToArray(views, view);
    cJSON *acc = cJSON_CreateObject();
    cJSON_AddNumberToObject(acc, "bufferView", cJSON_GetArraySize(views) - 1);
    cJSON_AddNumberToObject(acc, "componentType", component);
    cJSON_AddNumberToObject(acc, "count", count);
    cJSON_AddStringToObject(acc, "type", type);
    if (minv && maxv) {
        cJSON *mn = cJSON_CreateArray(), *mx = cJSON_CreateArray();
        for (int i = 0; i < ncomp; i++) {
            cJSON_AddItemToArray(mn, cJSON_CreateNumber((double)minv[i]));
            cJSON_AddItemToArray(mx, cJSON_CreateNumber((double)maxv[i]));
        }
        cJSON_AddItemToObject(acc, "min", mn);
        cJSON_AddItemToObject(acc, "max", mx);
    }
    cJSON_AddItemToArray(accessors, acc);
    return cJSON_GetArraySize(accessors) - 1;
}

static void put_u32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
    p[2] = (unsigned char)((v >> 16) & 0xff);
    p[3] = (unsigned char)((v >> 24) & 0xff);
}

bool glb_build(const GlbNode *nodes, int count, const char *generator, unsigned char **out_data,
               size_t *out_len, char *err, size_t err_cap) {
    *out_data = NULL;
    *out_len = 0;
    cJSON *root = cJSON_CreateObject();
    cJSON *asset = cJSON_AddObjectToObject(root, "asset");
    cJSON_AddStringToObject(asset, "version", "2.0");
    cJSON_AddStringToObject(asset, "generator", generator);
    cJSON_AddStringToObject(asset, "copyright",
                            "painmap body model, built from landmark data; see docs/model.md");
    cJSON_AddNumberToObject(root, "scene", 0);
    cJSON *scenes = cJSON_AddArrayToObject(root, "scenes");
    cJSON *nodes_j = cJSON_AddArrayToObject(root, "nodes");
    cJSON *meshes = cJSON_AddArrayToObject(root, "meshes");
    cJSON *accessors = cJSON_AddArrayToObject(root, "accessors");
    cJSON *views = cJSON_AddArrayToObject(root, "bufferViews");
    cJSON *buffers = cJSON_AddArrayToObject(root, "buffers");
    Bin bin = {NULL, 0, 0};
    bool ok = false;
    static const char *const lod_names[2] = {"full", "tablet"};
    for (int lod = 0; lod < 2; lod++) {
        cJSON *scene = cJSON_CreateObject();
        cJSON_AddStringToObject(scene, "name", lod_names[lod]);
        cJSON *list = cJSON_AddArrayToObject(scene, "nodes");
        for (int i = 0; i < count; i++) {
            const GlbNode *n = &nodes[i];
            const GlbLod *l = &n->lod[lod];
            const Mesh *m = l->mesh;
            if (!m || m->vcount == 0 || m->icount == 0) {
                snprintf(err, err_cap, "%s: empty %s mesh", n->id, lod_names[lod]);
                goto done;
            }
            float mn[3], mx[3];
            for (int c = 0; c < 3; c++) {
                mn[c] = mx[c] = m->pos[c];
            }
            for (uint32_t v = 1; v < m->vcount; v++) {
                for (int c = 0; c < 3; c++) {
                    float x = m->pos[3 * v + (uint32_t)c];
                    mn[c] = x < mn[c] ? x : mn[c];
                    mx[c] = x > mx[c] ? x : mx[c];
                }
            }
            cJSON *attrs = cJSON_CreateObject();
            int a_pos = add_accessor(&bin, views, accessors, m->pos, (size_t)m->vcount * 12, 5126,
                                     m->vcount, "VEC3", 34962, mn, mx, 3);
            int a_nrm = add_accessor(&bin, views, accessors, m->nrm, (size_t)m->vcount * 12, 5126,
                                     m->vcount, "VEC3", 34962, NULL, NULL, 0);
            cJSON_AddNumberToObject(attrs, "POSITION", a_pos);
            cJSON_AddNumberToObject(attrs, "NORMAL", a_nrm);
            bool bad = a_pos < 0 || a_nrm < 0;
            for (int k = 0; k < l->attr_count && !bad; k++) {
                int a =
                    add_accessor(&bin, views, accessors, l->attrs[k].data, (size_t)m->vcount * 4,
                                 5126, m->vcount, "SCALAR", 34962, NULL, NULL, 0);
                bad = a < 0;
                cJSON_AddNumberToObject(attrs, l->attrs[k].name, a);
            }
            int a_idx = add_accessor(&bin, views, accessors, m->idx, (size_t)m->icount * 4, 5125,
                                     m->icount, "SCALAR", 34963, NULL, NULL, 0);
            if (bad || a_idx < 0) {
                cJSON_Delete(attrs);
                snprintf(err, err_cap, "out of memory");
                goto done;
            }
            cJSON *prim = cJSON_CreateObject();
            cJSON_AddItemToObject(prim, "attributes", attrs);
            cJSON_AddNumberToObject(prim, "indices", a_idx);
            cJSON_AddNumberToObject(prim, "mode", 4);
            cJSON *mesh = cJSON_CreateObject();
            cJSON_AddStringToObject(mesh, "name", n->id);
            cJSON *prims = cJSON_AddArrayToObject(mesh, "primitives");
            cJSON_AddItemToArray(prims, prim);
            cJSON_AddItemToArray(meshes, mesh);
            cJSON *node = cJSON_CreateObject();
            cJSON_AddStringToObject(node, "name", n->id);
            cJSON_AddNumberToObject(node, "mesh", cJSON_GetArraySize(meshes) - 1);
            cJSON *extras = cJSON_AddObjectToObject(node, "extras");
            cJSON_AddStringToObject(extras, "kind", n->kind);
            cJSON_AddStringToObject(extras, "side", n->side);
            cJSON_AddStringToObject(extras, "layer", n->layer);
            cJSON_AddStringToObject(extras, "name", n->name);
            if (n->fma_id && n->fma_id[0]) {
                cJSON_AddStringToObject(extras, "fma_id", n->fma_id);
            }
            cJSON_AddStringToObject(extras, "lod", lod_names[lod]);
            cJSON_AddItemToArray(nodes_j, node);
            cJSON_AddItemToArray(list, cJSON_CreateNumber(cJSON_GetArraySize(nodes_j) - 1));
        }
        cJSON_AddItemToArray(scenes, scene);
    }
    while (bin.len % 4 != 0) {
        unsigned char z = 0;
        if (bin.len == bin.cap && !bin_append(&bin, &z, 0)) {
            goto done;
        }
        bin.data[bin.len++] = 0;
    }
    cJSON *buf = cJSON_CreateObject();
    cJSON_AddNumberToObject(buf, "byteLength", (double)bin.len);
    cJSON_AddItemToArray(buffers, buf);
    char *text = cJSON_PrintUnformatted(root);
    if (!text) {
        snprintf(err, err_cap, "out of memory printing JSON");
        goto done;
    }
    size_t jlen = strlen(text);
    size_t jpad = (jlen + 3) & ~(size_t)3;
    size_t total = 12 + 8 + jpad + 8 + bin.len;
    if (total > 0xffffffffu) {
        free(text);
        snprintf(err, err_cap, "file would exceed 4 GiB");
        goto done;
    }
    unsigned char *outp = malloc(total);
    if (!outp) {
        free(text);
        snprintf(err, err_cap, "out of memory");
        goto done;
    }
    put_u32(outp, 0x46546C67u); /* "glTF" */
    put_u32(outp + 4, 2);
    put_u32(outp + 8, (uint32_t)total);
    put_u32(outp + 12, (uint32_t)jpad);
    put_u32(outp + 16, 0x4E4F534Au); /* "JSON" */
    memcpy(outp + 20, text, jlen);
    memset(outp + 20 + jlen, ' ', jpad - jlen);
    put_u32(outp + 20 + jpad, (uint32_t)bin.len);
    put_u32(outp + 24 + jpad, 0x004E4942u); /* "BIN\0" */
    memcpy(outp + 28 + jpad, bin.data, bin.len);
    free(text);
    *out_data = outp;
    *out_len = total;
    ok = true;
done:
    free(bin.data);
    cJSON_Delete(root);
    return ok;
}
