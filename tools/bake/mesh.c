/* mesh: surface nets over a sparsely sampled field (see mesh.h). */
#include "mesh.h"

#include <math.h>
#include <meshoptimizer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 8

typedef struct {
    const Shape *shape;
    float org[3];
    float h;
    int nx, ny, nz;    /* nodes */
    int bx, by, bz;    /* blocks */
    float *val;        /* nx*ny*nz */
    uint8_t *computed; /* per block */
    float cull;
} Grid;

typedef struct {
    Grid *g;
    int thread, threads;
    float *vpos; /* vertex jobs */
    float *vnrm;
    uint32_t vcount;
} Job;

static size_t node_index(const Grid *g, int i, int j, int k) {
    return ((size_t)k * (size_t)g->ny + (size_t)j) * (size_t)g->nx + (size_t)i;
}

static void sample_block(Grid *g, int b) {
    int bi = b % g->bx, bj = (b / g->bx) % g->by, bk = b / (g->bx * g->by);
    int i0 = bi * BLOCK, j0 = bj * BLOCK, k0 = bk * BLOCK;
    float c[3] = {g->org[0] + ((float)i0 + BLOCK * 0.5f) * g->h,
                  g->org[1] + ((float)j0 + BLOCK * 0.5f) * g->h,
                  g->org[2] + ((float)k0 + BLOCK * 0.5f) * g->h};
    float dc = shape_eval(g->shape, c);
    float half_diag = 0.5f * sqrtf(3.0f) * BLOCK * g->h;
    bool skip = fabsf(dc) > g->cull * half_diag + g->h;
    for (int k = k0; k < k0 + BLOCK && k < g->nz; k++) {
        for (int j = j0; j < j0 + BLOCK && j < g->ny; j++) {
            for (int i = i0; i < i0 + BLOCK && i < g->nx; i++) {
                float d = dc;
                if (!skip) {
                    float p[3] = {g->org[0] + (float)i * g->h, g->org[1] + (float)j * g->h,
                                  g->org[2] + (float)k * g->h};
                    d = shape_eval(g->shape, p);
                }
                g->val[node_index(g, i, j, k)] = d;
            }
        }
    }
    g->computed[b] = skip ? 0 : 1;
}

static void *sample_worker(void *arg) {
    Job *job = arg;
    int nb = job->g->bx * job->g->by * job->g->bz;
    for (int b = job->thread; b < nb; b += job->threads) {
        sample_block(job->g, b);
    }
    return NULL;
}

static void refine_vertex(const Grid *g, float p[3], float n[3]) {
    float grad[3];
    float d = shape_eval(g->shape, p);
    shape_gradient(g->shape, p, 0.5f * g->h, grad);
    float gg = grad[0] * grad[0] + grad[1] * grad[1] + grad[2] * grad[2];
    if (gg > 1e-12f) {
        float step[3] = {d * grad[0] / gg, d * grad[1] / gg, d * grad[2] / gg};
        float sl = sqrtf(step[0] * step[0] + step[1] * step[1] + step[2] * step[2]);
        float lim = 0.75f * g->h;
        if (sl > lim) {
            for (int c = 0; c < 3; c++) {
                step[c] *= lim / sl;
            }
        }
        for (int c = 0; c < 3; c++) {
            p[c] -= step[c];
        }
        shape_gradient(g->shape, p, 0.5f * g->h, grad);
        gg = grad[0] * grad[0] + grad[1] * grad[1] + grad[2] * grad[2];
    }
    if (gg > 1e-12f) {
        float il = 1.0f / sqrtf(gg);
        n[0] = grad[0] * il;
        n[1] = grad[1] * il;
        n[2] = grad[2] * il;
    } else {
        n[0] = 0;
        n[1] = 1;
        n[2] = 0;
    }
}

static void *refine_worker(void *arg) {
    Job *job = arg;
    for (uint32_t v = (uint32_t)job->thread; v < job->vcount; v += (uint32_t)job->threads) {
        refine_vertex(job->g, job->vpos + 3 * v, job->vnrm + 3 * v);
    }
    return NULL;
}

static void run_jobs(Job *jobs, int threads, void *(*fn)(void *)) {
    pthread_t tid[8];
    int started = 0;
    for (int t = 1; t < threads; t++) {
        if (pthread_create(&tid[t], NULL, fn, &jobs[t]) != 0) {
            break;
        }
        started = t;
    }
    fn(&jobs[0]);
    for (int t = 1; t <= started; t++) {
        pthread_join(tid[t], NULL);
    }
    /* threads that failed to start: run their share here */
    for (int t = started + 1; t < threads; t++) {
        fn(&jobs[t]);
    }
}

typedef struct {
    void *data;
    size_t count, cap, elem;
} Vec;

static bool vec_push(Vec *v, const void *item) {
    if (v->count == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 4096;
        void *nd = realloc(v->data, nc * v->elem);
        if (!nd) {
            return false;
        }
        v->data = nd;
        v->cap = nc;
    }
    memcpy((char *)v->data + v->count * v->elem, item, v->elem);
    v->count++;
    return true;
}

static const int corner_off[8][3] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0},
                                     {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}};
static const int edge_corners[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                        {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

static float dist2(const float *a, const float *b) {
    float d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
    return d0 * d0 + d1 * d1 + d2 * d2;
}

bool mesh_from_shape(const Shape *s, const MeshParams *params, Mesh *out, char *err,
                     size_t err_cap) {
    memset(out, 0, sizeof *out);
    Grid g;
    memset(&g, 0, sizeof g);
    g.shape = s;
    g.h = params->voxel_mm;
    g.cull = params->cull_factor > 1.0f ? params->cull_factor : 1.0f;
    float pad = 3.0f * g.h;
    for (int c = 0; c < 3; c++) {
        g.org[c] = floorf((s->bmin[c] - pad) / g.h) * g.h;
    }
    g.nx = (int)ceilf((s->bmax[0] + pad - g.org[0]) / g.h) + 1;
    g.ny = (int)ceilf((s->bmax[1] + pad - g.org[1]) / g.h) + 1;
    g.nz = (int)ceilf((s->bmax[2] + pad - g.org[2]) / g.h) + 1;
    g.bx = (g.nx + BLOCK - 1) / BLOCK;
    g.by = (g.ny + BLOCK - 1) / BLOCK;
    g.bz = (g.nz + BLOCK - 1) / BLOCK;
    size_t nn = (size_t)g.nx * (size_t)g.ny * (size_t)g.nz;
    if (nn > (size_t)400 * 1000 * 1000) {
        snprintf(err, err_cap, "grid of %dx%dx%d nodes is too large", g.nx, g.ny, g.nz);
        return false;
    }
    int nb = g.bx * g.by * g.bz;
    g.val = malloc(nn * sizeof(float));
    g.computed = calloc((size_t)nb, 1);
    int32_t *cellv = NULL;
    Vec vpos = {NULL, 0, 0, sizeof(float) * 3};
    Vec tris = {NULL, 0, 0, sizeof(uint32_t) * 3};
    bool ok = false;
    if (!g.val || !g.computed) {
        snprintf(err, err_cap, "out of memory for a %zu-node grid", nn);
        goto done;
    }
    int threads = params->threads < 1 ? 1 : (params->threads > 8 ? 8 : params->threads);
    Job jobs[8];
    for (int t = 0; t < threads; t++) {
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].g = &g;
        jobs[t].thread = t;
        jobs[t].threads = threads;
    }
    run_jobs(jobs, threads, sample_worker);

    /* One vertex per cell with a sign change, numbered in block order, then cell order. */
    cellv = malloc(nn * sizeof(int32_t));
    if (!cellv) {
        snprintf(err, err_cap, "out of memory");
        goto done;
    }
    memset(cellv, 0xff, nn * sizeof(int32_t));
    for (int b = 0; b < nb; b++) {
        if (!g.computed[b]) {
            continue;
        }
        int bi = b % g.bx, bj = (b / g.bx) % g.by, bk = b / (g.bx * g.by);
        for (int k = bk * BLOCK; k < bk * BLOCK + BLOCK && k < g.nz - 1; k++) {
            for (int j = bj * BLOCK; j < bj * BLOCK + BLOCK && j < g.ny - 1; j++) {
                for (int i = bi * BLOCK; i < bi * BLOCK + BLOCK && i < g.nx - 1; i++) {
                    float cv[8];
                    int mask = 0;
                    for (int c = 0; c < 8; c++) {
                        cv[c] = g.val[node_index(&g, i + corner_off[c][0], j + corner_off[c][1],
                                                 k + corner_off[c][2])];
                        if (cv[c] < 0.0f) {
                            mask |= 1 << c;
                        }
                    }
                    if (mask == 0 || mask == 255) {
                        continue;
                    }
                    float acc[3] = {0, 0, 0};
                    int n = 0;
                    for (int e = 0; e < 12; e++) {
                        int c0 = edge_corners[e][0], c1 = edge_corners[e][1];
                        bool in0 = cv[c0] < 0.0f, in1 = cv[c1] < 0.0f;
                        if (in0 == in1) {
                            continue;
                        }
                        float t = cv[c0] / (cv[c0] - cv[c1]);
                        for (int a = 0; a < 3; a++) {
                            float o0 = (float)corner_off[c0][a], o1 = (float)corner_off[c1][a];
                            acc[a] += o0 + (o1 - o0) * t;
                        }
                        n++;
                    }
                    float p[3] = {g.org[0] + ((float)i + acc[0] / (float)n) * g.h,
                                  g.org[1] + ((float)j + acc[1] / (float)n) * g.h,
                                  g.org[2] + ((float)k + acc[2] / (float)n) * g.h};
                    if (vpos.count >= 0x7fffffff || !vec_push(&vpos, p)) {
                        snprintf(err, err_cap, "out of memory for vertices");
                        goto done;
                    }
                    cellv[node_index(&g, i, j, k)] = (int32_t)(vpos.count - 1);
                }
            }
        }
    }
    /* One quad per grid edge with a sign change, joining the four cells around it. */
    for (int b = 0; b < nb; b++) {
        if (!g.computed[b]) {
            continue;
        }
        int bi = b % g.bx, bj = (b / g.bx) % g.by, bk = b / (g.bx * g.by);
        for (int k = bk * BLOCK; k < bk * BLOCK + BLOCK && k < g.nz; k++) {
            for (int j = bj * BLOCK; j < bj * BLOCK + BLOCK && j < g.ny; j++) {
                for (int i = bi * BLOCK; i < bi * BLOCK + BLOCK && i < g.nx; i++) {
                    float d0 = g.val[node_index(&g, i, j, k)];
                    for (int axis = 0; axis < 3; axis++) {
                        int i1 = i + (axis == 0), j1 = j + (axis == 1), k1 = k + (axis == 2);
                        if (i1 >= g.nx || j1 >= g.ny || k1 >= g.nz) {
                            continue;
                        }
                        float d1 = g.val[node_index(&g, i1, j1, k1)];
                        bool in0 = d0 < 0.0f, in1 = d1 < 0.0f;
                        if (in0 == in1) {
                            continue;
                        }
                        /* the two other axes */
                        int ua = (axis + 1) % 3, va = (axis + 2) % 3;
                        int base[3] = {i, j, k};
                        int32_t q[4];
                        bool valid = true;
                        for (int c = 0; c < 4; c++) {
                            int cc[3] = {base[0], base[1], base[2]};
                            cc[ua] -= (c == 1 || c == 2) ? 1 : 0;
                            cc[va] -= (c >= 2) ? 1 : 0;
                            if (cc[0] < 0 || cc[1] < 0 || cc[2] < 0) {
                                valid = false;
                                break;
                            }
                            q[c] = cellv[node_index(&g, cc[0], cc[1], cc[2])];
                            if (q[c] < 0) {
                                valid = false;
                                break;
                            }
                        }
                        if (!valid) {
                            continue;
                        }
                        /* cells in order (0,0) (-u,0) (-u,-v) (0,-v): counter-clockwise
                         * about +axis; face outward = towards the outside node */
                        if (!in0) {
                            int32_t t = q[1];
                            q[1] = q[3];
                            q[3] = t;
                        }
                        const float *P = vpos.data;
                        float d02 = dist2(P + 3 * q[0], P + 3 * q[2]);
                        float d13 = dist2(P + 3 * q[1], P + 3 * q[3]);
                        uint32_t t0[3], t1[3];
                        if (d02 <= d13) {
                            uint32_t a[3] = {(uint32_t)q[0], (uint32_t)q[1], (uint32_t)q[2]};
                            uint32_t bb[3] = {(uint32_t)q[0], (uint32_t)q[2], (uint32_t)q[3]};
                            memcpy(t0, a, sizeof a);
                            memcpy(t1, bb, sizeof bb);
                        } else {
                            uint32_t a[3] = {(uint32_t)q[0], (uint32_t)q[1], (uint32_t)q[3]};
                            uint32_t bb[3] = {(uint32_t)q[1], (uint32_t)q[2], (uint32_t)q[3]};
                            memcpy(t0, a, sizeof a);
                            memcpy(t1, bb, sizeof bb);
                        }
                        if (!vec_push(&tris, t0) || !vec_push(&tris, t1)) {
                            snprintf(err, err_cap, "out of memory for triangles");
                            goto done;
                        }
                    }
                }
            }
        }
    }
    if (tris.count == 0) {
        snprintf(err, err_cap, "the shape produced no surface");
        goto done;
    }
    out->vcount = (uint32_t)vpos.count;
    out->pos = vpos.data;
    vpos.data = NULL;
    out->nrm = malloc((size_t)out->vcount * 3 * sizeof(float));
    out->icount = (uint32_t)(tris.count * 3);
    out->idx = tris.data;
    tris.data = NULL;
    if (!out->nrm) {
        snprintf(err, err_cap, "out of memory");
        mesh_free(out);
        goto done;
    }
    for (int t = 0; t < threads; t++) {
        jobs[t].vpos = out->pos;
        jobs[t].vnrm = out->nrm;
        jobs[t].vcount = out->vcount;
    }
    run_jobs(jobs, threads, refine_worker);
    ok = true;
done:
    free(g.val);
    free(g.computed);
    free(cellv);
    free(vpos.data);
    free(tris.data);
    return ok;
}

bool mesh_simplify(const Mesh *src, float ratio, float max_error_mm, Mesh *out) {
    memset(out, 0, sizeof *out);
    uint32_t *idx = malloc((size_t)src->icount * sizeof(uint32_t));
    if (!idx) {
        return false;
    }
    size_t target = (size_t)((double)src->icount * (double)ratio) / 3 * 3;
    if (target < 3) {
        target = 3;
    }
    float scale = meshopt_simplifyScale(src->pos, src->vcount, sizeof(float) * 3);
    float rel = scale > 0 ? max_error_mm / scale : 0.01f;
    float result_err = 0;
    size_t n = meshopt_simplify(idx, src->idx, src->icount, src->pos, src->vcount,
                                sizeof(float) * 3, target, rel, 0, &result_err);
    /* drop triangles that reuse a vertex (their two real edges cancel, so the surface
     * stays closed); zero-area triangles with distinct vertices are kept for the same reason */
    size_t w = 0;
    for (size_t t = 0; t + 2 < n; t += 3) {
        uint32_t a = idx[t], b = idx[t + 1], c = idx[t + 2];
        if (a == b || b == c || a == c) {
            continue;
        }
        idx[w++] = a;
        idx[w++] = b;
        idx[w++] = c;
    }
    n = w;
    meshopt_optimizeVertexCache(idx, idx, n, src->vcount);
    /* interleave, then let meshoptimizer compact and reorder the vertices */
    float *inter = malloc((size_t)src->vcount * 6 * sizeof(float));
    float *packed = malloc((size_t)src->vcount * 6 * sizeof(float));
    if (!inter || !packed) {
        free(idx);
        free(inter);
        free(packed);
        return false;
    }
    for (uint32_t v = 0; v < src->vcount; v++) {
        memcpy(inter + 6 * v, src->pos + 3 * v, 3 * sizeof(float));
        memcpy(inter + 6 * v + 3, src->nrm + 3 * v, 3 * sizeof(float));
    }
    size_t vc = meshopt_optimizeVertexFetch(packed, idx, n, inter, src->vcount, 6 * sizeof(float));
    free(inter);
    out->vcount = (uint32_t)vc;
    out->icount = (uint32_t)n;
    out->idx = idx;
    out->pos = malloc(vc * 3 * sizeof(float));
    out->nrm = malloc(vc * 3 * sizeof(float));
    if (!out->pos || !out->nrm) {
        free(packed);
        mesh_free(out);
        return false;
    }
    for (size_t v = 0; v < vc; v++) {
        memcpy(out->pos + 3 * v, packed + 6 * v, 3 * sizeof(float));
        memcpy(out->nrm + 3 * v, packed + 6 * v + 3, 3 * sizeof(float));
    }
    free(packed);
    return true;
}

bool mesh_mirror_x(const Mesh *src, Mesh *out) {
    memset(out, 0, sizeof *out);
    out->pos = malloc((size_t)src->vcount * 3 * sizeof(float));
    out->nrm = malloc((size_t)src->vcount * 3 * sizeof(float));
    out->idx = malloc((size_t)src->icount * sizeof(uint32_t));
    if (!out->pos || !out->nrm || !out->idx) {
        mesh_free(out);
        return false;
    }
    out->vcount = src->vcount;
    out->icount = src->icount;
    for (uint32_t v = 0; v < src->vcount; v++) {
        out->pos[3 * v] = -src->pos[3 * v];
        out->pos[3 * v + 1] = src->pos[3 * v + 1];
        out->pos[3 * v + 2] = src->pos[3 * v + 2];
        out->nrm[3 * v] = -src->nrm[3 * v];
        out->nrm[3 * v + 1] = src->nrm[3 * v + 1];
        out->nrm[3 * v + 2] = src->nrm[3 * v + 2];
    }
    for (uint32_t t = 0; t + 2 < src->icount; t += 3) {
        out->idx[t] = src->idx[t];
        out->idx[t + 1] = src->idx[t + 2];
        out->idx[t + 2] = src->idx[t + 1];
    }
    return true;
}

static int cmp_edge(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

uint32_t mesh_count_open_edges(const Mesh *m) {
    uint64_t *e = malloc((size_t)m->icount * sizeof(uint64_t));
    if (!e) {
        return UINT32_MAX;
    }
    for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
        for (int k = 0; k < 3; k++) {
            uint64_t a = m->idx[t + (uint32_t)k], b = m->idx[t + (uint32_t)(k + 1) % 3];
            e[t + (uint32_t)k] = a < b ? (a << 32 | b) : (b << 32 | a);
        }
    }
    qsort(e, m->icount, sizeof *e, cmp_edge);
    uint32_t open = 0;
    for (uint32_t i = 0; i < m->icount;) {
        uint32_t j = i;
        while (j < m->icount && e[j] == e[i]) {
            j++;
        }
        open += (j - i) % 2;
        i = j;
    }
    free(e);
    return open;
}

void mesh_free(Mesh *m) {
    if (!m) {
        return;
    }
    free(m->pos);
    free(m->nrm);
    free(m->idx);
    memset(m, 0, sizeof *m);
}
