#include "anatomy/cam.h"

#include <cglm/cglm.h>
#include <math.h>
#include <string.h>

static const float PITCH_LIMIT_DEG = 85.0f;

static float clampf(float v, float lo, float hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}

void cam_init_view(Camera *cam, ViewId view, const float bmin[3], const float bmax[3],
                   float aspect) {
    memset(cam, 0, sizeof *cam);
    cam->fovy_deg = 30.0f;
    float size[3];
    for (int i = 0; i < 3; i++) {
        cam->target_mm[i] = 0.5f * (bmin[i] + bmax[i]);
        size[i] = bmax[i] - bmin[i];
    }
    switch (view) {
        case VIEW_ANTERIOR:
            cam->yaw_deg = 0.0f;
            break;
        case VIEW_POSTERIOR:
        case VIEW_DEEP_POSTERIOR:
            cam->yaw_deg = 180.0f;
            break;
        case VIEW_LEFT:
            cam->yaw_deg = 90.0f;
            break;
        case VIEW_RIGHT:
            cam->yaw_deg = -90.0f;
            break;
        case VIEW_SUPERIOR:
            cam->pitch_deg = PITCH_LIMIT_DEG;
            break;
        case VIEW_INFERIOR:
            cam->pitch_deg = -PITCH_LIMIT_DEG;
            break;
        default:
            break;
    }
    /* The extent seen across and up the screen for this view, then the distance at which
     * both fit with a margin. */
    float across, up, depth;
    if (view == VIEW_LEFT || view == VIEW_RIGHT) {
        across = size[2];
        up = size[1];
        depth = size[0];
    } else if (view == VIEW_SUPERIOR || view == VIEW_INFERIOR) {
        across = size[0];
        up = size[2];
        depth = size[1];
    } else {
        across = size[0];
        up = size[1];
        depth = size[2];
    }
    if (aspect <= 0.0f) {
        aspect = 1.0f;
    }
    float half_fovy = glm_rad(cam->fovy_deg) * 0.5f;
    float half_fovx = atanf(tanf(half_fovy) * aspect);
    float margin = 1.08f;
    float d_up = 0.5f * up * margin / tanf(half_fovy);
    float d_across = 0.5f * across * margin / tanf(half_fovx);
    float dist = (d_up > d_across ? d_up : d_across) + 0.5f * depth;
    float radius = 0.5f * sqrtf(size[0] * size[0] + size[1] * size[1] + size[2] * size[2]);
    cam->distance_mm = dist;
    /* The estimate ignores perspective on the box's near face and tilted views; step back
     * until every corner lands inside the viewport with a small margin. */
    for (int iter = 0; iter < 40; iter++) {
        float worst = 0.0f;
        for (int corner = 0; corner < 8; corner++) {
            float p[3] = {corner & 1 ? bmax[0] : bmin[0], corner & 2 ? bmax[1] : bmin[1],
                          corner & 4 ? bmax[2] : bmin[2]};
            float px[2];
            if (!cam_project(cam, 1000, (int)(1000.0f / aspect), p, px)) {
                worst = 10.0f;
                break;
            }
            float nx = fabsf(px[0] / 500.0f - 1.0f);
            float ny = fabsf(px[1] / (500.0f / aspect) - 1.0f);
            worst = fmaxf(worst, fmaxf(nx, ny));
        }
        if (worst <= 0.96f) {
            break;
        }
        cam->distance_mm *= 1.06f;
    }
    cam->min_distance_mm = 0.05f * radius + 10.0f;
    cam->max_distance_mm = 4.0f * cam->distance_mm + radius;
}

void cam_orbit(Camera *cam, float dyaw_deg, float dpitch_deg) {
    cam->yaw_deg = fmodf(cam->yaw_deg + dyaw_deg, 360.0f);
    cam->pitch_deg = clampf(cam->pitch_deg + dpitch_deg, -PITCH_LIMIT_DEG, PITCH_LIMIT_DEG);
}

void cam_zoom(Camera *cam, float factor) {
    if (!(factor > 0.0f) || !isfinite(factor)) {
        return;
    }
    cam->distance_mm =
        clampf(cam->distance_mm * factor, cam->min_distance_mm, cam->max_distance_mm);
}

void cam_eye(const Camera *cam, float out_eye_mm[3]) {
    float yaw = glm_rad(cam->yaw_deg), pitch = glm_rad(cam->pitch_deg);
    out_eye_mm[0] = cam->target_mm[0] + cam->distance_mm * sinf(yaw) * cosf(pitch);
    out_eye_mm[1] = cam->target_mm[1] + cam->distance_mm * sinf(pitch);
    out_eye_mm[2] = cam->target_mm[2] + cam->distance_mm * cosf(yaw) * cosf(pitch);
}

static void basis(const Camera *cam, vec3 right, vec3 up, vec3 fwd) {
    vec3 eye;
    cam_eye(cam, eye);
    glm_vec3_sub((float *)cam->target_mm, eye, fwd);
    glm_vec3_normalize(fwd);
    vec3 world_up = {0.0f, 1.0f, 0.0f};
    glm_vec3_cross(fwd, world_up, right);
    glm_vec3_normalize(right);
    glm_vec3_cross(right, fwd, up);
}

void cam_pan(Camera *cam, float dx_px, float dy_px, float h_px) {
    if (h_px <= 0.0f) {
        return;
    }
    vec3 right, up, fwd;
    basis(cam, right, up, fwd);
    float mm_per_px = 2.0f * cam->distance_mm * tanf(glm_rad(cam->fovy_deg) * 0.5f) / h_px;
    for (int i = 0; i < 3; i++) {
        cam->target_mm[i] += (-dx_px * right[i] + dy_px * up[i]) * mm_per_px;
    }
}

static void near_far(const Camera *cam, float *out_near, float *out_far) {
    float n = cam->distance_mm * 0.05f;
    *out_near = n < 1.0f ? 1.0f : n;
    *out_far = cam->distance_mm * 3.0f + 2000.0f;
}

void cam_matrices(const Camera *cam, float aspect, float out_view[16], float out_proj[16]) {
    vec3 eye;
    cam_eye(cam, eye);
    vec3 up = {0.0f, 1.0f, 0.0f};
    mat4 view, proj;
    glm_lookat(eye, (float *)cam->target_mm, up, view);
    float n, f;
    near_far(cam, &n, &f);
    glm_perspective(glm_rad(cam->fovy_deg), aspect > 0.0f ? aspect : 1.0f, n, f, proj);
    memcpy(out_view, view, sizeof(float) * 16);
    memcpy(out_proj, proj, sizeof(float) * 16);
}

bool cam_project(const Camera *cam, int w, int h, const float p_mm[3], float out_px[2]) {
    mat4 view, proj, vp;
    cam_matrices(cam, (float)w / (float)h, (float *)view, (float *)proj);
    glm_mat4_mul(proj, view, vp);
    vec4 p = {p_mm[0], p_mm[1], p_mm[2], 1.0f}, clip;
    glm_mat4_mulv(vp, p, clip);
    if (clip[3] <= 1e-6f) {
        return false;
    }
    float ndc_x = clip[0] / clip[3], ndc_y = clip[1] / clip[3];
    out_px[0] = (ndc_x * 0.5f + 0.5f) * (float)w;
    out_px[1] = (1.0f - (ndc_y * 0.5f + 0.5f)) * (float)h;
    return true;
}

void cam_ray(const Camera *cam, int w, int h, float x_px, float y_px, float out_origin[3],
             float out_dir[3]) {
    vec3 right, up, fwd;
    basis(cam, right, up, fwd);
    float aspect = (float)w / (float)h;
    float t = tanf(glm_rad(cam->fovy_deg) * 0.5f);
    float nx = (2.0f * x_px / (float)w - 1.0f) * t * aspect;
    float ny = (1.0f - 2.0f * y_px / (float)h) * t;
    cam_eye(cam, out_origin);
    vec3 d;
    for (int i = 0; i < 3; i++) {
        d[i] = fwd[i] + nx * right[i] + ny * up[i];
    }
    glm_vec3_normalize(d);
    memcpy(out_dir, d, sizeof(float) * 3);
}

void cam_lerp(const Camera *a, const Camera *b, float t, Camera *out_cam) {
    t = clampf(t, 0.0f, 1.0f);
    float s = t * t * (3.0f - 2.0f * t); /* ease in and out */
    Camera c = *b;
    for (int i = 0; i < 3; i++) {
        c.target_mm[i] = a->target_mm[i] + (b->target_mm[i] - a->target_mm[i]) * s;
    }
    c.distance_mm = a->distance_mm + (b->distance_mm - a->distance_mm) * s;
    float dyaw = fmodf(b->yaw_deg - a->yaw_deg + 540.0f, 360.0f) - 180.0f;
    c.yaw_deg = a->yaw_deg + dyaw * s;
    c.pitch_deg = a->pitch_deg + (b->pitch_deg - a->pitch_deg) * s;
    *out_cam = c;
}
