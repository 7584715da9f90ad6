/* cam: an orbit camera around the body, in millimetres, built on cglm.
 * Owns no global state; every function works on the Camera passed in. Pure math, so
 * picking, tests and the renderer agree on exactly where a point lands on screen. */
#ifndef PAINMAP_ANATOMY_CAM_H
#define PAINMAP_ANATOMY_CAM_H

#include <stdbool.h>

#include "core/ids.h"

typedef struct {
    float target_mm[3]; /* the point orbited around */
    float distance_mm;  /* eye to target */
    float yaw_deg;      /* 0 = eye on +Z (in front of the body), 90 = eye on +X (body's left) */
    float pitch_deg;    /* + looks down from above; kept within +-85 so the camera never flips */
    float fovy_deg;
    float min_distance_mm, max_distance_mm;
} Camera;

/* Frames the box [bmin, bmax] from a preset view, for a viewport of the given aspect. */
void cam_init_view(Camera *cam, ViewId view, const float bmin[3], const float bmax[3],
                   float aspect);
/* Turns the camera around its target; pitch is clamped. */
void cam_orbit(Camera *cam, float dyaw_deg, float dpitch_deg);
/* Multiplies the distance by factor (< 1 zooms in), clamped to the camera's limits. */
void cam_zoom(Camera *cam, float factor);
/* Moves the target in the view plane by a drag of (dx, dy) pixels on a viewport h_px tall. */
void cam_pan(Camera *cam, float dx_px, float dy_px, float h_px);
void cam_eye(const Camera *cam, float out_eye_mm[3]);
/* Column-major view and projection matrices (OpenGL clip space). */
void cam_matrices(const Camera *cam, float aspect, float out_view[16], float out_proj[16]);
/* Where a point lands on a w x h viewport, top-left origin; false if behind the camera. */
bool cam_project(const Camera *cam, int w, int h, const float p_mm[3], float out_px[2]);
/* The ray through a pixel (top-left origin): origin and unit direction. */
void cam_ray(const Camera *cam, int w, int h, float x_px, float y_px, float out_origin[3],
             float out_dir[3]);
/* Interpolates a -> b by t in [0,1] (yaw the short way round); for smooth view changes. */
void cam_lerp(const Camera *a, const Camera *b, float t, Camera *out_cam);

#endif
