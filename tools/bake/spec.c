/* spec: structure shape files -> Shapes (see spec.h). */
#include "spec.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *file;
    const LandmarkSet *lms;
    char *err;
    size_t cap;
    bool failed;
} Ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
fail(Ctx *c, const char *path, const char *fmt, ...) {
    if (c->failed) {
        return;
    }
    c->failed = true;
    int n = snprintf(c->err, c->cap, "%s:%s: ", c->file, path);
    if (n < 0 || (size_t)n >= c->cap) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->cap - (size_t)n, fmt, ap);
    va_end(ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
/* JSON paths may be cut when very deep; that only shortens an error message. */
static void
pathf(char *out, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, cap, fmt, ap);
    va_end(ap);
}

static bool get_vec3(Ctx *c, const cJSON *j, const char *path, float out[3]) {
    if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) != 3) {
        fail(c, path, "expected [x, y, z]");
        return false;
    }
    for (int i = 0; i < 3; i++) {
        const cJSON *v = cJSON_GetArrayItem(j, i);
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || fabs(v->valuedouble) > 3000) {
            fail(c, path, "element %d is not a number within +-3000", i);
            return false;
        }
        out[i] = (float)v->valuedouble;
    }
    return true;
}

static bool get_num(Ctx *c, const cJSON *obj, const char *key, const char *path, float lo, float hi,
                    float def, bool required, float *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) {
            fail(c, path, "missing \"%s\"", key);
            return false;
        }
        *out = def;
        return true;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < lo ||
        v->valuedouble > hi) {
        fail(c, path, "\"%s\" must be a number in [%g, %g]", key, (double)lo, (double)hi);
        return false;
    }
    *out = (float)v->valuedouble;
    return true;
}

static const Landmark *find_lm(Ctx *c, const char *name) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s_r", name);
    const Landmark *lm = landmarks_find(c->lms, buf);
    if (!lm) {
        lm = landmarks_find(c->lms, name);
    }
    return lm;
}

/* A point: "landmark", [x,y,z], {"lm": id, "off": [..]} or {"lerp": [a, b, t], "off": [..]}. */
static bool get_point(Ctx *c, const cJSON *j, const char *path, float out[3]) {
    if (cJSON_IsString(j)) {
        const Landmark *lm = find_lm(c, j->valuestring);
        if (!lm) {
            fail(c, path, "unknown landmark \"%s\"", j->valuestring);
            return false;
        }
        memcpy(out, lm->pos_mm, 3 * sizeof(float));
        return true;
    }
    if (cJSON_IsArray(j)) {
        return get_vec3(c, j, path, out);
    }
    if (!cJSON_IsObject(j)) {
        fail(c, path, "expected a landmark id, [x, y, z] or {\"lm\": id, \"off\": [..]}");
        return false;
    }
    const cJSON *lmj = cJSON_GetObjectItemCaseSensitive(j, "lm");
    const cJSON *lerp = cJSON_GetObjectItemCaseSensitive(j, "lerp");
    if (cJSON_IsString(lmj)) {
        const Landmark *lm = find_lm(c, lmj->valuestring);
        if (!lm) {
            fail(c, path, "unknown landmark \"%s\"", lmj->valuestring);
            return false;
        }
        memcpy(out, lm->pos_mm, 3 * sizeof(float));
    } else if (cJSON_IsArray(lerp) && cJSON_GetArraySize(lerp) == 3) {
        float a[3], b[3];
        char sub[256];
        pathf(sub, sizeof sub, "%s.lerp[0]", path);
        if (!get_point(c, cJSON_GetArrayItem(lerp, 0), sub, a)) {
            return false;
        }
        pathf(sub, sizeof sub, "%s.lerp[1]", path);
        if (!get_point(c, cJSON_GetArrayItem(lerp, 1), sub, b)) {
            return false;
        }
        const cJSON *t = cJSON_GetArrayItem(lerp, 2);
        if (!cJSON_IsNumber(t)) {
            fail(c, path, "lerp[2] must be a number");
            return false;
        }
        float tt = (float)t->valuedouble;
        for (int i = 0; i < 3; i++) {
            out[i] = a[i] + (b[i] - a[i]) * tt;
        }
    } else {
        fail(c, path, "expected \"lm\" or \"lerp\"");
        return false;
    }
    const cJSON *off = cJSON_GetObjectItemCaseSensitive(j, "off");
    if (off) {
        float o[3];
        char sub[256];
        pathf(sub, sizeof sub, "%s.off", path);
        if (!get_vec3(c, off, sub, o)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            out[i] += o[i];
        }
    }
    return true;
}

static bool get_point_key(Ctx *c, const cJSON *obj, const char *key, const char *path,
                          float out[3]) {
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    char sub[256];
    pathf(sub, sizeof sub, "%s.%s", path, key);
    if (!j) {
        fail(c, path, "missing \"%s\"", key);
        return false;
    }
    return get_point(c, j, sub, out);
}

/* Direction: "x": [dx,dy,dz] or "x_to": point (direction from origin point o). */
static bool get_dir(Ctx *c, const cJSON *obj, const char *key, const char *path, const float o[3],
                    float out[3], bool *present) {
    char key_to[32];
    snprintf(key_to, sizeof key_to, "%s_to", key);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    const cJSON *vt = cJSON_GetObjectItemCaseSensitive(obj, key_to);
    char sub[256];
    *present = false;
    if (v) {
        pathf(sub, sizeof sub, "%s.%s", path, key);
        if (!get_vec3(c, v, sub, out)) {
            return false;
        }
        *present = true;
    } else if (vt) {
        pathf(sub, sizeof sub, "%s.%s", path, key_to);
        float p[3];
        if (!get_point(c, vt, sub, p)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            out[i] = p[i] - o[i];
        }
        *present = true;
    }
    return true;
}

static bool get_points(Ctx *c, const cJSON *arr, const char *path, float **out, int *n) {
    *out = NULL;
    *n = 0;
    if (!cJSON_IsArray(arr)) {
        fail(c, path, "expected an array of points");
        return false;
    }
    int m = cJSON_GetArraySize(arr);
    if (m == 0) {
        return true;
    }
    float *p = malloc((size_t)m * 3 * sizeof(float));
    if (!p) {
        fail(c, path, "out of memory");
        return false;
    }
    for (int i = 0; i < m; i++) {
        char sub[256];
        pathf(sub, sizeof sub, "%s[%d]", path, i);
        if (!get_point(c, cJSON_GetArrayItem(arr, i), sub, p + 3 * i)) {
            free(p);
            return false;
        }
    }
    *out = p;
    *n = m;
    return true;
}

/* Radii / thickness: a scalar for all, or one number per point. */
static bool get_per_point(Ctx *c, const cJSON *j, const char *path, int n, float *out) {
    if (cJSON_IsNumber(j) && j->valuedouble > 0 && j->valuedouble < 500) {
        for (int i = 0; i < n; i++) {
            out[i] = (float)j->valuedouble;
        }
        return true;
    }
    if (!cJSON_IsArray(j) || cJSON_GetArraySize(j) != n) {
        fail(c, path, "expected a positive number or an array of %d numbers", n);
        return false;
    }
    for (int i = 0; i < n; i++) {
        const cJSON *v = cJSON_GetArrayItem(j, i);
        if (!cJSON_IsNumber(v) || !(v->valuedouble > 0) || v->valuedouble > 500) {
            fail(c, path, "element %d must be a positive number under 500", i);
            return false;
        }
        out[i] = (float)v->valuedouble;
    }
    return true;
}

static bool parse_parts(Ctx *c, const cJSON *arr, const char *path, Prim **out, int *count);

static bool parse_part(Ctx *c, const cJSON *part, const char *path, Prim *pr) {
    memset(pr, 0, sizeof *pr);
    if (!cJSON_IsObject(part)) {
        fail(c, path, "expected an object");
        return false;
    }
    OpKind op = OP_ADD;
    const cJSON *opj = cJSON_GetObjectItemCaseSensitive(part, "op");
    if (opj) {
        if (!cJSON_IsString(opj)) {
            fail(c, path, "\"op\" must be \"add\", \"sub\" or \"int\"");
            return false;
        }
        if (strcmp(opj->valuestring, "add") == 0) {
            op = OP_ADD;
        } else if (strcmp(opj->valuestring, "sub") == 0) {
            op = OP_SUB;
        } else if (strcmp(opj->valuestring, "int") == 0) {
            op = OP_INT;
        } else {
            fail(c, path, "\"op\" must be \"add\", \"sub\" or \"int\"");
            return false;
        }
    }
    float k = 0;
    if (!get_num(c, part, "k", path, 0, SDF_MAX_BLEND_MM, 0, false, &k)) {
        return false;
    }
    static const char *const kinds[] = {"sphere", "ellipsoid", "capsule",   "cylinder", "box",
                                        "tube",   "plate",     "halfspace", "group"};
    const cJSON *body = NULL;
    int kind = -1;
    for (int i = 0; i < (int)(sizeof kinds / sizeof kinds[0]); i++) {
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(part, kinds[i]);
        if (b) {
            if (kind >= 0) {
                fail(c, path, "more than one primitive (\"%s\" and \"%s\")", kinds[kind], kinds[i]);
                return false;
            }
            kind = i;
            body = b;
        }
    }
    if (kind < 0) {
        fail(c, path,
             "no primitive (sphere, ellipsoid, capsule, cylinder, box, tube, plate, "
             "halfspace or group)");
        return false;
    }
    char sub[256];
    pathf(sub, sizeof sub, "%s.%s", path, kinds[kind]);
    bool ok = false;
    float a[3], b[3], v[3], w[3];
    bool has_v = false, has_w = false;
    switch (kind) {
        case 0: {
            float r;
            ok = get_point_key(c, body, "c", sub, a) &&
                 get_num(c, body, "r", sub, 0.1f, 500, 0, true, &r);
            if (ok) {
                prim_sphere(pr, a, r);
            }
            break;
        }
        case 1: {
            ok = get_point_key(c, body, "c", sub, a);
            const cJSON *rj = cJSON_GetObjectItemCaseSensitive(body, "r");
            char rs[300];
            pathf(rs, sizeof rs, "%s.r", sub);
            ok = ok && get_per_point(c, rj, rs, 3, b);
            ok = ok && get_dir(c, body, "x", sub, a, v, &has_v) &&
                 get_dir(c, body, "y", sub, a, w, &has_w);
            if (ok) {
                prim_ellipsoid(pr, a, b, has_v ? v : NULL, has_w ? w : NULL);
            }
            break;
        }
        case 2: {
            float ra, rb;
            ok = get_point_key(c, body, "a", sub, a) && get_point_key(c, body, "b", sub, b);
            const cJSON *r = cJSON_GetObjectItemCaseSensitive(body, "r");
            if (ok && r) {
                ok = get_num(c, body, "r", sub, 0.1f, 500, 0, true, &ra);
                rb = ra;
            } else if (ok) {
                ok = get_num(c, body, "ra", sub, 0.1f, 500, 0, true, &ra) &&
                     get_num(c, body, "rb", sub, 0.1f, 500, 0, true, &rb);
            }
            if (ok) {
                prim_capsule(pr, a, b, ra, rb);
            }
            break;
        }
        case 3: {
            float r, rr;
            ok = get_point_key(c, body, "a", sub, a) && get_point_key(c, body, "b", sub, b) &&
                 get_num(c, body, "r", sub, 0.1f, 500, 0, true, &r) &&
                 get_num(c, body, "round", sub, 0, 500, 0, false, &rr);
            if (ok) {
                prim_cylinder(pr, a, b, r, rr);
            }
            break;
        }
        case 4: {
            float rr, half[3];
            ok = get_point_key(c, body, "c", sub, a);
            const cJSON *hj = cJSON_GetObjectItemCaseSensitive(body, "half");
            char hs[300];
            pathf(hs, sizeof hs, "%s.half", sub);
            ok = ok && get_per_point(c, hj, hs, 3, half) &&
                 get_num(c, body, "round", sub, 0, 500, 0, false, &rr) &&
                 get_dir(c, body, "x", sub, a, v, &has_v) &&
                 get_dir(c, body, "y", sub, a, w, &has_w);
            if (ok) {
                prim_box(pr, a, half, has_v ? v : NULL, has_w ? w : NULL, rr);
            }
            break;
        }
        case 5: {
            float *pts = NULL;
            int n = 0;
            char ps[300];
            pathf(ps, sizeof ps, "%s.pts", sub);
            ok = get_points(c, cJSON_GetObjectItemCaseSensitive(body, "pts"), ps, &pts, &n);
            if (ok && n < 2) {
                fail(c, ps, "a tube needs at least 2 points");
                ok = false;
            }
            float *r = ok ? malloc((size_t)n * sizeof(float)) : NULL;
            pathf(ps, sizeof ps, "%s.r", sub);
            ok = ok && r && get_per_point(c, cJSON_GetObjectItemCaseSensitive(body, "r"), ps, n, r);
            float samples = 8;
            ok = ok && get_num(c, body, "samples", sub, 1, 64, 8, false, &samples);
            if (ok && !prim_tube(pr, pts, r, n, (int)samples)) {
                fail(c, sub, "could not build the tube");
                ok = false;
            }
            free(pts);
            free(r);
            break;
        }
        case 6: {
            float *outl = NULL, *inner = NULL;
            int no = 0, ni = 0;
            char ps[300];
            pathf(ps, sizeof ps, "%s.outline", sub);
            ok = get_points(c, cJSON_GetObjectItemCaseSensitive(body, "outline"), ps, &outl, &no);
            if (ok && no < 3) {
                fail(c, ps, "an outline needs at least 3 points");
                ok = false;
            }
            const cJSON *inj = cJSON_GetObjectItemCaseSensitive(body, "inner");
            pathf(ps, sizeof ps, "%s.inner", sub);
            if (ok && inj) {
                ok = get_points(c, inj, ps, &inner, &ni);
            }
            float *t = ok ? malloc((size_t)(no + ni) * sizeof(float)) : NULL;
            pathf(ps, sizeof ps, "%s.t", sub);
            ok = ok && t &&
                 get_per_point(c, cJSON_GetObjectItemCaseSensitive(body, "t"), ps, no + ni, t);
            float degree = 2, samples = 4;
            ok = ok && get_num(c, body, "degree", sub, 1, 3, 2, false, &degree) &&
                 get_num(c, body, "samples", sub, 1, 16, 4, false, &samples);
            if (ok && !prim_plate(pr, outl, no, inner, ni, t, (int)degree, (int)samples)) {
                fail(c, sub, "could not fit the plate (points collinear?)");
                ok = false;
            }
            free(outl);
            free(inner);
            free(t);
            break;
        }
        case 7: {
            ok = get_point_key(c, body, "p", sub, a) && get_dir(c, body, "n", sub, a, v, &has_v);
            if (ok && !has_v) {
                fail(c, sub, "missing \"n\" or \"n_to\"");
                ok = false;
            }
            if (ok) {
                prim_halfspace(pr, a, v);
            }
            break;
        }
        case 8: {
            Prim *children = NULL;
            int cc = 0;
            ok = parse_parts(c, body, sub, &children, &cc);
            if (ok) {
                pr->kind = PRIM_GROUP;
                pr->children = children;
                pr->child_count = cc;
                Shape tmp = {children, cc, false, 0, {0, 0, 0}, {0, 0, 0}};
                shape_update_bounds(&tmp);
                memcpy(pr->bmin, tmp.bmin, sizeof pr->bmin);
                memcpy(pr->bmax, tmp.bmax, sizeof pr->bmax);
            }
            break;
        }
        default:
            break;
    }
    if (!ok) {
        prim_free(pr);
        return false;
    }
    pr->op = op;
    pr->k = k;
    return true;
}

static bool parse_parts(Ctx *c, const cJSON *arr, const char *path, Prim **out, int *count) {
    *out = NULL;
    *count = 0;
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
        fail(c, path, "expected a non-empty array of parts");
        return false;
    }
    int n = cJSON_GetArraySize(arr);
    Prim *prims = calloc((size_t)n, sizeof *prims);
    if (!prims) {
        fail(c, path, "out of memory");
        return false;
    }
    for (int i = 0; i < n; i++) {
        char sub[256];
        pathf(sub, sizeof sub, "%s[%d]", path, i);
        if (!parse_part(c, cJSON_GetArrayItem(arr, i), sub, &prims[i])) {
            for (int k = 0; k < i; k++) {
                prim_free(&prims[k]);
            }
            free(prims);
            return false;
        }
    }
    *out = prims;
    *count = n;
    return true;
}

static bool get_str(Ctx *c, const cJSON *obj, const char *key, const char *path, char *out,
                    size_t cap, bool required) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) {
            fail(c, path, "missing \"%s\"", key);
            return false;
        }
        out[0] = '\0';
        return true;
    }
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= cap) {
        fail(c, path, "\"%s\" must be a string shorter than %zu", key, cap);
        return false;
    }
    snprintf(out, cap, "%s", v->valuestring);
    return true;
}

static bool one_of(const char *s, const char *const *list, int n) {
    for (int i = 0; i < n; i++) {
        if (strcmp(s, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool parse_structure(Ctx *c, const cJSON *j, const char *path, StructSpec *s) {
    memset(s, 0, sizeof *s);
    if (!cJSON_IsObject(j)) {
        fail(c, path, "expected an object");
        return false;
    }
    static const char *const kinds[] = {"bone", "muscle", "nerve", "ligament", "skin"};
    static const char *const layers[] = {"skin",  "superficial_muscles", "deep_muscles",
                                         "bones", "ligaments",           "nerves"};
    if (!get_str(c, j, "id", path, s->id, sizeof s->id - 2, true) ||
        !get_str(c, j, "kind", path, s->kind, sizeof s->kind, true) ||
        !get_str(c, j, "layer", path, s->layer, sizeof s->layer, true) ||
        !get_str(c, j, "name", path, s->name, sizeof s->name, true) ||
        !get_str(c, j, "fma_id", path, s->fma_id, sizeof s->fma_id, false)) {
        return false;
    }
    if (!one_of(s->kind, kinds, 5)) {
        fail(c, path, "unknown kind \"%s\"", s->kind);
        return false;
    }
    if (!one_of(s->layer, layers, 6)) {
        fail(c, path, "unknown layer \"%s\"", s->layer);
        return false;
    }
    const cJSON *paired = cJSON_GetObjectItemCaseSensitive(j, "paired");
    const cJSON *sym = cJSON_GetObjectItemCaseSensitive(j, "symmetric");
    s->paired = cJSON_IsTrue(paired);
    s->shape.symmetric = cJSON_IsTrue(sym);
    float def_voxel = strcmp(s->kind, "skin") == 0 ? 2.5f : 1.2f;
    float def_full = strcmp(s->kind, "skin") == 0 ? 0.2f : 0.08f;
    float def_tab = strcmp(s->kind, "skin") == 0 ? 0.05f : 0.01f;
    if (!get_num(c, j, "voxel_mm", path, 0.3f, 10, def_voxel, false, &s->voxel_mm) ||
        !get_num(c, j, "cull", path, 1, 10, 1.5f, false, &s->cull) ||
        !get_num(c, j, "sym_k", path, 0, SDF_MAX_BLEND_MM, 0, false, &s->shape.sym_k) ||
        !get_num(c, j, "lod_full", path, 0.001f, 1, def_full, false, &s->lod_full) ||
        !get_num(c, j, "lod_tablet", path, 0.001f, 1, def_tab, false, &s->lod_tablet) ||
        !get_num(c, j, "err_full_mm", path, 0, 20, 0.15f, false, &s->err_full_mm) ||
        !get_num(c, j, "err_tablet_mm", path, 0, 20, 0.5f, false, &s->err_tablet_mm)) {
        return false;
    }
    char sub[256];
    pathf(sub, sizeof sub, "%s.parts", path);
    if (!parse_parts(c, cJSON_GetObjectItemCaseSensitive(j, "parts"), sub, &s->shape.prims,
                     &s->shape.count)) {
        return false;
    }
    shape_update_bounds(&s->shape);
    return true;
}

bool spec_parse(const char *json, size_t len, const char *file_name, const LandmarkSet *lms,
                SpecSet *out, char ***include_names, int *include_count, char *err,
                size_t err_cap) {
    Ctx c = {file_name ? file_name : "<memory>", lms, err, err_cap, false};
    if (include_names) {
        *include_names = NULL;
        *include_count = 0;
    }
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        fail(&c, "$", "not valid JSON");
        return false;
    }
    bool ok = false;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(schema) || schema->valuedouble != 1.0) {
        fail(&c, "$.schema", "expected 1");
        goto done;
    }
    const cJSON *inc = cJSON_GetObjectItemCaseSensitive(root, "include");
    if (inc && include_names) {
        if (!cJSON_IsArray(inc)) {
            fail(&c, "$.include", "expected an array of file names");
            goto done;
        }
        int n = cJSON_GetArraySize(inc);
        char **names = calloc((size_t)(n > 0 ? n : 1), sizeof *names);
        if (!names) {
            fail(&c, "$.include", "out of memory");
            goto done;
        }
        for (int i = 0; i < n; i++) {
            const cJSON *v = cJSON_GetArrayItem(inc, i);
            if (!cJSON_IsString(v) || strchr(v->valuestring, '/') || strstr(v->valuestring, "..")) {
                fail(&c, "$.include", "element %d must be a plain file name", i);
                for (int k = 0; k < i; k++) {
                    free(names[k]);
                }
                free(names);
                goto done;
            }
            names[i] = malloc(strlen(v->valuestring) + 1);
            if (names[i]) {
                strcpy(names[i], v->valuestring);
            }
        }
        *include_names = names;
        *include_count = n;
    }
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "structures");
    if (!list) {
        ok = true;
        goto done;
    }
    if (!cJSON_IsArray(list)) {
        fail(&c, "$.structures", "expected an array");
        goto done;
    }
    int n = cJSON_GetArraySize(list);
    StructSpec *grown = realloc(out->items, (size_t)(out->count + n) * sizeof *grown);
    if (!grown && n > 0) {
        fail(&c, "$.structures", "out of memory");
        goto done;
    }
    out->items = grown;
    for (int i = 0; i < n; i++) {
        char path[64];
        pathf(path, sizeof path, "$.structures[%d]", i);
        StructSpec s;
        if (!parse_structure(&c, cJSON_GetArrayItem(list, i), path, &s)) {
            goto done;
        }
        for (int k = 0; k < out->count; k++) {
            if (strcmp(out->items[k].id, s.id) == 0) {
                fail(&c, path, "duplicate structure \"%s\"", s.id);
                shape_free(&s.shape);
                goto done;
            }
        }
        out->items[out->count++] = s;
    }
    ok = true;
done:
    cJSON_Delete(root);
    return ok;
}

void spec_free(SpecSet *set) {
    if (!set) {
        return;
    }
    for (int i = 0; i < set->count; i++) {
        shape_free(&set->items[i].shape);
    }
    free(set->items);
    set->items = NULL;
    set->count = 0;
}
