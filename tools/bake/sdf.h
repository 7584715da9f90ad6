/* sdf: signed distance primitives (millimetres) and the shapes built from them.
 * A Shape is an ordered list of primitives joined by union, subtraction or intersection,
 * each with a smooth-blend radius. Negative inside. Fields of ellipsoids and plates are
 * distance bounds, not exact distances. Depends on the C library only. */
#ifndef PAINMAP_BAKE_SDF_H
#define PAINMAP_BAKE_SDF_H

#include <stdbool.h>

typedef enum {
    PRIM_SPHERE,
    PRIM_ELLIPSOID,
    PRIM_CAPSULE,   /* round cone from a (radius ra) to b (radius rb) */
    PRIM_CYLINDER,  /* capped cylinder a..b, radius ra, edge rounding rb */
    PRIM_BOX,       /* centre a, axes rot, half extents rad, edge rounding ra */
    PRIM_TUBE,      /* Catmull-Rom spline with a radius per control point */
    PRIM_PLATE,     /* thick curved sheet inside a closed outline */
    PRIM_HALFSPACE, /* point a, outward normal b: negative behind the plane */
    PRIM_GROUP,     /* a nested list, evaluated as a shape of its own */
} PrimKind;

typedef enum { OP_ADD, OP_SUB, OP_INT } OpKind;

/* The largest smooth-blend radius a shape may use (the spec parser enforces it). */
#define SDF_MAX_BLEND_MM 60.0f

typedef struct Plate Plate;
typedef struct Prim Prim;

struct Prim {
    PrimKind kind;
    OpKind op;
    float k; /* smooth-blend radius (mm); 0 = hard */
    float a[3], b[3];
    float ra, rb;
    float rot[9]; /* rows: local x, y, z axes (ellipsoid, box) */
    float rad[3];
    /* tube: sampled polyline with radii */
    int tube_n;
    float *tube_pts;
    float *tube_rad;
    Plate *plate;
    Prim *children;
    int child_count;
    float bmin[3], bmax[3]; /* bounds of the primitive's surface (not for sub/int) */
};

typedef struct {
    Prim *prims;
    int count;
    bool symmetric; /* unioned with its mirror image in X: the leading additions of both
                     * halves are joined first, later parts apply on both sides */
    float sym_k;
    float bmin[3], bmax[3];
} Shape;

/* Builders; each fills bmin/bmax. Points are copied. */
void prim_sphere(Prim *p, const float c[3], float r);
void prim_ellipsoid(Prim *p, const float c[3], const float radii[3], const float x_axis[3],
                    const float y_hint[3]);
void prim_capsule(Prim *p, const float a[3], const float b[3], float ra, float rb);
void prim_cylinder(Prim *p, const float a[3], const float b[3], float r, float round_mm);
void prim_box(Prim *p, const float c[3], const float half[3], const float x_axis[3],
              const float y_hint[3], float round_mm);
/* n >= 2 control points; samples per span segments. false on allocation failure. */
bool prim_tube(Prim *p, const float *pts, const float *radii, int n, int samples_per_span);
/* outline: n_out >= 3 points (closed loop); inner: extra fit points; thick: one value per
 * point (outline first, then inner); degree 1..3 of the height field. */
bool prim_plate(Prim *p, const float *outline, int n_out, const float *inner, int n_in,
                const float *thick, int degree, int outline_samples);
void prim_halfspace(Prim *p, const float point[3], const float normal[3]);
void prim_free(Prim *p);

/* Recomputes the shape's bounds from its primitives (union of added parts, + blend radii). */
void shape_update_bounds(Shape *s);
void shape_free(Shape *s);

float shape_eval(const Shape *s, const float p[3]);
/* Tetrahedral-difference gradient (not normalised). */
void shape_gradient(const Shape *s, const float p[3], float eps, float out_g[3]);

float sdf_smin(float a, float b, float k);
float sdf_smax(float a, float b, float k);

#endif
