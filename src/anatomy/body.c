/* body: load the baked body from glb (see body.h). The file layout is documented in
 * docs/model.md: scene 0 "full" and scene 1 "tablet", one node per structure in each. */
#define _POSIX_C_SOURCE 200809L

#include "anatomy/body.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/glb.h"
#include "core/fileio.h"

#if defined(__unix__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#define BODY_MAX_STRUCTURES 4096
/* larger files go through file_read_all, which refuses them with its own message */
#define BODY_MAX_FILE_BYTES (256 * 1024 * 1024)

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static bool
fail(char *err, size_t cap, const char *file, const char *fmt, ...) {
    if (err && cap > 0) {
        int n = snprintf(err, cap, "%s: ", file);
        if (n >= 0 && (size_t)n < cap) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err + n, cap - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return false;
}

static void mesh_free(BodyMesh *m) {
    free(m->pos);
    free(m->nrm);
    free(m->idx);
    for (int i = 0; i < m->attr_count; i++) {
        free(m->attrs[i]);
    }
    memset(m, 0, sizeof *m);
}

static bool copy_str(const cJSON *obj, const char *key, char *out, size_t cap, bool required) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        out[0] = '\0';
        return !required;
    }
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= cap) {
        return false;
    }
    memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
    return true;
}

static bool load_mesh(const GlbFile *f, const cJSON *mesh, const char *id, BodyMesh *m, char *err,
                      size_t err_cap) {
    const cJSON *prims = cJSON_GetObjectItemCaseSensitive(mesh, "primitives");
    if (!cJSON_IsArray(prims) || cJSON_GetArraySize(prims) != 1) {
        return fail(err, err_cap, f->file, "%s: a mesh must have exactly one primitive", id);
    }
    const cJSON *prim = cJSON_GetArrayItem(prims, 0);
    const cJSON *mode = cJSON_GetObjectItemCaseSensitive(prim, "mode");
    if (mode && (!cJSON_IsNumber(mode) || mode->valuedouble != 4)) {
        return fail(err, err_cap, f->file, "%s: only triangle lists (mode 4) are supported", id);
    }
    const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(prim, "attributes");
    const cJSON *ipos = cJSON_GetObjectItemCaseSensitive(attrs, "POSITION");
    const cJSON *inrm = cJSON_GetObjectItemCaseSensitive(attrs, "NORMAL");
    const cJSON *iidx = cJSON_GetObjectItemCaseSensitive(prim, "indices");
    if (!cJSON_IsNumber(ipos) || !cJSON_IsNumber(inrm) || !cJSON_IsNumber(iidx)) {
        return fail(err, err_cap, f->file, "%s: POSITION, NORMAL and indices are required", id);
    }
    char sub[256];
    uint32_t n_pos, n_nrm;
    if (!glb_read_floats(f, ipos->valueint, 3, &m->pos, &n_pos, sub, sizeof sub) ||
        !glb_read_floats(f, inrm->valueint, 3, &m->nrm, &n_nrm, sub, sizeof sub) ||
        !glb_read_indices(f, iidx->valueint, &m->idx, &m->icount, sub, sizeof sub)) {
        snprintf(err, err_cap, "%s (mesh of %s)", sub, id);
        return false;
    }
    m->vcount = n_pos;
    if (n_nrm != n_pos) {
        return fail(err, err_cap, f->file, "%s: %u normals for %u positions", id, n_nrm, n_pos);
    }
    if (m->icount % 3 != 0) {
        return fail(err, err_cap, f->file, "%s: index count %u is not a multiple of 3", id,
                    m->icount);
    }
    for (uint32_t i = 0; i < m->icount; i++) {
        if (m->idx[i] >= m->vcount) {
            return fail(err, err_cap, f->file, "%s: index %u at %u is out of range (%u vertices)",
                        id, m->idx[i], i, m->vcount);
        }
    }
    const cJSON *a = NULL;
    cJSON_ArrayForEach(a, attrs) {
        if (!a->string || a->string[0] != '_') {
            continue;
        }
        if (m->attr_count == BODY_MAX_ATTRS || strlen(a->string) >= sizeof m->attr_names[0] ||
            !cJSON_IsNumber(a)) {
            return fail(err, err_cap, f->file, "%s: too many or bad custom attributes", id);
        }
        uint32_t n;
        float *data = NULL;
        if (!glb_read_floats(f, a->valueint, 1, &data, &n, sub, sizeof sub)) {
            snprintf(err, err_cap, "%s (attribute %s of %s)", sub, a->string, id);
            return false;
        }
        if (n != m->vcount) {
            free(data);
            return fail(err, err_cap, f->file, "%s: attribute %s has %u values for %u vertices", id,
                        a->string, n, m->vcount);
        }
        memcpy(m->attr_names[m->attr_count], a->string, strlen(a->string) + 1);
        m->attrs[m->attr_count++] = data;
    }
    for (int c = 0; c < 3; c++) {
        m->bmin[c] = m->bmax[c] = m->pos[c];
    }
    for (uint32_t v = 1; v < m->vcount; v++) {
        for (int c = 0; c < 3; c++) {
            float x = m->pos[3 * v + (uint32_t)c];
            m->bmin[c] = x < m->bmin[c] ? x : m->bmin[c];
            m->bmax[c] = x > m->bmax[c] ? x : m->bmax[c];
        }
    }
    return true;
}

/* Loads the nodes of one scene into the given LOD slot; the full scene creates structures.
 * Without with_meshes only the structures are made and each one's mesh index is noted in
 * mesh_of[] (read later only where another level needs it). */
static bool load_scene(const GlbFile *f, const cJSON *scene, int lod, bool with_meshes,
                       int **mesh_of, Body *out, char *err, size_t err_cap) {
    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(f->json, "nodes");
    const cJSON *meshes = cJSON_GetObjectItemCaseSensitive(f->json, "meshes");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(scene, "nodes");
    if (!cJSON_IsArray(list) || !cJSON_IsArray(nodes) || !cJSON_IsArray(meshes)) {
        return fail(err, err_cap, f->file, "scene %d: missing nodes or meshes", lod);
    }
    int n = cJSON_GetArraySize(list);
    if (n < 1 || n > BODY_MAX_STRUCTURES) {
        return fail(err, err_cap, f->file, "scene %d: %d nodes (expected 1..%d)", lod, n,
                    BODY_MAX_STRUCTURES);
    }
    if (lod == BODY_LOD_FULL) {
        out->items = calloc((size_t)n, sizeof *out->items);
        if (!out->items) {
            return fail(err, err_cap, f->file, "out of memory");
        }
        out->count = n;
        *mesh_of = malloc((size_t)n * sizeof **mesh_of);
        if (!*mesh_of) {
            return fail(err, err_cap, f->file, "out of memory");
        }
    }
    for (int i = 0; i < n; i++) {
        const cJSON *ni = cJSON_GetArrayItem(list, i);
        if (!cJSON_IsNumber(ni) || ni->valuedouble < 0 ||
            ni->valuedouble >= cJSON_GetArraySize(nodes)) {
            return fail(err, err_cap, f->file, "scene %d: node reference %d is out of range", lod,
                        i);
        }
        const cJSON *node = cJSON_GetArrayItem(nodes, ni->valueint);
        char id[BODY_ID_MAX];
        if (!copy_str(node, "name", id, sizeof id, true) || id[0] == '\0') {
            return fail(err, err_cap, f->file, "node %d: missing or bad name", ni->valueint);
        }
        BodyStructure *s = NULL;
        if (lod == BODY_LOD_FULL) {
            s = &out->items[i];
            if (body_find(out, id) >= 0) {
                return fail(err, err_cap, f->file, "node %d: duplicate structure id \"%s\"",
                            ni->valueint, id);
            }
            memcpy(s->id, id, sizeof id);
            const cJSON *ex = cJSON_GetObjectItemCaseSensitive(node, "extras");
            if (!cJSON_IsObject(ex) || !copy_str(ex, "kind", s->kind, sizeof s->kind, true) ||
                !copy_str(ex, "side", s->side, sizeof s->side, true) ||
                !copy_str(ex, "layer", s->layer, sizeof s->layer, true) ||
                !copy_str(ex, "name", s->name, sizeof s->name, true) ||
                !copy_str(ex, "fma_id", s->fma_id, sizeof s->fma_id, false)) {
                return fail(err, err_cap, f->file,
                            "%s: extras need string kind, side, layer and name", id);
            }
        } else {
            int k = body_find(out, id);
            if (k < 0) {
                return fail(err, err_cap, f->file, "scene %d: \"%s\" is not in the full scene", lod,
                            id);
            }
            s = &out->items[k];
            if (s->lod[lod].pos) {
                return fail(err, err_cap, f->file, "scene %d: \"%s\" appears twice", lod, id);
            }
        }
        const cJSON *mi = cJSON_GetObjectItemCaseSensitive(node, "mesh");
        if (!cJSON_IsNumber(mi) || mi->valuedouble < 0 ||
            mi->valuedouble >= cJSON_GetArraySize(meshes)) {
            return fail(err, err_cap, f->file, "%s: missing or out-of-range mesh", id);
        }
        if (lod == BODY_LOD_FULL) {
            (*mesh_of)[i] = mi->valueint;
        }
        if (with_meshes && !load_mesh(f, cJSON_GetArrayItem(meshes, mi->valueint), id, &s->lod[lod],
                                      err, err_cap)) {
            return false;
        }
    }
    return true;
}

static bool copy_mesh(const BodyMesh *src, BodyMesh *dst) {
    *dst = *src;
    dst->pos = malloc((size_t)src->vcount * 3 * sizeof(float));
    dst->nrm = malloc((size_t)src->vcount * 3 * sizeof(float));
    dst->idx = malloc((size_t)src->icount * sizeof(uint32_t));
    for (int a = 0; a < src->attr_count; a++) {
        dst->attrs[a] = malloc((size_t)src->vcount * sizeof(float));
    }
    bool ok = dst->pos && dst->nrm && dst->idx;
    for (int a = 0; a < src->attr_count; a++) {
        ok = ok && dst->attrs[a];
    }
    if (!ok) {
        return false;
    }
    memcpy(dst->pos, src->pos, (size_t)src->vcount * 3 * sizeof(float));
    memcpy(dst->nrm, src->nrm, (size_t)src->vcount * 3 * sizeof(float));
    memcpy(dst->idx, src->idx, (size_t)src->icount * sizeof(uint32_t));
    for (int a = 0; a < src->attr_count; a++) {
        memcpy(dst->attrs[a], src->attrs[a], (size_t)src->vcount * sizeof(float));
    }
    return true;
}

bool body_load_glb(const void *data, size_t len, const char *file_name, Body *out, char *err,
                   size_t err_cap) {
    return body_load_glb_lods(data, len, file_name, BODY_LOD_ALL, out, err, err_cap);
}

bool body_load_glb_lods(const void *data, size_t len, const char *file_name, unsigned lod_mask,
                        Body *out, char *err, size_t err_cap) {
    const char *file = file_name ? file_name : "<memory>";
    if (!out) {
        return fail(err, err_cap, file, "no output");
    }
    memset(out, 0, sizeof *out);
    GlbFile f;
    if (!glb_open(data, len, file, &f, err, err_cap)) {
        return false;
    }
    bool ok = false;
    int *mesh_of = NULL; /* the full level's mesh index per structure */
    const cJSON *scenes = cJSON_GetObjectItemCaseSensitive(f.json, "scenes");
    int ns = cJSON_IsArray(scenes) ? cJSON_GetArraySize(scenes) : 0;
    if (ns < 1) {
        fail(err, err_cap, file, "no scenes");
        goto done;
    }
    bool want_full = (lod_mask & BODY_LOD_BIT(BODY_LOD_FULL)) != 0;
    bool want_tablet = (lod_mask & BODY_LOD_BIT(BODY_LOD_TABLET)) != 0;
    if (!load_scene(&f, cJSON_GetArrayItem(scenes, 0), BODY_LOD_FULL, want_full, &mesh_of, out, err,
                    err_cap)) {
        goto done;
    }
    if (ns >= 2 && want_tablet) {
        if (!load_scene(&f, cJSON_GetArrayItem(scenes, 1), BODY_LOD_TABLET, true, &mesh_of, out,
                        err, err_cap)) {
            goto done;
        }
    }
    for (int i = 0; i < out->count && want_tablet; i++) {
        BodyStructure *st = &out->items[i];
        if (st->lod[BODY_LOD_TABLET].pos) {
            continue;
        }
        /* no tablet level for this structure: a copy of the full one (nothing is shared, so
         * each level frees its own arrays), read from the file when the full level is not */
        if (want_full) {
            if (!copy_mesh(&st->lod[BODY_LOD_FULL], &st->lod[BODY_LOD_TABLET])) {
                fail(err, err_cap, file, "out of memory");
                goto done;
            }
        } else {
            const cJSON *meshes = cJSON_GetObjectItemCaseSensitive(f.json, "meshes");
            if (!load_mesh(&f, cJSON_GetArrayItem(meshes, mesh_of[i]), st->id,
                           &st->lod[BODY_LOD_TABLET], err, err_cap)) {
                goto done;
            }
        }
    }
    ok = true;
done:
    free(mesh_of);
    glb_close(&f);
    if (!ok) {
        body_free(out);
    }
    return ok;
}

bool body_load_file(const char *path, Body *out, char *err, size_t err_cap) {
    return body_load_file_lods(path, BODY_LOD_ALL, out, err, err_cap);
}

bool body_load_file_lods(const char *path, unsigned lod_mask, Body *out, char *err,
                         size_t err_cap) {
#if defined(__unix__)
    /* Mapped, not read: only the pages of the levels asked for are ever touched, so the
     * level left out costs neither time nor memory. */
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        st.st_size <= BODY_MAX_FILE_BYTES) {
        size_t len = (size_t)st.st_size;
        void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (map != MAP_FAILED) {
            bool ok = body_load_glb_lods(map, len, path, lod_mask, out, err, err_cap);
            munmap(map, len);
            return ok;
        }
    } else if (fd >= 0) {
        close(fd);
    }
#endif
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, err_cap)) {
        if (out) {
            memset(out, 0, sizeof *out);
        }
        return false;
    }
    bool ok = body_load_glb_lods(data, len, path, lod_mask, out, err, err_cap);
    free(data);
    return ok;
}

void body_free(Body *body) {
    if (!body) {
        return;
    }
    for (int i = 0; i < body->count; i++) {
        for (int l = 0; l < BODY_LOD_COUNT; l++) {
            mesh_free(&body->items[i].lod[l]);
        }
    }
    free(body->items);
    body->items = NULL;
    body->count = 0;
}

int body_find(const Body *body, const char *id) {
    if (!body || !id) {
        return -1;
    }
    for (int i = 0; i < body->count; i++) {
        if (strcmp(body->items[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

const float *body_mesh_attr(const BodyMesh *mesh, const char *name) {
    if (!mesh || !name) {
        return NULL;
    }
    for (int i = 0; i < mesh->attr_count; i++) {
        if (strcmp(mesh->attr_names[i], name) == 0) {
            return mesh->attrs[i];
        }
    }
    return NULL;
}
