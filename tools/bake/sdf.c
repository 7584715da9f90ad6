/* sdf: primitives and shape evaluation (see sdf.h). Formulas for the round cone, capped
 * cylinder, rounded box and ellipsoid bound follow Inigo Quilez's published derivations. */
#include "sdf.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct Plate {
    float o[3], u[3], v[3], n[3];
    int degree;
    double coef[10];
    int poly_n;
    float *poly; /* 2D outline (u, v) pairs */
    int tn;
    float *tpts; /* (u, v, thickness) triples */
};

static float dot3(const float a[3], const float b[3]) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
static void sub3(float out[3], const float a[3], const float b[3]) {
    out[0] = a[0] - b[0];
    out[1] = a[1] - b[1];
    out[2] = a[2] - b[2];
}
static void cross3(float out[3], const float a[3], const float b[3]) {
    float r[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    memcpy(out, r, sizeof r);
}
static float len3(const float a[3]) {
    return sqrtf(dot3(a, a));
}
static void norm3(float a[3]) {
    float l = len3(a);
    if (l > 1e-12f) {
        a[0] /= l;
        a[1] /= l;
        a[2] /= l;
    }
}
static float clampf(float x, float lo, float hi) {
    return x < lo ? lo : (x > hi ? hi : x);
}
static float maxf(float a, float b) {
    return a > b ? a : b;
}
static float minf(float a, float b) {
    return a < b ? a : b;
}

float sdf_smin(float a, float b, float k) {
    if (k <= 0.0f) {
        return minf(a, b);
    }
    float h = maxf(k - fabsf(a - b), 0.0f) / k;
    return minf(a, b) - h * h * k * 0.25f;
}

float sdf_smax(float a, float b, float k) {
    return -sdf_smin(-a, -b, k);
}

static void box_from_point(Prim *p, const float c[3], float r) {
    for (int i = 0; i < 3; i++) {
        p->bmin[i] = c[i] - r;
        p->bmax[i] = c[i] + r;
    }
}
static void box_grow(Prim *p, const float c[3], float r) {
    for (int i = 0; i < 3; i++) {
        p->bmin[i] = minf(p->bmin[i], c[i] - r);
        p->bmax[i] = maxf(p->bmax[i], c[i] + r);
    }
}

/* Orthonormal rows rot[0..2] from an x axis and a hint for y. */
static void make_frame(float rot[9], const float x_axis[3], const float y_hint[3]) {
    float x[3] = {1, 0, 0}, y[3] = {0, 1, 0}, z[3];
    if (x_axis && len3(x_axis) > 1e-6f) {
        memcpy(x, x_axis, sizeof x);
        norm3(x);
    }
    float hint[3] = {0, 1, 0};
    if (y_hint && len3(y_hint) > 1e-6f) {
        memcpy(hint, y_hint, sizeof hint);
    }
    if (fabsf(dot3(x, hint)) > 0.99f * len3(hint)) {
        hint[0] = 0;
        hint[1] = 0;
        hint[2] = 1;
        if (fabsf(x[2]) > 0.9f) {
            hint[0] = 0;
            hint[1] = 1;
            hint[2] = 0;
        }
    }
    cross3(z, x, hint);
    norm3(z);
    cross3(y, z, x);
    norm3(y);
    memcpy(rot, x, sizeof x);
    memcpy(rot + 3, y, sizeof y);
    memcpy(rot + 6, z, sizeof z);
}

void prim_sphere(Prim *p, const float c[3], float r) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_SPHERE;
    memcpy(p->a, c, sizeof p->a);
    p->ra = r;
    box_from_point(p, c, r);
}

void prim_ellipsoid(Prim *p, const float c[3], const float radii[3], const float x_axis[3],
                    const float y_hint[3]) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_ELLIPSOID;
    memcpy(p->a, c, sizeof p->a);
    memcpy(p->rad, radii, sizeof p->rad);
    make_frame(p->rot, x_axis, y_hint);
    float r = maxf(radii[0], maxf(radii[1], radii[2]));
    box_from_point(p, c, r);
}

void prim_capsule(Prim *p, const float a[3], const float b[3], float ra, float rb) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_CAPSULE;
    memcpy(p->a, a, sizeof p->a);
    memcpy(p->b, b, sizeof p->b);
    p->ra = ra;
    p->rb = rb;
    box_from_point(p, a, ra);
    box_grow(p, b, rb);
}

void prim_cylinder(Prim *p, const float a[3], const float b[3], float r, float round_mm) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_CYLINDER;
    memcpy(p->a, a, sizeof p->a);
    memcpy(p->b, b, sizeof p->b);
    p->ra = r;
    p->rb = minf(round_mm, r * 0.99f);
    box_from_point(p, a, r);
    box_grow(p, b, r);
}

void prim_box(Prim *p, const float c[3], const float half[3], const float x_axis[3],
              const float y_hint[3], float round_mm) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_BOX;
    memcpy(p->a, c, sizeof p->a);
    memcpy(p->rad, half, sizeof p->rad);
    p->ra = round_mm;
    make_frame(p->rot, x_axis, y_hint);
    box_from_point(p, c, len3(half));
}

static void catmull_rom(float out[3], const float *p0, const float *p1, const float *p2,
                        const float *p3, float t) {
    float t2 = t * t, t3 = t2 * t;
    for (int i = 0; i < 3; i++) {
        out[i] = 0.5f * ((2.0f * p1[i]) + (-p0[i] + p2[i]) * t +
                         (2.0f * p0[i] - 5.0f * p1[i] + 4.0f * p2[i] - p3[i]) * t2 +
                         (-p0[i] + 3.0f * p1[i] - 3.0f * p2[i] + p3[i]) * t3);
    }
}

bool prim_tube(Prim *p, const float *pts, const float *radii, int n, int samples_per_span) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_TUBE;
    if (n < 2 || samples_per_span < 1) {
        return false;
    }
    int m = (n - 1) * samples_per_span + 1;
    p->tube_pts = malloc((size_t)m * 3 * sizeof(float));
    p->tube_rad = malloc((size_t)m * sizeof(float));
    if (!p->tube_pts || !p->tube_rad) {
        prim_free(p);
        return false;
    }
    int w = 0;
    for (int i = 0; i < n - 1; i++) {
        const float *p1 = pts + 3 * i, *p2 = pts + 3 * (i + 1);
        float e0[3], e3[3];
        const float *p0 = p1, *p3 = p2;
        if (i > 0) {
            p0 = pts + 3 * (i - 1);
        } else {
            for (int c = 0; c < 3; c++) {
                e0[c] = 2.0f * p1[c] - p2[c];
            }
            p0 = e0;
        }
        if (i + 2 < n) {
            p3 = pts + 3 * (i + 2);
        } else {
            for (int c = 0; c < 3; c++) {
                e3[c] = 2.0f * p2[c] - p1[c];
            }
            p3 = e3;
        }
        for (int s = 0; s < samples_per_span; s++) {
            float t = (float)s / (float)samples_per_span;
            catmull_rom(p->tube_pts + 3 * w, p0, p1, p2, p3, t);
            /* smoothstep-blended radius: no kinks at the control points */
            float ts = t * t * (3.0f - 2.0f * t);
            p->tube_rad[w] = radii[i] + (radii[i + 1] - radii[i]) * ts;
            w++;
        }
    }
    memcpy(p->tube_pts + 3 * w, pts + 3 * (n - 1), 3 * sizeof(float));
    p->tube_rad[w] = radii[n - 1];
    w++;
    p->tube_n = w;
    box_from_point(p, p->tube_pts, p->tube_rad[0]);
    for (int i = 1; i < w; i++) {
        box_grow(p, p->tube_pts + 3 * i, p->tube_rad[i]);
    }
    return true;
}

/* Solves the n x n system in place (partial pivoting); false if singular. */
static bool solve_linear(double *m, double *rhs, int n) {
    for (int c = 0; c < n; c++) {
        int piv = c;
        for (int r = c + 1; r < n; r++) {
            if (fabs(m[r * n + c]) > fabs(m[piv * n + c])) {
                piv = r;
            }
        }
        if (fabs(m[piv * n + c]) < 1e-12) {
            return false;
        }
        if (piv != c) {
            for (int k = 0; k < n; k++) {
                double t = m[c * n + k];
                m[c * n + k] = m[piv * n + k];
                m[piv * n + k] = t;
            }
            double t = rhs[c];
            rhs[c] = rhs[piv];
            rhs[piv] = t;
        }
        for (int r = c + 1; r < n; r++) {
            double f = m[r * n + c] / m[c * n + c];
            for (int k = c; k < n; k++) {
                m[r * n + k] -= f * m[c * n + k];
            }
            rhs[r] -= f * rhs[c];
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        double s = rhs[r];
        for (int k = r + 1; k < n; k++) {
            s -= m[r * n + k] * rhs[k];
        }
        rhs[r] = s / m[r * n + r];
    }
    return true;
}

static int poly_terms(int degree) {
    return degree == 1 ? 3 : (degree == 2 ? 6 : 10);
}

static void poly_basis(double out[10], double u, double v) {
    out[0] = 1;
    out[1] = u;
    out[2] = v;
    out[3] = u * u;
    out[4] = u * v;
    out[5] = v * v;
    out[6] = u * u * u;
    out[7] = u * u * v;
    out[8] = u * v * v;
    out[9] = v * v * v;
}

bool prim_plate(Prim *p, const float *outline, int n_out, const float *inner, int n_in,
                const float *thick, int degree, int outline_samples) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_PLATE;
    if (n_out < 3 || degree < 1 || degree > 3 || outline_samples < 1) {
        return false;
    }
    Plate *pl = calloc(1, sizeof *pl);
    if (!pl) {
        return false;
    }
    p->plate = pl;
    int total = n_out + n_in;
    /* Newell normal of the outline, centroid of all points */
    float nrm[3] = {0, 0, 0}, o[3] = {0, 0, 0};
    for (int i = 0; i < n_out; i++) {
        const float *a = outline + 3 * i, *b = outline + 3 * ((i + 1) % n_out);
        nrm[0] += (a[1] - b[1]) * (a[2] + b[2]);
        nrm[1] += (a[2] - b[2]) * (a[0] + b[0]);
        nrm[2] += (a[0] - b[0]) * (a[1] + b[1]);
    }
    norm3(nrm);
    for (int i = 0; i < total; i++) {
        const float *q = i < n_out ? outline + 3 * i : inner + 3 * (i - n_out);
        for (int c = 0; c < 3; c++) {
            o[c] += q[c] / (float)total;
        }
    }
    float u[3];
    sub3(u, outline, o);
    float dn = dot3(u, nrm);
    for (int c = 0; c < 3; c++) {
        u[c] -= dn * nrm[c];
    }
    norm3(u);
    float v[3];
    cross3(v, nrm, u);
    memcpy(pl->o, o, sizeof o);
    memcpy(pl->u, u, sizeof u);
    memcpy(pl->v, v, sizeof v);
    memcpy(pl->n, nrm, sizeof nrm);
    pl->degree = degree;
    int nt = poly_terms(degree);
    double ata[100] = {0}, atb[10] = {0};
    pl->tn = total;
    pl->tpts = malloc((size_t)total * 3 * sizeof(float));
    if (!pl->tpts) {
        prim_free(p);
        return false;
    }
    float ext = 1.0f;
    for (int i = 0; i < total; i++) {
        const float *q = i < n_out ? outline + 3 * i : inner + 3 * (i - n_out);
        float d[3];
        sub3(d, q, o);
        float pu = dot3(d, u), pv = dot3(d, v), pn = dot3(d, nrm);
        ext = maxf(ext, maxf(fabsf(pu), fabsf(pv)));
        pl->tpts[3 * i] = pu;
        pl->tpts[3 * i + 1] = pv;
        pl->tpts[3 * i + 2] = thick[i];
        double bs[10];
        poly_basis(bs, pu, pv);
        for (int r = 0; r < nt; r++) {
            for (int c = 0; c < nt; c++) {
                ata[r * nt + c] += bs[r] * bs[c];
            }
            atb[r] += bs[r] * pn;
        }
    }
    /* a little ridge on the curved terms keeps sparse outlines from producing wild fits */
    for (int r = 3; r < nt; r++) {
        double s = (double)ext;
        double scale = r < 6 ? s * s : s * s * s;
        ata[r * nt + r] += 1e-3 * scale * scale;
    }
    if (!solve_linear(ata, atb, nt)) {
        prim_free(p);
        return false;
    }
    memcpy(pl->coef, atb, (size_t)nt * sizeof(double));
    /* closed Catmull-Rom outline in (u, v) */
    pl->poly_n = n_out * outline_samples;
    pl->poly = malloc((size_t)pl->poly_n * 2 * sizeof(float));
    if (!pl->poly) {
        prim_free(p);
        return false;
    }
    for (int i = 0; i < n_out; i++) {
        float q[4][3];
        for (int k = 0; k < 4; k++) {
            int idx = (i - 1 + k + n_out) % n_out;
            q[k][0] = pl->tpts[3 * idx];
            q[k][1] = pl->tpts[3 * idx + 1];
            q[k][2] = 0;
        }
        for (int s = 0; s < outline_samples; s++) {
            float r[3];
            catmull_rom(r, q[0], q[1], q[2], q[3], (float)s / (float)outline_samples);
            pl->poly[2 * (i * outline_samples + s)] = r[0];
            pl->poly[2 * (i * outline_samples + s) + 1] = r[1];
        }
    }
    /* bounds: every point, pushed along the normal by the fitted height */
    float tmax = 0;
    for (int i = 0; i < total; i++) {
        tmax = maxf(tmax, thick[i]);
    }
    bool first = true;
    for (int i = 0; i < pl->poly_n; i++) {
        float pu = pl->poly[2 * i], pv = pl->poly[2 * i + 1];
        double bs[10];
        poly_basis(bs, pu, pv);
        double h = 0;
        for (int t = 0; t < nt; t++) {
            h += pl->coef[t] * bs[t];
        }
        float w[3];
        for (int c = 0; c < 3; c++) {
            w[c] = o[c] + u[c] * pu + v[c] * pv + nrm[c] * (float)h;
        }
        if (first) {
            box_from_point(p, w, tmax);
            first = false;
        } else {
            box_grow(p, w, tmax);
        }
    }
    for (int i = 0; i < total; i++) {
        const float *q = i < n_out ? outline + 3 * i : inner + 3 * (i - n_out);
        box_grow(p, q, tmax);
    }
    /* curvature can bulge between outline points: pad by a tenth of the extent */
    for (int c = 0; c < 3; c++) {
        p->bmin[c] -= 0.1f * ext;
        p->bmax[c] += 0.1f * ext;
    }
    return true;
}

void prim_halfspace(Prim *p, const float point[3], const float normal[3]) {
    memset(p, 0, sizeof *p);
    p->kind = PRIM_HALFSPACE;
    memcpy(p->a, point, sizeof p->a);
    memcpy(p->b, normal, sizeof p->b);
    norm3(p->b);
    for (int i = 0; i < 3; i++) {
        p->bmin[i] = -1e9f;
        p->bmax[i] = 1e9f;
    }
}

void prim_free(Prim *p) {
    if (!p) {
        return;
    }
    free(p->tube_pts);
    free(p->tube_rad);
    if (p->plate) {
        free(p->plate->poly);
        free(p->plate->tpts);
        free(p->plate);
    }
    for (int i = 0; i < p->child_count; i++) {
        prim_free(&p->children[i]);
    }
    free(p->children);
    memset(p, 0, sizeof *p);
}

static float sd_round_cone(const float p[3], const float a[3], const float b[3], float r1,
                           float r2) {
    float ba[3], pa[3];
    sub3(ba, b, a);
    sub3(pa, p, a);
    float l2 = dot3(ba, ba);
    float rr = r1 - r2;
    float a2 = l2 - rr * rr;
    if (l2 < 1e-12f || a2 <= 1e-9f) {
        /* one end sphere holds the other */
        float da = len3(pa) - r1;
        float pb[3];
        sub3(pb, p, b);
        float db = len3(pb) - r2;
        return minf(da, db);
    }
    float il2 = 1.0f / l2;
    float y = dot3(pa, ba);
    float z = y - l2;
    float w[3] = {pa[0] * l2 - ba[0] * y, pa[1] * l2 - ba[1] * y, pa[2] * l2 - ba[2] * y};
    float x2 = dot3(w, w);
    float y2 = y * y * l2;
    float z2 = z * z * l2;
    float k = (rr > 0 ? 1.0f : (rr < 0 ? -1.0f : 0.0f)) * rr * rr * x2;
    float sz = z > 0 ? 1.0f : (z < 0 ? -1.0f : 0.0f);
    float sy = y > 0 ? 1.0f : (y < 0 ? -1.0f : 0.0f);
    if (sz * a2 * z2 > k) {
        return sqrtf(x2 + z2) * il2 - r2;
    }
    if (sy * a2 * y2 < k) {
        return sqrtf(x2 + y2) * il2 - r1;
    }
    return (sqrtf(x2 * a2 * il2) + y * rr) * il2 - r1;
}

static float sd_capped_cylinder(const float p[3], const float a[3], const float b[3], float r) {
    float ba[3], pa[3];
    sub3(ba, b, a);
    sub3(pa, p, a);
    float baba = dot3(ba, ba);
    float paba = dot3(pa, ba);
    float w[3] = {pa[0] * baba - ba[0] * paba, pa[1] * baba - ba[1] * paba,
                  pa[2] * baba - ba[2] * paba};
    float x = len3(w) - r * baba;
    float y = fabsf(paba - baba * 0.5f) - baba * 0.5f;
    float x2 = x * x;
    float y2 = y * y * baba;
    float d =
        (maxf(x, y) < 0.0f) ? -minf(x2, y2) : ((x > 0.0f ? x2 : 0.0f) + (y > 0.0f ? y2 : 0.0f));
    return (d < 0 ? -1.0f : 1.0f) * sqrtf(fabsf(d)) / baba;
}

static float sd_polygon2(const float *v, int n, float px, float py) {
    float dx = px - v[0], dy = py - v[1];
    float d = dx * dx + dy * dy;
    float s = 1.0f;
    for (int i = 0, j = n - 1; i < n; j = i, i++) {
        float ex = v[2 * j] - v[2 * i], ey = v[2 * j + 1] - v[2 * i + 1];
        float wx = px - v[2 * i], wy = py - v[2 * i + 1];
        float ee = ex * ex + ey * ey;
        float t = ee > 0 ? clampf((wx * ex + wy * ey) / ee, 0.0f, 1.0f) : 0.0f;
        float bx = wx - ex * t, by = wy - ey * t;
        d = minf(d, bx * bx + by * by);
        bool c1 = py >= v[2 * i + 1], c2 = py<v[2 * j + 1], c3 = ex * wy> ey * wx;
        if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) {
            s = -s;
        }
    }
    return s * sqrtf(d);
}

static float sd_plate(const Plate *pl, const float p[3]) {
    float d[3];
    sub3(d, p, pl->o);
    float pu = dot3(d, pl->u), pv = dot3(d, pl->v), pn = dot3(d, pl->n);
    const double *c = pl->coef;
    double u = pu, v = pv;
    double h = c[0] + c[1] * u + c[2] * v, hu = c[1], hv = c[2];
    if (pl->degree >= 2) {
        h += c[3] * u * u + c[4] * u * v + c[5] * v * v;
        hu += 2 * c[3] * u + c[4] * v;
        hv += c[4] * u + 2 * c[5] * v;
    }
    if (pl->degree >= 3) {
        h += c[6] * u * u * u + c[7] * u * u * v + c[8] * u * v * v + c[9] * v * v * v;
        hu += 3 * c[6] * u * u + 2 * c[7] * u * v + c[8] * v * v;
        hv += c[7] * u * u + 2 * c[8] * u * v + 3 * c[9] * v * v;
    }
    float hn = (float)(((double)pn - h) / sqrt(1.0 + hu * hu + hv * hv));
    float e = sd_polygon2(pl->poly, pl->poly_n, pu, pv);
    /* thickness: inverse-distance weighting of the per-point values */
    float wsum = 0, tsum = 0;
    for (int i = 0; i < pl->tn; i++) {
        float du = pu - pl->tpts[3 * i], dv = pv - pl->tpts[3 * i + 1];
        float w = 1.0f / (du * du + dv * dv + 25.0f);
        w *= w;
        wsum += w;
        tsum += w * pl->tpts[3 * i + 2];
    }
    float half = 0.5f * tsum / wsum;
    float dist = e <= 0.0f ? fabsf(hn) : sqrtf(e * e + hn * hn);
    return dist - half;
}

static float sd_tube(const Prim *t, const float p[3]) {
    float best = FLT_MAX;
    for (int i = 0; i + 1 < t->tube_n; i++) {
        const float *a = t->tube_pts + 3 * i, *b = a + 3;
        float ra = t->tube_rad[i], rb = t->tube_rad[i + 1];
        /* cheap bound: distance to the segment's bounding sphere */
        float mid[3] = {(a[0] + b[0]) * 0.5f, (a[1] + b[1]) * 0.5f, (a[2] + b[2]) * 0.5f};
        float ab[3];
        sub3(ab, b, a);
        float br = 0.5f * len3(ab) + maxf(ra, rb);
        float dm[3];
        sub3(dm, p, mid);
        /* the segment lies inside this sphere, so the sphere's field is a lower bound of the
         * segment's field inside and out (a box distance, 0 inside, would not be) */
        float bound = len3(dm) - br;
        if (bound > best) {
            continue;
        }
        float d = sd_round_cone(p, a, b, ra, rb);
        if (d < best) {
            best = d;
        }
    }
    return best;
}

static float prim_eval(const Prim *pr, const float p[3]);

/* Distance from p to the primitive's bounding box (0 inside it). */
static float box_distance(const Prim *pr, const float p[3]) {
    float bx = 0;
    for (int c = 0; c < 3; c++) {
        float e = maxf(pr->bmin[c] - p[c], p[c] - pr->bmax[c]);
        if (e > 0) {
            bx += e * e;
        }
    }
    return sqrtf(bx);
}

static float list_eval(const Prim *prims, int count, const float p[3]) {
    float d = FLT_MAX;
    for (int i = 0; i < count; i++) {
        const Prim *pr = &prims[i];
        if (i == 0) {
            /* Far from the first part its box distance stands in for its field: a lower
             * bound, and further than any blend radius (spec: k <= SDF_MAX_BLEND_MM), so no
             * later union or cut near the surface can tell the difference. */
            float bx = pr->kind == PRIM_HALFSPACE ? 0.0f : box_distance(pr, p);
            d = bx > SDF_MAX_BLEND_MM + 4.0f ? bx : prim_eval(pr, p);
            continue;
        }
        if (pr->op == OP_ADD) {
            /* a part further than its blend radius beyond the current surface cannot
             * change the result; only a positive box distance is a lower bound */
            float bx = box_distance(pr, p);
            if (bx > maxf(d + pr->k, 0.0f)) {
                continue;
            }
            d = sdf_smin(d, prim_eval(pr, p), pr->k);
        } else if (pr->op == OP_SUB) {
            if (d > pr->k && pr->kind != PRIM_HALFSPACE) {
                /* outside already: subtraction can only push further out */
                continue;
            }
            d = sdf_smax(d, -prim_eval(pr, p), pr->k);
        } else {
            d = sdf_smax(d, prim_eval(pr, p), pr->k);
        }
    }
    return d;
}

static float prim_eval(const Prim *pr, const float p[3]) {
    switch (pr->kind) {
        case PRIM_SPHERE: {
            float d[3];
            sub3(d, p, pr->a);
            return len3(d) - pr->ra;
        }
        case PRIM_ELLIPSOID: {
            float d[3], q[3];
            sub3(d, p, pr->a);
            q[0] = dot3(d, pr->rot);
            q[1] = dot3(d, pr->rot + 3);
            q[2] = dot3(d, pr->rot + 6);
            float k0v[3] = {q[0] / pr->rad[0], q[1] / pr->rad[1], q[2] / pr->rad[2]};
            float k1v[3] = {k0v[0] / pr->rad[0], k0v[1] / pr->rad[1], k0v[2] / pr->rad[2]};
            float k0 = len3(k0v), k1 = len3(k1v);
            if (k1 < 1e-12f) {
                return -minf(pr->rad[0], minf(pr->rad[1], pr->rad[2]));
            }
            return k0 * (k0 - 1.0f) / k1;
        }
        case PRIM_CAPSULE:
            return sd_round_cone(p, pr->a, pr->b, pr->ra, pr->rb);
        case PRIM_CYLINDER: {
            float ab[3];
            sub3(ab, pr->b, pr->a);
            float l = len3(ab);
            float rr = minf(pr->rb, 0.49f * l);
            float a2[3], b2[3];
            for (int c = 0; c < 3; c++) {
                a2[c] = pr->a[c] + ab[c] / l * rr;
                b2[c] = pr->b[c] - ab[c] / l * rr;
            }
            return sd_capped_cylinder(p, a2, b2, pr->ra - rr) - rr;
        }
        case PRIM_BOX: {
            float d[3], q[3];
            sub3(d, p, pr->a);
            for (int c = 0; c < 3; c++) {
                q[c] = fabsf(dot3(d, pr->rot + 3 * c)) - pr->rad[c] + pr->ra;
            }
            float m[3] = {maxf(q[0], 0), maxf(q[1], 0), maxf(q[2], 0)};
            return len3(m) + minf(maxf(q[0], maxf(q[1], q[2])), 0.0f) - pr->ra;
        }
        case PRIM_TUBE:
            return sd_tube(pr, p);
        case PRIM_PLATE:
            return sd_plate(pr->plate, p);
        case PRIM_HALFSPACE: {
            float d[3];
            sub3(d, p, pr->a);
            return dot3(d, pr->b);
        }
        case PRIM_GROUP:
            return list_eval(pr->children, pr->child_count, p);
    }
    return FLT_MAX;
}

static float apply_op(const Prim *pr, float d, const float p[3]) {
    float v = prim_eval(pr, p);
    if (pr->op == OP_ADD) {
        return sdf_smin(d, v, pr->k);
    }
    return pr->op == OP_SUB ? sdf_smax(d, -v, pr->k) : sdf_smax(d, v, pr->k);
}

float shape_eval(const Shape *s, const float p[3]) {
    if (!s->symmetric) {
        return list_eval(s->prims, s->count, p);
    }
    /* Symmetric: union the two halves' leading additions, then apply every later part on
     * both sides, so a hole cut in one half is not filled by the other half's material. */
    int lead = 1;
    while (lead < s->count && s->prims[lead].op == OP_ADD) {
        lead++;
    }
    float m[3] = {-p[0], p[1], p[2]};
    float d = sdf_smin(list_eval(s->prims, lead, p), list_eval(s->prims, lead, m), s->sym_k);
    for (int i = lead; i < s->count; i++) {
        d = apply_op(&s->prims[i], d, p);
        d = apply_op(&s->prims[i], d, m);
    }
    return d;
}

void shape_gradient(const Shape *s, const float p[3], float eps, float out_g[3]) {
    static const float k[4][3] = {{1, -1, -1}, {-1, -1, 1}, {-1, 1, -1}, {1, 1, 1}};
    out_g[0] = out_g[1] = out_g[2] = 0;
    for (int i = 0; i < 4; i++) {
        float q[3] = {p[0] + k[i][0] * eps, p[1] + k[i][1] * eps, p[2] + k[i][2] * eps};
        float d = shape_eval(s, q);
        out_g[0] += k[i][0] * d;
        out_g[1] += k[i][1] * d;
        out_g[2] += k[i][2] * d;
    }
    for (int c = 0; c < 3; c++) {
        out_g[c] /= 4.0f * eps;
    }
}

static void bounds_of_list(const Prim *prims, int count, float bmin[3], float bmax[3], bool *any) {
    for (int i = 0; i < count; i++) {
        const Prim *pr = &prims[i];
        if (i > 0 && pr->op != OP_ADD) {
            continue;
        }
        if (pr->kind == PRIM_HALFSPACE) {
            continue;
        }
        float lo[3], hi[3];
        if (pr->kind == PRIM_GROUP) {
            bool sub_any = false;
            bounds_of_list(pr->children, pr->child_count, lo, hi, &sub_any);
            if (!sub_any) {
                continue;
            }
        } else {
            memcpy(lo, pr->bmin, sizeof lo);
            memcpy(hi, pr->bmax, sizeof hi);
        }
        for (int c = 0; c < 3; c++) {
            lo[c] -= pr->k;
            hi[c] += pr->k;
            if (!*any) {
                bmin[c] = lo[c];
                bmax[c] = hi[c];
            } else {
                bmin[c] = minf(bmin[c], lo[c]);
                bmax[c] = maxf(bmax[c], hi[c]);
            }
        }
        *any = true;
    }
}

void shape_update_bounds(Shape *s) {
    bool any = false;
    bounds_of_list(s->prims, s->count, s->bmin, s->bmax, &any);
    if (!any) {
        for (int c = 0; c < 3; c++) {
            s->bmin[c] = s->bmax[c] = 0;
        }
    }
    if (s->symmetric) {
        float m = maxf(fabsf(s->bmin[0]), fabsf(s->bmax[0]));
        s->bmin[0] = -m;
        s->bmax[0] = m;
    }
}

void shape_free(Shape *s) {
    if (!s) {
        return;
    }
    for (int i = 0; i < s->count; i++) {
        prim_free(&s->prims[i]);
    }
    free(s->prims);
    s->prims = NULL;
    s->count = 0;
}
