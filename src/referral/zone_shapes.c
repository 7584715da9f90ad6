#include "referral/zone_shapes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/canon.h"
#include "content/content_json.h"
#include "core/strutil.h"

typedef struct ShapeLoader {
    JsonReader r;
    const LandmarkSet *lm;
    const char *const *lm_ids;
    int lm_count;
} ShapeLoader;

static ContentSide suffix_side(const char *id) {
    return str_has_suffix(id, "_l")   ? CONTENT_SIDE_LEFT
           : str_has_suffix(id, "_r") ? CONTENT_SIDE_RIGHT
                                      : CONTENT_SIDE_MIDLINE;
}

/* Finds the anchor of a point for a shape on `side`; mirrors nothing (the caller does). */
static const Landmark *resolve_anchor(ShapeLoader *S, const char *path, const char *at,
                                      ContentSide side) {
    char full[LANDMARK_ID_MAX + 4];
    if (side != CONTENT_SIDE_MIDLINE && !suffix_side(at)) {
        snprintf(full, sizeof full, "%s%s", at, side == CONTENT_SIDE_LEFT ? "_l" : "_r");
        const Landmark *l = landmarks_find(S->lm, full);
        if (l) {
            return l;
        }
    }
    const Landmark *l = landmarks_find(S->lm, at);
    if (l) {
        ContentSide ls = suffix_side(at);
        if (side != CONTENT_SIDE_MIDLINE && ls != CONTENT_SIDE_MIDLINE && ls != side) {
            content_diag_add(S->r.diag, S->r.file, path,
                             "side mismatch: a %s shape is anchored on '%s' (write it without "
                             "a side suffix)",
                             content_side_name(side), at);
            return NULL;
        }
        return l;
    }
    if (side == CONTENT_SIDE_MIDLINE) {
        snprintf(full, sizeof full, "%s_r", at);
        if (landmarks_find(S->lm, full)) {
            content_diag_add(S->r.diag, S->r.file, path,
                             "landmark '%s' is paired: a midline shape must name a side", at);
            return NULL;
        }
    }
    char probe[LANDMARK_ID_MAX + 4];
    snprintf(probe, sizeof probe, "%s%s", at,
             side == CONTENT_SIDE_MIDLINE || suffix_side(at)
                 ? ""
                 : (side == CONTENT_SIDE_LEFT ? "_l" : "_r"));
    const char *s = content_suggest(probe, S->lm_ids, S->lm_count);
    if (s) {
        char shown[LANDMARK_ID_MAX];
        str_copy(shown, sizeof shown, s);
        if (side != CONTENT_SIDE_MIDLINE && !suffix_side(at) && suffix_side(shown) == side) {
            shown[strlen(shown) - 2] = '\0';
        }
        content_diag_add(S->r.diag, S->r.file, path, "unknown landmark '%s' (did you mean '%s'?)",
                         at, shown);
    } else {
        content_diag_add(S->r.diag, S->r.file, path, "unknown landmark '%s'", at);
    }
    return NULL;
}

typedef struct Growable {
    RefShapeSet *set;
    int shape_cap, part_cap;
} Growable;

static RefShape *push_shape(Growable *g) {
    if (g->set->shape_count == g->shape_cap) {
        int cap = g->shape_cap ? g->shape_cap * 2 : 32;
        RefShape *s = realloc(g->set->shapes, (size_t)cap * sizeof *s);
        if (!s) {
            return NULL;
        }
        g->set->shapes = s;
        g->shape_cap = cap;
    }
    RefShape *s = &g->set->shapes[g->set->shape_count++];
    memset(s, 0, sizeof *s);
    return s;
}

static RefShapePart *push_part(Growable *g) {
    if (g->set->part_count == g->part_cap) {
        int cap = g->part_cap ? g->part_cap * 2 : 64;
        RefShapePart *p = realloc(g->set->parts, (size_t)cap * sizeof *p);
        if (!p) {
            return NULL;
        }
        g->set->parts = p;
        g->part_cap = cap;
    }
    RefShapePart *p = &g->set->parts[g->set->part_count++];
    memset(p, 0, sizeof *p);
    return p;
}

/* Reads one part's path into segments for one side. Returns false on any problem. */
static bool load_part(ShapeLoader *S, Growable *g, RefShape *shape, const cJSON *part,
                      const char *pp) {
    static const char *const part_keys[] = {"path", "radius_mm", "falloff_mm", "inner_mm", NULL};
    static const char *const point_keys[] = {"at", "offset_mm", NULL};
    jr_check_keys(&S->r, part, pp, part_keys);
    double radius = 0, falloff = 0, inner = 0;
    bool ok = jr_number(&S->r, part, pp, "radius_mm", 1, 400, true, &radius);
    ok = jr_number(&S->r, part, pp, "falloff_mm", 0, 200, true, &falloff) && ok;
    if (cJSON_GetObjectItemCaseSensitive(part, "inner_mm")) {
        ok = jr_number(&S->r, part, pp, "inner_mm", 0, 400, false, &inner) && ok;
        if (ok && inner >= radius) {
            char pk[300];
            json_path_key(pk, sizeof pk, pp, "inner_mm");
            content_diag_add(S->r.diag, S->r.file, pk, "must be less than radius_mm (%g)", radius);
            ok = false;
        }
    }
    const cJSON *path = jr_array(&S->r, part, pp, "path", true);
    if (!path || cJSON_GetArraySize(path) == 0) {
        return false;
    }
    char ppath[300];
    json_path_key(ppath, sizeof ppath, pp, "path");
    float prev[3] = {0, 0, 0};
    int i = 0;
    for (const cJSON *pt = path->child; pt; pt = pt->next, i++) {
        char pi[320];
        json_path_index(pi, sizeof pi, ppath, i);
        if (!cJSON_IsObject(pt)) {
            content_diag_add(S->r.diag, S->r.file, pi, "a path point must be an object");
            ok = false;
            continue;
        }
        jr_check_keys(&S->r, pt, pi, point_keys);
        const char *at = jr_string(&S->r, pt, pi, "at", false);
        float off[3] = {0, 0, 0};
        if (cJSON_GetObjectItemCaseSensitive(pt, "offset_mm")) {
            ok = jr_vec3(&S->r, pt, pi, "offset_mm", 500, false, off) && ok;
        }
        if (!at[0]) {
            ok = false;
            continue;
        }
        char pa[340];
        json_path_key(pa, sizeof pa, pi, "at");
        const Landmark *l = resolve_anchor(S, pa, at, shape->side);
        if (!l) {
            ok = false;
            continue;
        }
        /* offsets are written for the right side; the left side mirrors them */
        if (shape->side == CONTENT_SIDE_LEFT) {
            off[0] = -off[0];
        }
        float q[3] = {l->pos_mm[0] + off[0], l->pos_mm[1] + off[1], l->pos_mm[2] + off[2]};
        if (!ok) {
            continue;
        }
        if (i == 0 && !pt->next) {
            RefShapePart *rp = push_part(g);
            if (!rp) {
                return false;
            }
            memcpy(rp->a, q, sizeof q);
            memcpy(rp->b, q, sizeof q);
            rp->radius_mm = (float)radius;
            rp->falloff_mm = (float)falloff;
            rp->inner_mm = (float)inner;
        } else if (i > 0) {
            RefShapePart *rp = push_part(g);
            if (!rp) {
                return false;
            }
            memcpy(rp->a, prev, sizeof prev);
            memcpy(rp->b, q, sizeof q);
            rp->radius_mm = (float)radius;
            rp->falloff_mm = (float)falloff;
            rp->inner_mm = (float)inner;
        }
        memcpy(prev, q, sizeof q);
    }
    return ok;
}

static void finish_shape(RefShapeSet *set, RefShape *s) {
    for (int k = 0; k < 3; k++) {
        s->bmin[k] = 1e9f;
        s->bmax[k] = -1e9f;
        s->centre_mm[k] = 0;
    }
    float total = 0;
    for (int i = 0; i < s->part_count; i++) {
        const RefShapePart *p = &set->parts[s->part_first + i];
        float reach = p->radius_mm + p->falloff_mm;
        float len = 0;
        for (int k = 0; k < 3; k++) {
            float lo = fminf(p->a[k], p->b[k]) - reach;
            float hi = fmaxf(p->a[k], p->b[k]) + reach;
            s->bmin[k] = fminf(s->bmin[k], lo);
            s->bmax[k] = fmaxf(s->bmax[k], hi);
            len += (p->b[k] - p->a[k]) * (p->b[k] - p->a[k]);
        }
        /* weight each part by its length plus its radius, so long bands dominate */
        float w = sqrtf(len) + p->radius_mm;
        for (int k = 0; k < 3; k++) {
            s->centre_mm[k] += w * 0.5f * (p->a[k] + p->b[k]);
        }
        total += w;
    }
    if (total > 0) {
        for (int k = 0; k < 3; k++) {
            s->centre_mm[k] /= total;
        }
    }
    if (s->side == CONTENT_SIDE_RIGHT) {
        s->bmax[0] = fminf(s->bmax[0], 0.0f);
    } else if (s->side == CONTENT_SIDE_LEFT) {
        s->bmin[0] = fmaxf(s->bmin[0], 0.0f);
    }
}

/* Loads an array of shape entries ("zones" or a map's "dermatomes") into set. */
static void load_shape_array(ShapeLoader *S, const cJSON *arr, const char *apath,
                             RefShapeSet *set) {
    static const char *const item_keys[] = {"id", "paired", "parts", NULL};
    Growable g = {set, 0, 0};
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char p[128];
        json_path_index(p, sizeof p, apath, i);
        if (!cJSON_IsObject(it)) {
            content_diag_add(S->r.diag, S->r.file, p, "must be an object");
            continue;
        }
        jr_check_keys(&S->r, it, p, item_keys);
        const char *id = jr_string(&S->r, it, p, "id", false);
        bool paired = jr_bool_opt(&S->r, it, p, "paired", false);
        const cJSON *parts = jr_array(&S->r, it, p, "parts", true);
        char pid[160];
        json_path_key(pid, sizeof pid, p, "id");
        if (!id[0]) {
            continue;
        }
        if (!content_id_is_valid(id) || strlen(id) > REF_SHAPE_ID_MAX - 3) {
            content_diag_add(S->r.diag, S->r.file, pid, "'%s' is not a valid id", id);
            continue;
        }
        if (paired && suffix_side(id)) {
            content_diag_add(S->r.diag, S->r.file, pid,
                             "a paired id is written without a side suffix ('%s')", id);
            continue;
        }
        for (int side = 0; side < (paired ? 2 : 1); side++) {
            char full[REF_SHAPE_ID_MAX];
            snprintf(full, sizeof full, "%s%s", id, paired ? (side ? "_r" : "_l") : "");
            int dup = ref_shape_find(set, full);
            if (dup >= 0) {
                content_diag_add(S->r.diag, S->r.file, pid, "duplicate id '%s'", full);
                continue;
            }
            RefShape *s = push_shape(&g);
            if (!s) {
                return;
            }
            str_copy(s->id, sizeof s->id, full);
            s->side = paired ? (side ? CONTENT_SIDE_RIGHT : CONTENT_SIDE_LEFT) : suffix_side(id);
            s->part_first = set->part_count;
            int k = 0;
            bool ok = true;
            for (const cJSON *part = parts ? parts->child : NULL; part; part = part->next, k++) {
                char pp[200];
                char pparts[180];
                json_path_key(pparts, sizeof pparts, p, "parts");
                json_path_index(pp, sizeof pp, pparts, k);
                if (!cJSON_IsObject(part)) {
                    content_diag_add(S->r.diag, S->r.file, pp, "must be an object");
                    ok = false;
                    continue;
                }
                ok = load_part(S, &g, s, part, pp) && ok;
            }
            s = &set->shapes[set->shape_count - 1];
            s->part_count = set->part_count - s->part_first;
            if (!ok || s->part_count == 0) {
                /* keep the shape (so its id still counts) but with no parts: weight 0 */
                set->part_count = s->part_first;
                s->part_count = 0;
            }
            finish_shape(set, s);
        }
    }
}

bool ref_shapes_load(const char *zones_json, size_t zones_len, const char *zones_name,
                     const char *derm_json, size_t derm_len, const char *derm_name,
                     const LandmarkSet *landmarks, RefShapes *out, ContentDiag *diag) {
    memset(out, 0, sizeof *out);
    int before = diag->count;
    ContentArenaBlock *arena = NULL;
    ShapeLoader S;
    memset(&S, 0, sizeof S);
    S.r.diag = diag;
    S.r.arena = &arena;
    S.lm = landmarks;
    const char **ids = malloc((size_t)(landmarks->count ? landmarks->count : 1) * sizeof *ids);
    if (!ids) {
        content_diag_add(diag, zones_name, NULL, "out of memory");
        return false;
    }
    for (int i = 0; i < landmarks->count; i++) {
        ids[i] = landmarks->items[i].id;
    }
    S.lm_ids = ids;
    S.lm_count = landmarks->count;

    S.r.file = zones_name;
    cJSON *root = jr_parse(&S.r, zones_json, zones_len);
    if (root) {
        static const char *const keys[] = {"schema", "note", "zones", NULL};
        jr_check_keys(&S.r, root, "", keys);
        jr_check_schema(&S.r, root, 1);
        const cJSON *arr = jr_array(&S.r, root, "", "zones", true);
        if (arr) {
            load_shape_array(&S, arr, "zones", &out->zones);
        }
        for (int i = 0; i < out->zones.shape_count; i++) {
            if (str_has_prefix(out->zones.shapes[i].id, "derm_")) {
                content_diag_add(diag, zones_name, "zones",
                                 "'%s': dermatomes belong in the dermatome maps file",
                                 out->zones.shapes[i].id);
            }
        }
        cJSON_Delete(root);
    }

    S.r.file = derm_name;
    root = jr_parse(&S.r, derm_json, derm_len);
    if (root) {
        static const char *const keys[] = {"schema", "note", "default_map", "maps", NULL};
        static const char *const map_keys[] = {"id", "citation", "dermatomes", NULL};
        jr_check_keys(&S.r, root, "", keys);
        jr_check_schema(&S.r, root, 1);
        const char *def = jr_string(&S.r, root, "", "default_map", false);
        const cJSON *maps = jr_array(&S.r, root, "", "maps", true);
        int cmaps_n;
        const char *const *cmaps = canon_maps(&cmaps_n);
        int i = 0;
        for (const cJSON *m = maps ? maps->child : NULL; m; m = m->next, i++) {
            char p[64];
            json_path_index(p, sizeof p, "maps", i);
            jr_check_keys(&S.r, m, p, map_keys);
            const char *id = jr_string(&S.r, m, p, "id", false);
            const char *cit = jr_string(&S.r, m, p, "citation", false);
            bool known = false;
            for (int c = 0; c < cmaps_n; c++) {
                known = known || strcmp(cmaps[c], id) == 0;
            }
            char pid[96];
            json_path_key(pid, sizeof pid, p, "id");
            if (id[0] && !known) {
                const char *s = content_suggest(id, cmaps, cmaps_n);
                content_diag_add(diag, derm_name, pid, "unknown dermatome map '%s'%s%s%s", id,
                                 s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
                continue;
            }
            if (ref_shapes_find_map(out, id) >= 0) {
                content_diag_add(diag, derm_name, pid, "duplicate map '%s'", id);
                continue;
            }
            if (out->map_count == REF_MAP_MAX || !id[0]) {
                continue;
            }
            int mi = out->map_count++;
            str_copy(out->map_ids[mi], sizeof out->map_ids[mi], id);
            str_copy(out->map_citations[mi], sizeof out->map_citations[mi], cit);
            const cJSON *arr = jr_array(&S.r, m, p, "dermatomes", true);
            char pd[96];
            json_path_key(pd, sizeof pd, p, "dermatomes");
            if (arr) {
                load_shape_array(&S, arr, pd, &out->maps[mi]);
            }
            for (int k = 0; k < out->maps[mi].shape_count; k++) {
                if (!str_has_prefix(out->maps[mi].shapes[k].id, "derm_")) {
                    content_diag_add(diag, derm_name, pd, "'%s' is not a dermatome id (derm_...)",
                                     out->maps[mi].shapes[k].id);
                }
            }
        }
        for (int c = 0; c < cmaps_n; c++) {
            if (ref_shapes_find_map(out, cmaps[c]) < 0) {
                content_diag_add(diag, derm_name, "maps", "no map '%s'", cmaps[c]);
            }
        }
        /* every map covers the same dermatomes, so switching maps never loses one */
        for (int a = 1; a < out->map_count; a++) {
            const RefShapeSet *s0 = &out->maps[0], *sa = &out->maps[a];
            for (int k = 0; k < s0->shape_count; k++) {
                if (ref_shape_find(sa, s0->shapes[k].id) < 0) {
                    content_diag_add(diag, derm_name, "maps", "map '%s' has no '%s' (map '%s' has)",
                                     out->map_ids[a], s0->shapes[k].id, out->map_ids[0]);
                }
            }
            for (int k = 0; k < sa->shape_count; k++) {
                if (ref_shape_find(s0, sa->shapes[k].id) < 0) {
                    content_diag_add(diag, derm_name, "maps", "map '%s' has no '%s' (map '%s' has)",
                                     out->map_ids[0], sa->shapes[k].id, out->map_ids[a]);
                }
            }
        }
        out->default_map = 0;
        if (def[0]) {
            int d = ref_shapes_find_map(out, def);
            if (d < 0) {
                content_diag_add(diag, derm_name, "default_map", "no map '%s' in this file", def);
            } else {
                out->default_map = d;
            }
        }
        cJSON_Delete(root);
    }
    free(ids);
    content_arena_free(&arena);
    return diag->count == before;
}

void ref_shapes_free(RefShapes *shapes) {
    free(shapes->zones.shapes);
    free(shapes->zones.parts);
    for (int m = 0; m < REF_MAP_MAX; m++) {
        free(shapes->maps[m].shapes);
        free(shapes->maps[m].parts);
    }
    memset(shapes, 0, sizeof *shapes);
}

int ref_shape_find(const RefShapeSet *set, const char *id) {
    for (int i = 0; i < set->shape_count; i++) {
        if (strcmp(set->shapes[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int ref_shapes_find_map(const RefShapes *shapes, const char *map_id) {
    for (int i = 0; i < shapes->map_count; i++) {
        if (strcmp(shapes->map_ids[i], map_id) == 0) {
            return i;
        }
    }
    return -1;
}

static float smooth01(float x) {
    if (x <= 0.0f) {
        return 0.0f;
    }
    if (x >= 1.0f) {
        return 1.0f;
    }
    return x * x * (3.0f - 2.0f * x);
}

static float part_weight(const RefShapePart *p, const float q[3]) {
    float ab[3], aq[3];
    float ab2 = 0, t = 0;
    for (int k = 0; k < 3; k++) {
        ab[k] = p->b[k] - p->a[k];
        aq[k] = q[k] - p->a[k];
        ab2 += ab[k] * ab[k];
        t += ab[k] * aq[k];
    }
    t = ab2 > 0 ? t / ab2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float d2 = 0;
    for (int k = 0; k < 3; k++) {
        float c = aq[k] - t * ab[k];
        d2 += c * c;
    }
    float reach = p->radius_mm + p->falloff_mm;
    if (d2 >= reach * reach) {
        return 0.0f;
    }
    float d = sqrtf(d2);
    float w = p->falloff_mm > 0 ? 1.0f - smooth01((d - p->radius_mm) / p->falloff_mm)
                                : (d <= p->radius_mm ? 1.0f : 0.0f);
    if (p->inner_mm > 0) {
        float f = p->falloff_mm > 0 ? p->falloff_mm : 1.0f;
        w *= smooth01((d - p->inner_mm) / f);
    }
    return w;
}

static float shape_weight(const RefShapeSet *set, const RefShape *s, const float q[3]) {
    if (q[0] < s->bmin[0] || q[0] > s->bmax[0] || q[1] < s->bmin[1] || q[1] > s->bmax[1] ||
        q[2] < s->bmin[2] || q[2] > s->bmax[2]) {
        return 0.0f;
    }
    float w = 0.0f;
    for (int i = 0; i < s->part_count && w < 1.0f; i++) {
        float pw = part_weight(&set->parts[s->part_first + i], q);
        w = pw > w ? pw : w;
    }
    return w;
}

float ref_shape_weight(const RefShapeSet *set, int shape, const float p_mm[3]) {
    if (shape < 0 || shape >= set->shape_count) {
        return 0.0f;
    }
    return shape_weight(set, &set->shapes[shape], p_mm);
}

void ref_shape_weights(const RefShapeSet *set, int shape, const float *pos_mm, int count,
                       int stride_floats, float *out_weights) {
    if (shape < 0 || shape >= set->shape_count) {
        memset(out_weights, 0, (size_t)count * sizeof *out_weights);
        return;
    }
    const RefShape *s = &set->shapes[shape];
    for (int v = 0; v < count; v++) {
        out_weights[v] = shape_weight(set, s, pos_mm + (size_t)v * (size_t)stride_floats);
    }
}

static const char *const DERM_SEGMENTS[REF_DERM_SEGMENT_COUNT] = {
    "t12", "l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4", "s5"};

const char *ref_derm_segment(int index) {
    return (index >= 0 && index < REF_DERM_SEGMENT_COUNT) ? DERM_SEGMENTS[index] : "";
}

static int derm_label_of(const char *id) {
    /* derm_<segment>[_l|_r] */
    if (!str_has_prefix(id, "derm_")) {
        return 0;
    }
    const char *seg = id + 5;
    for (int i = 0; i < REF_DERM_SEGMENT_COUNT; i++) {
        size_t n = strlen(DERM_SEGMENTS[i]);
        if (strncmp(seg, DERM_SEGMENTS[i], n) == 0 && (seg[n] == '\0' || seg[n] == '_')) {
            return i + 1;
        }
    }
    return 0;
}

int ref_shapes_derm_label(const RefShapes *shapes, int map, const float p_mm[3]) {
    if (map < 0 || map >= shapes->map_count) {
        return 0;
    }
    const RefShapeSet *set = &shapes->maps[map];
    float best = 0.0f;
    int label = 0;
    for (int s = 0; s < set->shape_count; s++) {
        float w = shape_weight(set, &set->shapes[s], p_mm);
        if (w > best) {
            best = w;
            label = derm_label_of(set->shapes[s].id);
        }
    }
    return label;
}
