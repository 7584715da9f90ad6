#include "app/refview.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/primitives.h"
#include "core/log.h"

bool refview_load(RefView *rv, const char *assets_dir, const Scene *scene, Gfx *gfx, char *err,
                  size_t err_cap) {
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
    bool clean = ref_assets_load(assets_dir, "en", n ? names : NULL, n, &rv->assets, &diag);
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
        snprintf(err, err_cap, "--source: unknown source '%s'%s%s%s%s%s%s (painmap list sources)",
                 id, nb > 0 ? "; did you mean " : "", nb > 0 ? best[0] : "", nb > 1 ? ", " : "",
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

void refview_apply(RefView *rv, Scene *scene, Gfx *gfx, float t_sec) {
    memset(scene->item_emissive, 0, sizeof scene->item_emissive);
    memset(scene->item_tint, 0, sizeof scene->item_tint);
    scene->skin_heat_strength = 0.0f;
    if (!rv->loaded || rv->source < 0) {
        return;
    }
    const RefEngine *eng = &rv->assets.engine;
    ref_timeline(eng, rv->source, t_sec, &rv->sample);
    const ContentSource *src = &rv->assets.content.sources[rv->source];
    /* the source warms towards a hot orange and glows with the pulse */
    const char *sid = rv->assets.content.structures[src->structure].id;
    int item = scene_find(scene, sid);
    if (item >= 0) {
        float warm = rv->sample.tension;
        scene->item_tint[item][0] = 1.0f;
        scene->item_tint[item][1] = 0.45f;
        scene->item_tint[item][2] = 0.10f;
        scene->item_tint[item][3] = 0.85f * warm;
        scene->item_emissive[item] = warm * (0.25f + 0.35f * rv->sample.pulse);
    }
    if (!rv->heat || scene->skin_item < 0) {
        return;
    }
    uint32_t nv = scene->skin_vertex_count;
    memset(rv->heat, 0, sizeof(float) * nv);
    for (int z = 0; z < rv->sample.zone_count; z++) {
        float k = rv->sample.zones[z].intensity;
        if (k <= 0.0f) {
            continue;
        }
        const float *w = zone_weights(rv, scene, rv->sample.zones[z].zone);
        if (!w) {
            continue;
        }
        for (uint32_t v = 0; v < nv; v++) {
            float h = w[v] * k;
            rv->heat[v] = h > rv->heat[v] ? h : rv->heat[v];
        }
    }
    gfx_update_heat(gfx, scene->items[scene->skin_item].mesh, rv->heat, nv);
    scene->skin_heat_strength = 1.0f;
    scene->skin_heat_color[0] = 0.95f;
    scene->skin_heat_color[1] = 0.16f;
    scene->skin_heat_color[2] = 0.10f;
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
