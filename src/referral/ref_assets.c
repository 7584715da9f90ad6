#include "referral/ref_assets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/strutil.h"

static char *read_rel(const char *dir, const char *rel, size_t *out_len, ContentDiag *diag) {
    char path[1024];
    if (!path_join(path, sizeof path, dir, rel)) {
        content_diag_add(diag, rel, NULL, "path too long");
        return NULL;
    }
    char *data = NULL;
    char err[512];
    if (!file_read_all(path, &data, out_len, err, sizeof err)) {
        content_diag_add(diag, rel, NULL, "cannot read (%s)", err);
        return NULL;
    }
    return data;
}

static void load_landmark_file(const char *dir, const char *rel, LandmarkSet *set,
                               ContentDiag *diag) {
    size_t len = 0;
    char *data = read_rel(dir, rel, &len, diag);
    if (!data) {
        return;
    }
    char err[512];
    if (!landmarks_parse(data, len, rel, set, err, sizeof err)) {
        content_diag_add_line(diag, err); /* err already starts with the file's name */
    }
    free(data);
}

bool ref_assets_load(const char *assets_dir, const char *locale, const char *const *node_names,
                     int node_count, RefAssets *out, ContentDiag *diag) {
    memset(out, 0, sizeof *out);
    int before = diag->count;
    if (!locale || !locale[0]) {
        locale = "en";
    }
    load_landmark_file(assets_dir, "anatomy/landmarks.json", &out->landmarks, diag);
    load_landmark_file(assets_dir, "anatomy/skin_points.json", &out->landmarks, diag);

    size_t zl = 0, dl = 0;
    char *zj = read_rel(assets_dir, "anatomy/zones.json", &zl, diag);
    char *dj = read_rel(assets_dir, "anatomy/dermatomes.json", &dl, diag);
    bool shapes_parsed = zj && dj;
    ref_shapes_load(zj, zl, "anatomy/zones.json", dj, dl, "anatomy/dermatomes.json",
                    &out->landmarks, &out->shapes, diag);
    free(zj);
    free(dj);

    /* the content is checked against the landmarks and shapes loaded above */
    int nl = out->landmarks.count;
    const char **lm_ids = malloc((size_t)(nl ? nl : 1) * sizeof *lm_ids);
    int ns = out->shapes.zones.shape_count;
    for (int m = 0; m < out->shapes.map_count; m++) {
        ns += out->shapes.maps[m].shape_count;
    }
    const char **shape_ids = malloc((size_t)(ns ? ns : 1) * sizeof *shape_ids);
    if (!lm_ids || !shape_ids) {
        free(lm_ids);
        free(shape_ids);
        content_diag_add(diag, assets_dir, NULL, "out of memory");
        return false;
    }
    for (int i = 0; i < nl; i++) {
        lm_ids[i] = out->landmarks.items[i].id;
    }
    int k = 0;
    for (int i = 0; i < out->shapes.zones.shape_count; i++) {
        shape_ids[k++] = out->shapes.zones.shapes[i].id;
    }
    /* dermatome ids once (every map has the same set; the shapes loader checks that) */
    if (out->shapes.map_count > 0) {
        for (int i = 0; i < out->shapes.maps[0].shape_count; i++) {
            shape_ids[k++] = out->shapes.maps[0].shapes[i].id;
        }
    }

    ContentCheck check = {0};
    check.landmark_ids = lm_ids;
    check.landmark_count = nl;
    if (shapes_parsed) {
        check.zone_shape_ids = shape_ids;
        check.zone_shape_count = k;
    }
    check.node_names = node_names;
    check.node_count = node_names ? node_count : 0;

    /* the locale's texts over English, item by item (content_load_locale_dir) */
    char dir[1024], err[512];
    bool content_ok = false;
    char base[1100];
    if (path_join(dir, sizeof dir, assets_dir, "content") &&
        path_join(base, sizeof base, dir, "en")) {
        content_ok = file_is_dir(base);
        content_load_locale_dir(dir, locale, &check, &out->content, diag);
    } else {
        content_diag_add(diag, "content", NULL, "path too long");
    }
    free(lm_ids);
    free(shape_ids);
    if (content_ok) {
        out->engine_ready = ref_engine_create(&out->engine, &out->content, &out->shapes,
                                              &out->landmarks, err, sizeof err);
    }
    return diag->count == before;
}

void ref_assets_free(RefAssets *assets) {
    if (assets->engine_ready) {
        ref_engine_destroy(&assets->engine);
    }
    content_free(&assets->content);
    ref_shapes_free(&assets->shapes);
    landmarks_free(&assets->landmarks);
    memset(assets, 0, sizeof *assets);
}

void ref_assets_attach_body(RefAssets *assets, const Body *body) {
    if (!assets->engine_ready) {
        return;
    }
    for (int i = 0; i < body->count; i++) {
        int s = content_find_structure(&assets->content, body->items[i].id);
        const BodyMesh *m = &body->items[i].lod[BODY_LOD_FULL];
        if (s < 0 || m->vcount == 0) {
            continue;
        }
        double sum[3] = {0, 0, 0};
        for (uint32_t v = 0; v < m->vcount; v++) {
            for (int k = 0; k < 3; k++) {
                sum[k] += m->pos[v * 3 + (uint32_t)k];
            }
        }
        float c[3];
        for (int k = 0; k < 3; k++) {
            c[k] = (float)(sum[k] / m->vcount);
        }
        ref_engine_set_structure_pos(&assets->engine, s, c);
    }
}
