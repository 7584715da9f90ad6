#include "app/refview.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/primitives.h"
#include "core/log.h"

bool refview_load(RefView *rv, const char *assets_dir, const char *locale, const Scene *scene,
                  Gfx *gfx, char *err, size_t err_cap) {
    memset(rv, 0, sizeof *rv);
    rv->source = -1;
    ContentDiag diag = {0};
    /* The stand-in body has only a few structures, so only a baked body is checked against
     * the content's list. */
    const char *names[SCENE_MAX_ITEMS];
    int n = 0;
    if (!scene->placeholder) {
        for (int i = 0; i < scene->count; i++) {
            names[n++] = scene->items[i].id;
        }
    }
    bool clean = ref_assets_load(assets_dir, locale && *locale ? locale : "en", n ? names : NULL, n,
                                 &rv->assets, &diag);
    for (int i = 0; i < diag.count && i < 20; i++) {
        log_warn("%s", diag.lines[i]);
    }
    if (diag.count > 20) {
        log_warn("... and %d more problems (painmap check-content lists them all)",
                 diag.count - 20);
    }
    content_diag_free(&diag);
    if (!rv->assets.engine_ready) {
        snprintf(err, err_cap,
                 "the anatomy and content files in %s could not be loaded (run painmap "
                 "check-content for the details)",
                 assets_dir);
        ref_assets_free(&rv->assets);
        return false;
    }
    (void)clean;
    rv->loaded = true;
    rv->map = rv->assets.shapes.default_map;
    rv->derm_map = -1;
    rv->mark_zone = -1;
    RefEngine *eng = &rv->assets.engine;
    for (int i = 0; i < scene->count; i++) {
        int s = content_find_structure(&rv->assets.content, scene->items[i].id);
        if (s >= 0) {
            ref_engine_set_structure_pos(eng, s, scene->items[i].center_mm);
        }
    }
    if (scene->skin_vertex_count) {
        rv->heat = calloc(scene->skin_vertex_count, sizeof(float));
        if (!rv->heat) {
            snprintf(err, err_cap, "out of memory for the skin's heat");
            refview_unload(rv, gfx);
            return false;
        }
    }
    MeshBuf m = {0};
    const float origin[3] = {0, 0, 0};
    if (meshbuf_add_sphere(&m, origin, 1.0f, 10, 16)) {
        GfxMeshDesc d = {.positions = m.positions,
                         .normals = m.normals,
                         .indices = m.indices,
                         .vertex_count = m.vertex_count,
                         .index_count = m.index_count};
        rv->signal_mesh = gfx_create_mesh(gfx, &d);
    }
    meshbuf_free(&m);
    return true;
}

void refview_unload(RefView *rv, Gfx *gfx) {
    for (int i = 0; i < rv->cache_count; i++) {
        free(rv->cache_weights[i]);
    }
    free(rv->heat);
    free(rv->derm_segment);
    free(rv->derm_weight);
    if (gfx) {
        gfx_destroy_mesh(gfx, rv->signal_mesh);
    }
    if (rv->loaded) {
        ref_assets_free(&rv->assets);
    }
    memset(rv, 0, sizeof *rv);
    rv->source = -1;
}

bool refview_set_source(RefView *rv, const char *id, char *err, size_t err_cap) {
    const ContentDb *db = &rv->assets.content;
    int s = content_find_source(db, id);
    if (s < 0) {
        const char **ids = malloc(sizeof(char *) * (size_t)(db->source_count + 1));
        const char *best[3] = {0};
        int nb = 0;
        if (ids) {
            for (int i = 0; i < db->source_count; i++) {
                ids[i] = db->sources[i].id;
            }
            nb = content_suggest_many(id, ids, db->source_count, best, 3);
            free(ids);
        }
        snprintf(err, err_cap, "unknown source '%s'%s%s%s%s%s%s (painmap list sources)", id,
                 nb > 0 ? "; did you mean " : "", nb > 0 ? best[0] : "", nb > 1 ? ", " : "",
                 nb > 1 ? best[1] : "", nb > 2 ? ", " : "", nb > 2 ? best[2] : "");
        return false;
    }
    rv->source = s;
    return true;
}

/* The per-vertex weights of a zone on the skin, computed once and kept. */
static const float *zone_weights(RefView *rv, const Scene *scene, int zone) {
    for (int i = 0; i < rv->cache_count; i++) {
        if (rv->cache_zone[i] == zone && rv->cache_map[i] == rv->map) {
            return rv->cache_weights[i];
        }
    }
    float *w = malloc(sizeof(float) * scene->skin_vertex_count);
    if (!w) {
        return NULL;
    }
    ref_zone_weights(&rv->assets.engine, zone, rv->map, scene->skin_positions,
                     (int)scene->skin_vertex_count, 3, w);
    if (rv->cache_count == REFVIEW_CACHE_MAX) {
        free(rv->cache_weights[0]);
        memmove(rv->cache_zone, rv->cache_zone + 1, sizeof(int) * (REFVIEW_CACHE_MAX - 1));
        memmove(rv->cache_map, rv->cache_map + 1, sizeof(int) * (REFVIEW_CACHE_MAX - 1));
        memmove(rv->cache_weights, rv->cache_weights + 1,
                sizeof(float *) * (REFVIEW_CACHE_MAX - 1));
        rv->cache_count--;
    }
    rv->cache_zone[rv->cache_count] = zone;
    rv->cache_map[rv->cache_count] = rv->map;
    rv->cache_weights[rv->cache_count++] = w;
    return w;
}

const char *const REFVIEW_SEGMENT_NAMES[REFVIEW_SEGMENTS] = {"T12", "L1", "L2", "L3", "L4", "L5",
                                                             "S1",  "S2", "S3", "S4", "S5"};

void refview_segment_color(int segment, float out_rgb[3]) {
    /* neighbours differ in hue and in lightness, so bands stay apart in greyscale and for
     * colour-blind viewers (a qualitative palette in the spirit of Okabe and Ito) */
    static const float palette[REFVIEW_SEGMENTS][3] = {
        {0.35f, 0.35f, 0.75f}, {0.90f, 0.62f, 0.00f}, {0.34f, 0.71f, 0.91f}, {0.00f, 0.62f, 0.45f},
        {0.94f, 0.89f, 0.26f}, {0.00f, 0.45f, 0.70f}, {0.84f, 0.37f, 0.00f}, {0.80f, 0.47f, 0.65f},
        {0.55f, 0.80f, 0.35f}, {0.60f, 0.30f, 0.80f}, {0.30f, 0.30f, 0.30f},
    };
    int s = segment < 0 ? 0 : (segment >= REFVIEW_SEGMENTS ? REFVIEW_SEGMENTS - 1 : segment);
    memcpy(out_rgb, palette[s], sizeof palette[s]);
}

static int segment_index(const char *segment) {
    for (int i = 0; i < REFVIEW_SEGMENTS; i++) {
        if (segment && strcmp(segment, REFVIEW_SEGMENT_NAMES[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* The strongest dermatome under each skin vertex, for the current map (once per map). */
static bool compute_dermatomes(RefView *rv, const Scene *scene) {
    uint32_t nv = scene->skin_vertex_count;
    if (rv->derm_map == rv->map && rv->derm_segment) {
        return true;
    }
    if (!rv->derm_segment) {
        rv->derm_segment = malloc(nv);
        rv->derm_weight = malloc(sizeof(float) * nv);
        if (!rv->derm_segment || !rv->derm_weight) {
            return false;
        }
    }
    const RefEngine *eng = &rv->assets.engine;
    for (uint32_t v = 0; v < nv; v++) {
        RefDermHit hit;
        int n = ref_dermatomes_at(eng, rv->map, scene->skin_positions + 3 * v, &hit, 1);
        int seg = -1;
        if (n > 0 && hit.zone >= 0) {
            seg = segment_index(rv->assets.content.zones[hit.zone].segment);
        }
        rv->derm_segment[v] = (signed char)seg;
        rv->derm_weight[v] = seg >= 0 ? hit.weight : 0.0f;
    }
    rv->derm_map = rv->map;
    return true;
}

void refview_sample(RefView *rv, float t_sec) {
    if (rv->loaded && rv->source >= 0) {
        ref_timeline(&rv->assets.engine, rv->source, t_sec, &rv->sample);
    }
}

/* Marks where it hurts: the chosen zone, or a soft spot around the tapped point. */
static void paint_mark(RefView *rv, const Scene *scene, float *paint) {
    static const float mark_rgb[3] = {0.20f, 0.45f, 0.95f};
    uint32_t nv = scene->skin_vertex_count;
    const float *w = rv->mark_zone >= 0 ? zone_weights(rv, scene, rv->mark_zone) : NULL;
    for (uint32_t v = 0; v < nv; v++) {
        float a = 0.0f;
        if (w) {
            a = 0.7f * w[v];
        } else if (rv->mark_point_set) {
            const float *p = scene->skin_positions + 3 * v;
            float d2 = 0.0f;
            for (int k = 0; k < 3; k++) {
                float d = p[k] - rv->mark_point_mm[k];
                d2 += d * d;
            }
            a = d2 < 900.0f ? 0.85f : (d2 < 1600.0f ? 0.85f * (1600.0f - d2) / 700.0f : 0.0f);
        }
        if (a > paint[4 * v + 3]) {
            memcpy(paint + 4 * v, mark_rgb, sizeof mark_rgb);
            paint[4 * v + 3] = a;
        }
    }
}

/* The inputs of the skin's paint for this frame. */
static void paint_key(const RefView *rv, bool show_zones, bool show_dermatomes, RefPaintKey *out) {
    memset(out, 0, sizeof *out);
    out->valid = true;
    out->map = rv->map;
    out->dermatomes = show_dermatomes;
    out->zones = show_zones && rv->source >= 0 && rv->heat;
    out->source = out->zones ? rv->source : -1;
    if (out->zones) {
        out->zone_count = rv->sample.zone_count;
        memcpy(out->zones_at, rv->sample.zones, sizeof out->zones_at[0] * (size_t)out->zone_count);
    }
    out->mark_zone = rv->mark_zone;
    out->mark_point_set = rv->mark_zone < 0 && rv->mark_point_set;
    if (out->mark_point_set) {
        memcpy(out->mark_point_mm, rv->mark_point_mm, sizeof out->mark_point_mm);
    }
}

static bool same_paint(const RefPaintKey *a, const RefPaintKey *b) {
    if (!a->valid || !b->valid || a->map != b->map || a->dermatomes != b->dermatomes ||
        a->zones != b->zones || a->source != b->source || a->zone_count != b->zone_count ||
        a->mark_zone != b->mark_zone || a->mark_point_set != b->mark_point_set) {
        return false;
    }
    for (int k = 0; k < 3; k++) {
        if (a->mark_point_mm[k] != b->mark_point_mm[k]) {
            return false;
        }
    }
    for (int z = 0; z < a->zone_count; z++) {
        const RefZoneIntensity *x = &a->zones_at[z], *y = &b->zones_at[z];
        if (x->zone != y->zone || x->primary != y->primary || x->intensity != y->intensity) {
            return false;
        }
    }
    return true;
}

void refview_apply(RefView *rv, Scene *scene, Gfx *gfx, float t_sec, bool show_zones,
                   bool show_dermatomes, bool paint_skin) {
    memset(scene->item_emissive, 0, sizeof scene->item_emissive);
    memset(scene->item_tint, 0, sizeof scene->item_tint);
    scene->skin_paint_strength = 0.0f;
    scene->auto_see_through_mask = 0;
    if (!rv->loaded) {
        return;
    }
    const RefEngine *eng = &rv->assets.engine;
    if (rv->source >= 0) {
        ref_timeline(eng, rv->source, t_sec, &rv->sample);
        const ContentSource *src = &rv->assets.content.sources[rv->source];
        /* the source warms towards a hot orange and glows with the pulse */
        int item = scene_find(scene, rv->assets.content.structures[src->structure].id);
        if (item >= 0) {
            /* what covers a deep source turns see-through while it plays */
            LayerId layer = scene->items[item].layer;
            if (layer != LAYER_SUPERFICIAL_MUSCLES && layer != LAYER_SKIN) {
                scene->auto_see_through_mask |= LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES);
            }
            if (layer == LAYER_NERVES || layer == LAYER_BONES || layer == LAYER_LIGAMENTS) {
                scene->auto_see_through_mask |= LAYER_BIT(LAYER_DEEP_MUSCLES);
            }
            /* the source glows purple: apart from the muscles' red, the nerves' yellow and
             * the orange and blue of the pain areas it sends pain to */
            float warm = rv->sample.tension;
            scene->item_tint[item][0] = 0.72f;
            scene->item_tint[item][1] = 0.30f;
            scene->item_tint[item][2] = 0.90f;
            scene->item_tint[item][3] = 0.85f * warm;
            scene->item_emissive[item] = warm * (0.25f + 0.35f * rv->sample.pulse);
        }
    }
    if (!paint_skin || !scene->skin_paint || scene->skin_item < 0) {
        return;
    }
    RefPaintKey key;
    paint_key(rv, show_zones, show_dermatomes, &key);
    /* unchanged, and nobody else has sent other paint since: what the GPU holds is right */
    if (same_paint(&key, &rv->painted) && scene->skin_paint_uploads == rv->painted.skin_uploads) {
        scene->skin_paint_strength = 1.0f;
        return;
    }
    uint32_t nv = scene->skin_vertex_count;
    float *paint = scene->skin_paint;
    memset(paint, 0, sizeof(float) * 4 * nv);
    if (show_dermatomes && compute_dermatomes(rv, scene)) {
        for (uint32_t v = 0; v < nv; v++) {
            if (rv->derm_segment[v] >= 0) {
                refview_segment_color(rv->derm_segment[v], paint + 4 * v);
                paint[4 * v + 3] = 0.75f * rv->derm_weight[v];
            }
        }
    }
    if (show_zones && rv->source >= 0 && rv->heat) {
        /* main areas vermillion, wider areas sky blue (Okabe and Ito's colour-blind-safe
         * palette): they differ in hue and in lightness from each other and from the skin
         * for protanopia, deuteranopia and tritanopia too (tests/render/cvd_check.py) */
        static const float primary_rgb[3] = {0.84f, 0.37f, 0.00f};
        static const float spill_rgb[3] = {0.34f, 0.71f, 0.91f};
        /* strongest primary and spillover heat per vertex, then one colour between them */
        float *hs = rv->heat;
        memset(hs, 0, sizeof(float) * nv);
        for (int pass = 0; pass < 2; pass++) {
            bool primary = pass == 0;
            for (int z = 0; z < rv->sample.zone_count; z++) {
                const RefZoneIntensity *zi = &rv->sample.zones[z];
                if (zi->primary != primary || zi->intensity <= 0.0f) {
                    continue;
                }
                const float *w = zone_weights(rv, scene, zi->zone);
                if (!w) {
                    continue;
                }
                for (uint32_t v = 0; v < nv; v++) {
                    float h = w[v] * zi->intensity;
                    if (primary) {
                        hs[v] = h > hs[v] ? h : hs[v];
                    } else if (h > 0.0f) {
                        /* spillover only where no primary zone is stronger */
                        float *p = paint + 4 * v;
                        if (h > hs[v] && h > p[3] * 0.5f) {
                            memcpy(p, spill_rgb, sizeof spill_rgb);
                            p[3] = h > p[3] ? h : p[3];
                        }
                    }
                }
            }
            if (primary) {
                for (uint32_t v = 0; v < nv; v++) {
                    if (hs[v] > 0.0f) {
                        float *p = paint + 4 * v;
                        memcpy(p, primary_rgb, sizeof primary_rgb);
                        p[3] = hs[v] > p[3] ? hs[v] : p[3];
                    }
                }
            }
        }
    }
    if (rv->mark_zone >= 0 || rv->mark_point_set) {
        paint_mark(rv, scene, paint);
    }
    scene_upload_skin_paint(scene, gfx);
    scene->skin_paint_strength = 1.0f;
    key.skin_uploads = scene->skin_paint_uploads;
    rv->painted = key;
}

void refview_add_signal(RefView *rv, Scene *scene, FrameDesc *frame) {
    if (!rv->loaded || rv->source < 0 || !rv->sample.signal_visible || !rv->signal_mesh.id ||
        frame->item_count >= SCENE_MAX_ITEMS) {
        return;
    }
    FrameItem *fi = &scene->frame_items[frame->item_count++];
    memset(fi, 0, sizeof *fi);
    fi->mesh = rv->signal_mesh;
    fi->color[0] = 1.0f;
    fi->color[1] = 0.85f;
    fi->color[2] = 0.35f;
    fi->color[3] = 1.0f;
    fi->emissive = 0.8f;
    fi->x_ray = true;
    memcpy(fi->offset_mm, rv->sample.signal_pos_mm, sizeof fi->offset_mm);
    fi->scale = 9.0f + 3.0f * rv->sample.pulse;
    frame->items = scene->frame_items;
}
