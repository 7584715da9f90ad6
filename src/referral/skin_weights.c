#include "referral/skin_weights.h"

#include <stdlib.h>
#include <string.h>

bool ref_skin_weights_create(const RefEngine *engine, int map, const float *pos_mm,
                             uint32_t vertex_count, int stride_floats, RefSkinWeights *out) {
    memset(out, 0, sizeof *out);
    int nz = engine->content->zone_count;
    out->zone_count = nz;
    out->map = map;
    out->vertex_count = vertex_count;
    out->zones = calloc((size_t)(nz ? nz : 1), sizeof *out->zones);
    float *w = malloc((size_t)(vertex_count ? vertex_count : 1) * sizeof *w);
    if (!out->zones || !w) {
        free(w);
        ref_skin_weights_destroy(out);
        return false;
    }
    for (int z = 0; z < nz; z++) {
        ref_zone_weights(engine, z, map, pos_mm, (int)vertex_count, stride_floats, w);
        uint32_t n = 0;
        for (uint32_t v = 0; v < vertex_count; v++) {
            n += w[v] > 0.0f;
        }
        RefZoneVerts *zv = &out->zones[z];
        if (n == 0) {
            continue;
        }
        zv->vertex = malloc(n * sizeof *zv->vertex);
        zv->weight = malloc(n * sizeof *zv->weight);
        if (!zv->vertex || !zv->weight) {
            free(w);
            ref_skin_weights_destroy(out);
            return false;
        }
        for (uint32_t v = 0; v < vertex_count; v++) {
            if (w[v] > 0.0f) {
                zv->vertex[zv->count] = v;
                zv->weight[zv->count] = w[v];
                zv->count++;
            }
        }
    }
    free(w);
    return true;
}

void ref_skin_weights_destroy(RefSkinWeights *weights) {
    for (int z = 0; weights->zones && z < weights->zone_count; z++) {
        free(weights->zones[z].vertex);
        free(weights->zones[z].weight);
    }
    free(weights->zones);
    memset(weights, 0, sizeof *weights);
}

void ref_skin_intensity(const RefSkinWeights *weights, const RefTimelineSample *sample,
                        float *out_primary, float *out_spillover) {
    size_t n = weights->vertex_count;
    if (out_primary) {
        memset(out_primary, 0, n * sizeof *out_primary);
    }
    if (out_spillover) {
        memset(out_spillover, 0, n * sizeof *out_spillover);
    }
    for (int i = 0; i < sample->zone_count; i++) {
        const RefZoneIntensity *zi = &sample->zones[i];
        float *dst = zi->primary ? out_primary : out_spillover;
        if (!dst || zi->intensity <= 0.0f || zi->zone < 0 || zi->zone >= weights->zone_count) {
            continue;
        }
        const RefZoneVerts *zv = &weights->zones[zi->zone];
        for (uint32_t k = 0; k < zv->count; k++) {
            float v = zv->weight[k] * zi->intensity;
            if (v > dst[zv->vertex[k]]) {
                dst[zv->vertex[k]] = v;
            }
        }
    }
}

static float weight_at(const RefZoneVerts *zv, uint32_t vertex) {
    /* vertex indices are ascending: binary search */
    uint32_t lo = 0, hi = zv->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (zv->vertex[mid] < vertex) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < zv->count && zv->vertex[lo] == vertex ? zv->weight[lo] : 0.0f;
}

int ref_where_vertices(const RefEngine *engine, const RefSkinWeights *weights,
                       const uint32_t *painted, int painted_count, RefMatch *out, int cap) {
    int nz = engine->content->zone_count;
    bool *hit = calloc((size_t)(nz ? nz : 1), sizeof *hit);
    if (!hit) {
        return 0;
    }
    for (int z = 0; z < nz && z < weights->zone_count; z++) {
        for (int i = 0; i < painted_count && !hit[z]; i++) {
            hit[z] = weight_at(&weights->zones[z], painted[i]) >= REF_COVER_MIN;
        }
    }
    int total = ref_where_zones(engine, hit, out, cap);
    free(hit);
    return total;
}
