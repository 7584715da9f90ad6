/* painmap_bake: reads assets/anatomy (landmarks.json, structures.json and the files it
 * includes), meshes every structure and writes body.glb. Paired structures are meshed once
 * (right side) and mirrored for the left. Usage: see usage() below. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anatomy/landmarks.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "glb_write.h"
#include "mesh.h"
#include "preview.h"
#include "skin_attrs.h"
#include "spec.h"

static void usage(void) {
    fprintf(stderr,
            "usage: painmap_bake [--assets DIR] -o OUT.glb [--threads N] [--voxel-scale S]\n"
            "                    [--only ID,...] [--preview DIR] [--quiet]\n"
            "  --voxel-scale S  multiply every voxel size by S (PAINMAP_BAKE_FAST=1 means 2)\n");
}

typedef struct {
    Mesh full_res;
    Mesh lod[2];
    Mesh mirrored[2];
    float *attr_data[2][GLB_MAX_ATTRS]; /* skin only: per lod */
    int attr_count;
} Baked;

static double now_sec(void) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double signed_volume(const Mesh *m) {
    double v = 0;
    for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
        const float *a = m->pos + 3 * m->idx[t], *b = m->pos + 3 * m->idx[t + 1],
                    *c = m->pos + 3 * m->idx[t + 2];
        v += ((double)a[0] * ((double)b[1] * c[2] - (double)b[2] * c[1]) -
              (double)a[1] * ((double)b[0] * c[2] - (double)b[2] * c[0]) +
              (double)a[2] * ((double)b[0] * c[1] - (double)b[1] * c[0])) /
             6.0;
    }
    return v;
}

static bool read_file(const char *dir, const char *name, char **data, size_t *len, char *path,
                      size_t path_cap, char *err, size_t err_cap) {
    if (!path_join(path, path_cap, dir, name)) {
        snprintf(err, err_cap, "%s/%s: path too long", dir, name);
        return false;
    }
    return file_read_all(path, data, len, err, err_cap);
}

static bool in_only_list(const char *only, const char *id) {
    if (!only) {
        return true;
    }
    size_t n = strlen(id);
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && strncmp(p, id, n) == 0) {
            return true;
        }
        p += l + (e ? 1 : 0);
    }
    return false;
}

static void kind_colour(const char *kind, const char *layer, unsigned char rgb[3]) {
    if (strcmp(kind, "bone") == 0) {
        rgb[0] = 232, rgb[1] = 222, rgb[2] = 196;
    } else if (strcmp(kind, "muscle") == 0) {
        bool deep = strcmp(layer, "deep_muscles") == 0;
        rgb[0] = deep ? 205 : 170, rgb[1] = deep ? 90 : 60, rgb[2] = deep ? 80 : 60;
    } else if (strcmp(kind, "nerve") == 0) {
        rgb[0] = 250, rgb[1] = 215, rgb[2] = 50;
    } else if (strcmp(kind, "ligament") == 0) {
        rgb[0] = 150, rgb[1] = 180, rgb[2] = 215;
    } else {
        rgb[0] = 225, rgb[1] = 180, rgb[2] = 155;
    }
}

int main(int argc, char **argv) {
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    const char *out_path = NULL, *only = NULL, *preview_dir = NULL;
    int threads = 2;
    float voxel_scale = 1.0f;
    bool quiet = false;
    const char *fast = getenv("PAINMAP_BAKE_FAST");
    if (fast && strcmp(fast, "1") == 0) {
        voxel_scale = 2.0f;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (strcmp(a, "--assets") == 0 && has_val) {
            assets = argv[++i];
        } else if (strcmp(a, "-o") == 0 && has_val) {
            out_path = argv[++i];
        } else if (strcmp(a, "--threads") == 0 && has_val) {
            long t;
            if (!str_parse_int(argv[++i], 1, 8, &t)) {
                fprintf(stderr, "painmap_bake: --threads wants 1..8\n");
                return 2;
            }
            threads = (int)t;
        } else if (strcmp(a, "--voxel-scale") == 0 && has_val) {
            if (!str_parse_float(argv[++i], &voxel_scale) || voxel_scale < 0.25f ||
                voxel_scale > 8.0f) {
                fprintf(stderr, "painmap_bake: --voxel-scale wants 0.25..8\n");
                return 2;
            }
        } else if (strcmp(a, "--only") == 0 && has_val) {
            only = argv[++i];
        } else if (strcmp(a, "--preview") == 0 && has_val) {
            preview_dir = argv[++i];
        } else if (strcmp(a, "--quiet") == 0) {
            quiet = true;
        } else {
            usage();
            return 2;
        }
    }
    if (!out_path && !preview_dir) {
        usage();
        return 2;
    }
    if (!assets) {
        assets = "assets";
    }
    char dir[1024], path[1200], err[1024];
    if (!path_join(dir, sizeof dir, assets, "anatomy")) {
        fprintf(stderr, "painmap_bake: assets path too long\n");
        return 2;
    }
    double t0 = now_sec();
    char *data = NULL;
    size_t len = 0;
    LandmarkSet lms = {0};
    if (!read_file(dir, "landmarks.json", &data, &len, path, sizeof path, err, sizeof err) ||
        !landmarks_parse(data, len, path, &lms, err, sizeof err)) {
        fprintf(stderr, "painmap_bake: %s\n", err);
        free(data);
        return 2;
    }
    free(data);
    SpecSet specs = {0};
    char **inc = NULL;
    int inc_n = 0;
    if (!read_file(dir, "structures.json", &data, &len, path, sizeof path, err, sizeof err) ||
        !spec_parse(data, len, path, &lms, &specs, &inc, &inc_n, err, sizeof err)) {
        fprintf(stderr, "painmap_bake: %s\n", err);
        free(data);
        return 2;
    }
    free(data);
    int rc = 0;
    for (int i = 0; i < inc_n; i++) {
        if (rc == 0) {
            if (!read_file(dir, inc[i], &data, &len, path, sizeof path, err, sizeof err) ||
                !spec_parse(data, len, path, &lms, &specs, NULL, NULL, err, sizeof err)) {
                fprintf(stderr, "painmap_bake: %s\n", err);
                rc = 2;
            }
            free(data);
            data = NULL;
        }
        free(inc[i]);
    }
    free(inc);
    if (rc != 0) {
        spec_free(&specs);
        landmarks_free(&lms);
        return rc;
    }
    Baked *baked = calloc((size_t)(specs.count > 0 ? specs.count : 1), sizeof *baked);
    GlbNode *nodes = calloc((size_t)(specs.count > 0 ? 2 * specs.count : 1), sizeof *nodes);
    PreviewItem *pitems = calloc((size_t)(specs.count > 0 ? 2 * specs.count : 1), sizeof *pitems);
    const StructSpec **pspec =
        calloc((size_t)(specs.count > 0 ? 2 * specs.count : 1), sizeof *pspec);
    if (!baked || !nodes || !pitems || !pspec) {
        fprintf(stderr, "painmap_bake: out of memory\n");
        return 1;
    }
    int node_count = 0;
    long total_tris[2] = {0, 0};
    for (int i = 0; i < specs.count && rc == 0; i++) {
        const StructSpec *s = &specs.items[i];
        if (!in_only_list(only, s->id)) {
            continue;
        }
        double ts = now_sec();
        Baked *b = &baked[i];
        MeshParams mp = {s->voxel_mm * voxel_scale, s->cull, threads};
        if (!mesh_from_shape(&s->shape, &mp, &b->full_res, err, sizeof err)) {
            fprintf(stderr, "painmap_bake: %s: %s\n", s->id, err);
            rc = 1;
            break;
        }
        uint32_t open = mesh_count_open_edges(&b->full_res);
        double vol = signed_volume(&b->full_res);
        float lod_ratio[2] = {s->lod_full, s->lod_tablet};
        float lod_err[2] = {s->err_full_mm, s->err_tablet_mm};
        for (int l = 0; l < 2; l++) {
            if (!mesh_simplify(&b->full_res, lod_ratio[l], lod_err[l] * voxel_scale, &b->lod[l])) {
                fprintf(stderr, "painmap_bake: %s: simplification failed\n", s->id);
                rc = 1;
                break;
            }
        }
        if (rc != 0) {
            break;
        }
        if (!quiet) {
            fprintf(stderr,
                    "%-34s voxel %.2f  raw %7u tris  full %6u  tablet %6u  open %u  vol %.0f "
                    "cm3  %.2fs\n",
                    s->id, (double)mp.voxel_mm, b->full_res.icount / 3, b->lod[0].icount / 3,
                    b->lod[1].icount / 3, open, vol / 1000.0, now_sec() - ts);
        }
        if (open != 0) {
            fprintf(stderr, "painmap_bake: warning: %s has %u open edges\n", s->id, open);
        }
        if (vol <= 0) {
            fprintf(stderr, "painmap_bake: %s: the mesh is inside out (volume %.0f)\n", s->id, vol);
            rc = 1;
            break;
        }
        mesh_free(&b->full_res); /* the levels are copies: keep the peak memory down */
        if (strcmp(s->kind, "skin") == 0) {
            for (int l = 0; l < 2; l++) {
                int n = 0;
                if (!skin_attrs_compute(&b->lod[l], &lms, dir, b->attr_data[l], &n, err,
                                        sizeof err)) {
                    fprintf(stderr, "painmap_bake: %s: %s\n", s->id, err);
                    rc = 2;
                    break;
                }
                b->attr_count = n;
            }
        }
        int sides = s->paired ? 2 : 1;
        for (int side = 0; side < sides && rc == 0; side++) {
            GlbNode *n = &nodes[node_count];
            snprintf(n->id, sizeof n->id, "%s%s", s->id,
                     s->paired ? (side == 0 ? "_r" : "_l") : "");
            n->kind = s->kind;
            n->side = s->paired ? (side == 0 ? "right" : "left") : "midline";
            n->layer = s->layer;
            n->name = s->name;
            n->fma_id = s->fma_id;
            for (int l = 0; l < 2; l++) {
                if (side == 1) {
                    if (!mesh_mirror_x(&b->lod[l], &b->mirrored[l])) {
                        fprintf(stderr, "painmap_bake: out of memory\n");
                        rc = 1;
                        break;
                    }
                    n->lod[l].mesh = &b->mirrored[l];
                } else {
                    n->lod[l].mesh = &b->lod[l];
                }
                static const char *const names[2] = {"_DERM_KG", "_DERM_LEE"};
                for (int k = 0; k < b->attr_count && k < 2; k++) {
                    n->lod[l].attrs[k].name = names[k];
                    n->lod[l].attrs[k].data = b->attr_data[l][k];
                }
                n->lod[l].attr_count = b->attr_count < 2 ? b->attr_count : 2;
                total_tris[l] += (long)(n->lod[l].mesh->icount / 3);
            }
            pitems[node_count].mesh = n->lod[0].mesh;
            kind_colour(s->kind, s->layer, pitems[node_count].rgb);
            pspec[node_count] = s;
            node_count++;
        }
    }
    if (rc == 0 && out_path) {
        unsigned char *glb = NULL;
        size_t glb_len = 0;
        if (!glb_build(nodes, node_count, "painmap_bake " PAINMAP_VERSION, &glb, &glb_len, err,
                       sizeof err) ||
            !file_write_atomic(out_path, glb, glb_len, err, sizeof err)) {
            fprintf(stderr, "painmap_bake: %s\n", err);
            rc = 1;
        }
        free(glb);
        if (rc == 0 && !quiet) {
            fprintf(stderr,
                    "painmap_bake: wrote %s: %d nodes, full %ld tris, tablet %ld tris, %.1f MB, "
                    "%.1fs\n",
                    out_path, node_count, total_tris[0], total_tris[1], (double)glb_len / 1e6,
                    now_sec() - t0);
        }
    }
    if (rc == 0 && preview_dir) {
        static const char *const views[] = {"anterior", "posterior", "left", "right"};
        static const char *const sets[] = {"all", "deep", "bones", "skin"};
        PreviewItem *sel = calloc((size_t)(node_count > 0 ? node_count : 1), sizeof *sel);
        for (int v = 0; sel && v < 4; v++) {
            for (int st = 0; st < 4; st++) {
                int ns = 0;
                for (int i = 0; i < node_count; i++) {
                    const char *layer = pspec[i]->layer;
                    bool want = false;
                    if (st == 0) {
                        want = strcmp(layer, "skin") != 0;
                    } else if (st == 1) {
                        want = strcmp(layer, "bones") == 0 || strcmp(layer, "nerves") == 0 ||
                               strcmp(layer, "deep_muscles") == 0;
                    } else if (st == 2) {
                        want = strcmp(layer, "bones") == 0;
                    } else {
                        want = true;
                    }
                    if (want) {
                        sel[ns++] = pitems[i];
                    }
                }
                if (ns == 0) {
                    continue;
                }
                for (int zoom = 0; zoom < 2; zoom++) {
                    char name[64];
                    snprintf(name, sizeof name, "%s_%s%s.png", sets[st], views[v],
                             zoom ? "_pelvis" : "");
                    if (path_join(path, sizeof path, preview_dir, name) &&
                        !preview_write_png(path, views[v], sel, ns, zoom ? 900 : 700, 900,
                                           zoom ? -140.0f : -2000.0f, zoom ? 330.0f : 2000.0f)) {
                        fprintf(stderr, "painmap_bake: could not write %s\n", path);
                    }
                }
            }
        }
        free(sel);
    }
    for (int i = 0; i < specs.count; i++) {
        mesh_free(&baked[i].full_res);
        for (int l = 0; l < 2; l++) {
            mesh_free(&baked[i].lod[l]);
            mesh_free(&baked[i].mirrored[l]);
            for (int k = 0; k < GLB_MAX_ATTRS; k++) {
                free(baked[i].attr_data[l][k]);
            }
        }
    }
    free(baked);
    free(nodes);
    free(pitems);
    free(pspec);
    spec_free(&specs);
    landmarks_free(&lms);
    return rc;
}
