#include "study/nerve_exit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/fileio.h"
#include "core/strutil.h"

enum { POLY_MAX = 64 };

typedef struct {
    float p[POLY_MAX][3];
    int n;
} Poly;

/* A tube point: a landmark id (paired ones as <id>_r), {"lm": id, "off": [x,y,z]}, or
 * [x,y,z] in millimetres. */
static bool point_of(const cJSON *j, const LandmarkSet *lms, float out[3]) {
    const cJSON *off = NULL;
    const char *lm = NULL;
    if (cJSON_IsString(j)) {
        lm = j->valuestring;
    } else if (cJSON_IsObject(j)) {
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(j, "lm");
        lm = cJSON_IsString(l) ? l->valuestring : NULL;
        off = cJSON_GetObjectItemCaseSensitive(j, "off");
        if (!lm) {
            return false;
        }
    } else if (cJSON_IsArray(j) && cJSON_GetArraySize(j) == 3) {
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetArrayItem(j, k);
            if (!cJSON_IsNumber(v)) {
                return false;
            }
            out[k] = (float)v->valuedouble;
        }
        return true;
    } else {
        return false;
    }
    char id[LANDMARK_ID_MAX + 4];
    snprintf(id, sizeof id, "%s_r", lm);
    const Landmark *l = landmarks_find(lms, id);
    if (!l) {
        l = landmarks_find(lms, lm);
    }
    if (!l) {
        return false;
    }
    memcpy(out, l->pos_mm, sizeof l->pos_mm);
    if (cJSON_IsArray(off) && cJSON_GetArraySize(off) == 3) {
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetArrayItem(off, k);
            out[k] += cJSON_IsNumber(v) ? (float)v->valuedouble : 0.0f;
        }
    }
    return true;
}

/* The first part's tube of a structure: its main trunk or belly. */
static bool trunk_of(const cJSON *structure, const LandmarkSet *lms, Poly *out, char *where,
                     size_t where_cap) {
    const cJSON *parts = cJSON_GetObjectItemCaseSensitive(structure, "parts");
    const cJSON *tube = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(parts, 0), "tube");
    const cJSON *pts = cJSON_GetObjectItemCaseSensitive(tube, "pts");
    if (!cJSON_IsArray(pts) || cJSON_GetArraySize(pts) < 2) {
        snprintf(where, where_cap, "parts[0].tube.pts: expected two or more points");
        return false;
    }
    out->n = 0;
    int i = 0;
    for (const cJSON *p = pts->child; p; p = p->next, i++) {
        if (out->n == POLY_MAX) {
            snprintf(where, where_cap, "parts[0].tube.pts: more than %d points", POLY_MAX);
            return false;
        }
        if (!point_of(p, lms, out->p[out->n])) {
            snprintf(where, where_cap, "parts[0].tube.pts[%d]: not a known landmark or point", i);
            return false;
        }
        out->n++;
    }
    return true;
}

static float seg_dist(const float p[3], const float a[3], const float b[3]) {
    float d[3], v[3], dd = 0, dv = 0;
    for (int k = 0; k < 3; k++) {
        d[k] = b[k] - a[k];
        v[k] = p[k] - a[k];
        dd += d[k] * d[k];
        dv += d[k] * v[k];
    }
    float t = dd > 0 ? fmaxf(0.0f, fminf(1.0f, dv / dd)) : 0.0f;
    float s = 0;
    for (int k = 0; k < 3; k++) {
        float e = v[k] - t * d[k];
        s += e * e;
    }
    return sqrtf(s);
}

/* The muscle's centre-line height at x (its course runs from the sacrum out to the femur). */
static float height_at_x(const Poly *m, float x) {
    for (int i = 0; i + 1 < m->n; i++) {
        const float *a = m->p[i], *b = m->p[i + 1];
        if (x >= fminf(a[0], b[0]) && x <= fmaxf(a[0], b[0]) && a[0] != b[0]) {
            float t = (x - a[0]) / (b[0] - a[0]);
            return a[1] + t * (b[1] - a[1]);
        }
    }
    const float *first = m->p[0], *last = m->p[m->n - 1];
    return fabsf(x - first[0]) < fabsf(x - last[0]) ? first[1] : last[1];
}

static NerveExitKind classify(const Poly *nerve, const Poly *muscle, const float deep[3],
                              float out_at[3]) {
    float z_exit = deep[2] - NERVE_EXIT_BEHIND_MM;
    for (int i = 0; i + 1 < nerve->n; i++) {
        const float *a = nerve->p[i], *b = nerve->p[i + 1];
        if (!(a[2] >= z_exit && b[2] < z_exit)) {
            continue;
        }
        float t = (a[2] - z_exit) / (a[2] - b[2]);
        float c[3];
        float d2 = 0;
        for (int k = 0; k < 3; k++) {
            c[k] = a[k] + t * (b[k] - a[k]);
            d2 += (c[k] - deep[k]) * (c[k] - deep[k]);
        }
        if (sqrtf(d2) > NERVE_EXIT_NEAR_MM) {
            continue;
        }
        memcpy(out_at, c, sizeof c);
        return c[1] < height_at_x(muscle, c[0]) ? NERVE_EXIT_BELOW : NERVE_EXIT_ABOVE;
    }
    return NERVE_EXIT_NONE;
}

static const cJSON *find_structure(const cJSON *root, const char *id) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "structures");
    for (const cJSON *s = cJSON_IsArray(list) ? list->child : NULL; s; s = s->next) {
        const cJSON *sid = cJSON_GetObjectItemCaseSensitive(s, "id");
        if (cJSON_IsString(sid) && strcmp(sid->valuestring, id) == 0) {
            return s;
        }
    }
    return NULL;
}

bool nerve_exit_derive(const char *nerves_json, size_t nerves_len, const char *muscles_json,
                       size_t muscles_len, const LandmarkSet *landmarks, NerveExits *out, char *err,
                       size_t err_cap) {
    memset(out, 0, sizeof *out);
    cJSON *nerves = cJSON_ParseWithLength(nerves_json, nerves_len);
    cJSON *muscles = cJSON_ParseWithLength(muscles_json, muscles_len);
    bool ok = false;
    Poly *polys = calloc(NERVE_EXIT_MAX, sizeof *polys);
    Poly muscle;
    char where[160];
    const cJSON *pir = muscles ? find_structure(muscles, "piriformis") : NULL;
    const cJSON *list = nerves ? cJSON_GetObjectItemCaseSensitive(nerves, "structures") : NULL;
    if (!polys) {
        str_fail(err, err_cap, "out of memory");
    } else if (!nerves || !cJSON_IsArray(list)) {
        str_fail(err, err_cap, "shapes_nerves.json:structures: missing or not valid JSON");
    } else if (!pir) {
        str_fail(err, err_cap, "shapes_muscles.json:structures: no piriformis");
    } else if (!trunk_of(pir, landmarks, &muscle, where, sizeof where)) {
        str_fail(err, err_cap, "shapes_muscles.json:piriformis.%s", where);
    } else {
        ok = true;
        int i = 0;
        for (const cJSON *s = list->child; s && ok; s = s->next, i++) {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "id");
            const cJSON *kind = cJSON_GetObjectItemCaseSensitive(s, "kind");
            if (!cJSON_IsString(id) || !cJSON_IsString(kind) ||
                strcmp(kind->valuestring, "nerve") != 0 || out->count == NERVE_EXIT_MAX) {
                continue;
            }
            if (!trunk_of(s, landmarks, &polys[out->count], where, sizeof where)) {
                ok = str_fail(err, err_cap, "shapes_nerves.json:structures[%d].%s", i, where);
                break;
            }
            str_copy(out->items[out->count].id, NERVE_EXIT_ID_MAX, id->valuestring);
            out->count++;
        }
    }
    if (ok) {
        /* the muscle's deepest (most posterior) point is where it fills the foramen */
        const float *deep = muscle.p[0];
        for (int i = 1; i < muscle.n; i++) {
            if (muscle.p[i][2] < deep[2]) {
                deep = muscle.p[i];
            }
        }
        bool near[NERVE_EXIT_MAX][NERVE_EXIT_MAX];
        memset(near, 0, sizeof near);
        for (int i = 0; i < out->count; i++) {
            NerveExit *e = &out->items[i];
            e->kind = classify(&polys[i], &muscle, deep, e->crossing_mm);
            e->branch_of = -1;
            float best = NERVE_EXIT_BRANCH_MM;
            for (int j = 0; j < out->count; j++) {
                for (int k = 0; j != i && k + 1 < polys[j].n; k++) {
                    float d = seg_dist(polys[i].p[0], polys[j].p[k], polys[j].p[k + 1]);
                    near[i][j] = near[i][j] || d <= NERVE_EXIT_BRANCH_MM;
                    if (d < best) {
                        best = d;
                        e->branch_of = j;
                    }
                }
            }
        }
        /* a nerve that does not leave by the foramen itself but starts on one that leaves
         * below (or on such a branch) carries fibres that did: grow that set to a fixpoint */
        for (int i = 0; i < out->count; i++) {
            out->items[i].carries_below = out->items[i].kind == NERVE_EXIT_BELOW;
        }
        for (bool grew = true; grew;) {
            grew = false;
            for (int i = 0; i < out->count; i++) {
                NerveExit *e = &out->items[i];
                for (int j = 0; !e->carries_below && e->kind == NERVE_EXIT_NONE && j < out->count;
                     j++) {
                    if (near[i][j] && out->items[j].carries_below) {
                        e->carries_below = true;
                        grew = true;
                    }
                }
            }
        }
    }
    free(polys);
    cJSON_Delete(nerves);
    cJSON_Delete(muscles);
    if (!ok) {
        memset(out, 0, sizeof *out);
    }
    return ok;
}

bool nerve_exit_load(const char *assets_dir, const LandmarkSet *landmarks, NerveExits *out,
                     char *err, size_t err_cap) {
    char pn[4096], pm[4096];
    if (!path_join(pn, sizeof pn, assets_dir, "anatomy/shapes_nerves.json") ||
        !path_join(pm, sizeof pm, assets_dir, "anatomy/shapes_muscles.json")) {
        return str_fail(err, err_cap, "%s: path too long", assets_dir);
    }
    char *n = NULL, *m = NULL;
    size_t nl = 0, ml = 0;
    bool ok = file_read_all(pn, &n, &nl, err, err_cap) && file_read_all(pm, &m, &ml, err, err_cap);
    ok = ok && nerve_exit_derive(n, nl, m, ml, landmarks, out, err, err_cap);
    free(n);
    free(m);
    return ok;
}

const NerveExit *nerve_exit_find(const NerveExits *exits, const char *base_id) {
    for (int i = 0; exits && i < exits->count; i++) {
        if (strcmp(exits->items[i].id, base_id) == 0) {
            return &exits->items[i];
        }
    }
    return NULL;
}

bool nerve_exit_carries_below(const NerveExits *exits, int index) {
    return index >= 0 && index < exits->count && exits->items[index].carries_below;
}
