#include "referral/referral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

bool ref_engine_create(RefEngine *out, const ContentDb *content, const RefShapes *shapes,
                       const LandmarkSet *landmarks, char *err, size_t err_cap) {
    memset(out, 0, sizeof *out);
    out->content = content;
    out->shapes = shapes;
    out->landmarks = landmarks;
    size_t nz = (size_t)(content->zone_count ? content->zone_count : 1);
    size_t ns = (size_t)(content->structure_count ? content->structure_count : 1);
    out->zone_shape = malloc(nz * sizeof *out->zone_shape);
    out->derm_shape = malloc(nz * sizeof *out->derm_shape);
    out->structure_pos = calloc(ns, sizeof *out->structure_pos);
    out->structure_pos_set = calloc(ns, sizeof *out->structure_pos_set);
    if (!out->zone_shape || !out->derm_shape || !out->structure_pos || !out->structure_pos_set) {
        snprintf(err, err_cap, "out of memory");
        ref_engine_destroy(out);
        return false;
    }
    for (int z = 0; z < content->zone_count; z++) {
        const char *id = content->zones[z].id;
        out->zone_shape[z] = ref_shape_find(&shapes->zones, id);
        for (int m = 0; m < REF_MAP_MAX; m++) {
            out->derm_shape[z][m] =
                m < shapes->map_count ? ref_shape_find(&shapes->maps[m], id) : -1;
        }
    }
    return true;
}

void ref_engine_destroy(RefEngine *engine) {
    free(engine->zone_shape);
    free(engine->derm_shape);
    free(engine->structure_pos);
    free(engine->structure_pos_set);
    memset(engine, 0, sizeof *engine);
}

void ref_engine_set_structure_pos(RefEngine *engine, int structure, const float pos_mm[3]) {
    if (structure < 0 || structure >= engine->content->structure_count) {
        return;
    }
    memcpy(engine->structure_pos[structure], pos_mm, 3 * sizeof(float));
    engine->structure_pos_set[structure] = true;
}

int ref_map_find(const RefEngine *engine, const char *map_id) {
    if (!map_id || !map_id[0]) {
        return engine->shapes->default_map;
    }
    return ref_shapes_find_map(engine->shapes, map_id);
}

static const RefShapeSet *zone_set(const RefEngine *e, int zone, int map, int *out_shape) {
    *out_shape = -1;
    if (zone < 0 || zone >= e->content->zone_count) {
        return NULL;
    }
    if (e->zone_shape[zone] >= 0) {
        *out_shape = e->zone_shape[zone];
        return &e->shapes->zones;
    }
    if (map < 0 || map >= e->shapes->map_count) {
        map = e->shapes->default_map;
    }
    if (map < e->shapes->map_count && e->derm_shape[zone][map] >= 0) {
        *out_shape = e->derm_shape[zone][map];
        return &e->shapes->maps[map];
    }
    return NULL;
}

float ref_zone_weight(const RefEngine *engine, int zone, int map, const float p_mm[3]) {
    int shape;
    const RefShapeSet *set = zone_set(engine, zone, map, &shape);
    return set ? ref_shape_weight(set, shape, p_mm) : 0.0f;
}

void ref_zone_weights(const RefEngine *engine, int zone, int map, const float *pos_mm, int count,
                      int stride_floats, float *out_weights) {
    int shape;
    const RefShapeSet *set = zone_set(engine, zone, map, &shape);
    if (!set) {
        memset(out_weights, 0, (size_t)count * sizeof *out_weights);
        return;
    }
    ref_shape_weights(set, shape, pos_mm, count, stride_floats, out_weights);
}

bool ref_zone_centre(const RefEngine *engine, int zone, int map, float out_mm[3]) {
    int shape;
    const RefShapeSet *set = zone_set(engine, zone, map, &shape);
    if (!set || set->shapes[shape].part_count == 0) {
        return false;
    }
    memcpy(out_mm, set->shapes[shape].centre_mm, 3 * sizeof(float));
    return true;
}

static bool list_has(const ContentIndexList *l, int v) {
    for (int i = 0; i < l->count; i++) {
        if (l->items[i] == v) {
            return true;
        }
    }
    return false;
}

int ref_where_zones(const RefEngine *engine, const bool *hit, RefMatch *out, int cap) {
    const ContentDb *db = engine->content;
    int total = 0;
    /* two passes: sources with a primary match, then those matching only by spillover */
    for (int pass = 0; pass < 2; pass++) {
        for (int s = 0; s < db->source_count; s++) {
            const ContentSource *src = &db->sources[s];
            bool prim = false, any = false;
            for (int i = 0; i < src->primary.count; i++) {
                prim = prim || hit[src->primary.items[i]];
            }
            for (int i = 0; i < src->spillover.count; i++) {
                any = any || hit[src->spillover.items[i]];
            }
            any = any || prim;
            if (!any || (pass == 0) != prim) {
                continue;
            }
            if (total < cap) {
                RefMatch *m = &out[total];
                memset(m, 0, sizeof *m);
                m->source = s;
                m->primary = prim;
                for (int i = 0; i < src->primary.count && m->zone_count < REF_MATCH_ZONES_MAX;
                     i++) {
                    if (hit[src->primary.items[i]]) {
                        m->zones[m->zone_count++] = (RefMatchZone){src->primary.items[i], true};
                    }
                }
                for (int i = 0; i < src->spillover.count && m->zone_count < REF_MATCH_ZONES_MAX;
                     i++) {
                    int z = src->spillover.items[i];
                    if (hit[z] && !list_has(&src->primary, z)) {
                        m->zones[m->zone_count++] = (RefMatchZone){z, false};
                    }
                }
            }
            total++;
        }
    }
    return total;
}

int ref_where_zone(const RefEngine *engine, int zone, RefMatch *out, int cap) {
    int n = engine->content->zone_count;
    if (zone < 0 || zone >= n) {
        return 0;
    }
    bool *hit = calloc((size_t)n, sizeof *hit);
    if (!hit) {
        return 0;
    }
    hit[zone] = true;
    int total = ref_where_zones(engine, hit, out, cap);
    free(hit);
    return total;
}

int ref_where_points(const RefEngine *engine, int map, const float *pos_mm, int count,
                     int stride_floats, RefMatch *out, int cap) {
    int n = engine->content->zone_count;
    bool *hit = calloc((size_t)(n ? n : 1), sizeof *hit);
    if (!hit) {
        return 0;
    }
    for (int z = 0; z < n; z++) {
        for (int v = 0; v < count && !hit[z]; v++) {
            const float *p = pos_mm + (size_t)v * (size_t)stride_floats;
            hit[z] = ref_zone_weight(engine, z, map, p) >= REF_COVER_MIN;
        }
    }
    int total = ref_where_zones(engine, hit, out, cap);
    free(hit);
    return total;
}

int ref_where_point(const RefEngine *engine, int map, const float p_mm[3], RefMatch *out, int cap) {
    return ref_where_points(engine, map, p_mm, 1, 3, out, cap);
}

int ref_dermatomes_at(const RefEngine *engine, int map, const float p_mm[3], RefDermHit *out,
                      int cap) {
    if (map < 0 || map >= engine->shapes->map_count) {
        return 0;
    }
    const RefShapeSet *set = &engine->shapes->maps[map];
    int n = 0;
    for (int s = 0; s < set->shape_count; s++) {
        float w = ref_shape_weight(set, s, p_mm);
        if (w <= 0.0f) {
            continue;
        }
        /* insertion sort, strongest first; ties keep file order */
        int pos = n < cap ? n : cap;
        while (pos > 0 && out[pos - 1].weight < w) {
            pos--;
        }
        if (pos >= cap) {
            continue;
        }
        int last = n < cap ? n : cap - 1;
        for (int k = last; k > pos; k--) {
            out[k] = out[k - 1];
        }
        out[pos].weight = w;
        out[pos].id = set->shapes[s].id;
        out[pos].zone = content_find_zone(engine->content, set->shapes[s].id);
        if (n < cap) {
            n++;
        }
    }
    return n;
}

bool ref_zone_in_saddle(const RefEngine *engine, int zone) {
    static const char *const saddle[] = {
        "zone_perineum", "zone_anus", "zone_genital", "zone_medial_thigh",
        "derm_s3",       "derm_s4",   "derm_s5",      "zone_nerve_pudendal"};
    if (zone < 0 || zone >= engine->content->zone_count) {
        return false;
    }
    const char *base = engine->content->zones[zone].base_id;
    for (size_t i = 0; i < sizeof saddle / sizeof saddle[0]; i++) {
        if (strcmp(base, saddle[i]) == 0) {
            return true;
        }
    }
    return false;
}
