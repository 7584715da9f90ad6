#include "anatomy/primitives.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const float PI_F = 3.14159265358979f;

void meshbuf_free(MeshBuf *mesh) {
    free(mesh->positions);
    free(mesh->normals);
    free(mesh->indices);
    memset(mesh, 0, sizeof *mesh);
}

static bool reserve(MeshBuf *m, uint32_t more_vertices, uint32_t more_indices) {
    if (m->vertex_count + more_vertices > m->vertex_cap) {
        uint32_t cap = m->vertex_cap ? m->vertex_cap : 256;
        while (cap < m->vertex_count + more_vertices) {
            cap *= 2;
        }
        float *p = realloc(m->positions, sizeof(float) * 3 * cap);
        if (!p) {
            return false;
        }
        m->positions = p;
        float *n = realloc(m->normals, sizeof(float) * 3 * cap);
        if (!n) {
            return false;
        }
        m->normals = n;
        m->vertex_cap = cap;
    }
    if (m->index_count + more_indices > m->index_cap) {
        uint32_t cap = m->index_cap ? m->index_cap : 1024;
        while (cap < m->index_count + more_indices) {
            cap *= 2;
        }
        uint32_t *ix = realloc(m->indices, sizeof(uint32_t) * cap);
        if (!ix) {
            return false;
        }
        m->indices = ix;
        m->index_cap = cap;
    }
    return true;
}

static void push_vertex(MeshBuf *m, const float p[3], const float n[3]) {
    memcpy(m->positions + 3 * m->vertex_count, p, sizeof(float) * 3);
    memcpy(m->normals + 3 * m->vertex_count, n, sizeof(float) * 3);
    m->vertex_count++;
}

/* A grid of (rings+1) x (segments+1) vertices already pushed from `base`, wound so that
 * front faces point outwards. */
static void push_grid(MeshBuf *m, uint32_t base, int rings, int segments) {
    uint32_t cols = (uint32_t)segments + 1;
    for (uint32_t r = 0; r < (uint32_t)rings; r++) {
        for (uint32_t s = 0; s < (uint32_t)segments; s++) {
            uint32_t a = base + r * cols + s, b = a + cols;
            uint32_t *ix = m->indices + m->index_count;
            ix[0] = a;
            ix[1] = b;
            ix[2] = a + 1;
            ix[3] = a + 1;
            ix[4] = b;
            ix[5] = b + 1;
            m->index_count += 6;
        }
    }
}

bool meshbuf_add_ellipsoid(MeshBuf *mesh, const float c[3], const float radii[3], int rings,
                           int segments) {
    if (rings < 3 || segments < 3) {
        return false;
    }
    uint32_t nv = (uint32_t)((rings + 1) * (segments + 1));
    if (!reserve(mesh, nv, (uint32_t)(rings * segments * 6))) {
        return false;
    }
    uint32_t base = mesh->vertex_count;
    for (int r = 0; r <= rings; r++) {
        float theta = PI_F * (float)r / (float)rings; /* 0 at +Y */
        for (int s = 0; s <= segments; s++) {
            float phi = 2.0f * PI_F * (float)s / (float)segments;
            float u[3] = {sinf(theta) * sinf(phi), cosf(theta), sinf(theta) * cosf(phi)};
            float p[3] = {c[0] + radii[0] * u[0], c[1] + radii[1] * u[1], c[2] + radii[2] * u[2]};
            float n[3] = {u[0] / radii[0], u[1] / radii[1], u[2] / radii[2]};
            float len = sqrtf(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            for (int i = 0; i < 3; i++) {
                n[i] /= len;
            }
            push_vertex(mesh, p, n);
        }
    }
    push_grid(mesh, base, rings, segments);
    return true;
}

bool meshbuf_add_sphere(MeshBuf *mesh, const float c[3], float radius, int rings, int segments) {
    float radii[3] = {radius, radius, radius};
    return meshbuf_add_ellipsoid(mesh, c, radii, rings, segments);
}

bool meshbuf_add_capsule(MeshBuf *mesh, const float a[3], const float b[3], float radius,
                         int segments) {
    if (segments < 3) {
        return false;
    }
    float axis[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    float len = sqrtf(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    if (len < 1e-4f) {
        return meshbuf_add_sphere(mesh, a, radius, segments / 2 + 2, segments);
    }
    float w[3] = {axis[0] / len, axis[1] / len, axis[2] / len};
    /* u, v: any unit vectors perpendicular to w and to each other */
    float t[3] = {fabsf(w[0]) < 0.9f ? 1.0f : 0.0f, fabsf(w[0]) < 0.9f ? 0.0f : 1.0f, 0.0f};
    float u[3] = {w[1] * t[2] - w[2] * t[1], w[2] * t[0] - w[0] * t[2], w[0] * t[1] - w[1] * t[0]};
    float ul = sqrtf(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    for (int i = 0; i < 3; i++) {
        u[i] /= ul;
    }
    float v[3] = {w[1] * u[2] - w[2] * u[1], w[2] * u[0] - w[0] * u[2], w[0] * u[1] - w[1] * u[0]};
    int half = segments / 4 + 2; /* rings per round end */
    int rings = 2 * half + 1;
    uint32_t nv = (uint32_t)((rings + 1) * (segments + 1));
    if (!reserve(mesh, nv, (uint32_t)(rings * segments * 6))) {
        return false;
    }
    uint32_t base = mesh->vertex_count;
    for (int r = 0; r <= rings; r++) {
        /* rings 0..half: the end cap at b (theta 0..pi/2); then the cap at a. */
        float theta;
        const float *centre;
        if (r <= half) {
            theta = 0.5f * PI_F * (float)r / (float)half;
            centre = b;
        } else {
            theta = 0.5f * PI_F + 0.5f * PI_F * (float)(r - half - 1) / (float)half;
            centre = a;
        }
        for (int s = 0; s <= segments; s++) {
            float phi = 2.0f * PI_F * (float)s / (float)segments;
            float ring = sinf(theta), along = cosf(theta);
            float n[3];
            for (int i = 0; i < 3; i++) {
                n[i] = along * w[i] + ring * (cosf(phi) * u[i] + sinf(phi) * v[i]);
            }
            float p[3] = {centre[0] + radius * n[0], centre[1] + radius * n[1],
                          centre[2] + radius * n[2]};
            push_vertex(mesh, p, n);
        }
    }
    push_grid(mesh, base, rings, segments);
    return true;
}

bool meshbuf_bounds(const MeshBuf *mesh, float out_min[3], float out_max[3]) {
    if (mesh->vertex_count == 0) {
        return false;
    }
    for (int i = 0; i < 3; i++) {
        out_min[i] = out_max[i] = mesh->positions[i];
    }
    for (uint32_t k = 1; k < mesh->vertex_count; k++) {
        for (int i = 0; i < 3; i++) {
            float x = mesh->positions[3 * k + (uint32_t)i];
            out_min[i] = x < out_min[i] ? x : out_min[i];
            out_max[i] = x > out_max[i] ? x : out_max[i];
        }
    }
    return true;
}
