#include "app/viewer.h"

#include <math.h>
#include <string.h>

static const float DEG_PER_PX = 0.4f;
static const float TRANSITION_SEC = 0.45f;

void viewer_init(Viewer *v, const Scene *scene, ViewId view, unsigned layer_mask, int w, int h) {
    memset(v, 0, sizeof *v);
    v->w = w > 0 ? w : 1;
    v->h = h > 0 ? h : 1;
    v->layer_mask = layer_mask;
    v->view = view;
    scene_init_camera(scene, view, (float)v->w / (float)v->h, &v->cam);
    v->transition_t = 1.0f;
    v->dirty = true;
    v->ui_scale = 1.0f;
    v->selected = -1;
    v->last_tap_sec = -10.0;
    v->stroke_pointer = -1;
    v->brush_intensity = 5;
    v->brush_radius_mm = 30.0f;
}

bool viewer_is_animating(const Viewer *v) {
    return v->transition_t < 1.0f;
}

void viewer_view_camera(const Viewer *v, const Scene *scene, ViewId view, Camera *out_cam) {
    float w = (float)v->w, h = (float)v->h;
    float top = fmaxf(v->inset_top_px, 0.0f), bottom = fmaxf(v->inset_bottom_px, 0.0f);
    float right = fminf(fmaxf(v->inset_right_px, 0.0f), 0.5f * w);
    if (top + bottom > 0.5f * h) {
        /* never squeeze the body below half the height: let the UI cover some of it */
        float k = 0.5f * h / (top + bottom);
        top *= k;
        bottom *= k;
    }
    float band_h = h - top - bottom, band_w = w - right;
    scene_init_camera(scene, view, band_w / band_h, out_cam);
    /* as far back as the band is shorter than the screen, then into the band */
    out_cam->distance_mm *= h / band_h;
    cam_pan(out_cam, -0.5f * right, 0.5f * (top - bottom), h);
}

void viewer_go_to_view(Viewer *v, const Scene *scene, ViewId view) {
    v->cam_from = v->cam;
    v->view = view;
    viewer_view_camera(v, scene, view, &v->cam_to);
    v->transition_t = 0.0f;
    if (v->reduced_motion) {
        v->cam = v->cam_to;
        v->transition_t = 1.0f;
    }
    v->dirty = true;
}

void viewer_frame_item(Viewer *v, const Scene *scene, int item) {
    if (item < 0 || item >= scene->count) {
        return;
    }
    const SceneItem *it = &scene->items[item];
    v->cam_from = v->cam;
    v->cam_to = v->cam;
    float r = 0.0f;
    for (int k = 0; k < 3; k++) {
        v->cam_to.target_mm[k] = it->center_mm[k];
        float e = it->bmax[k] - it->bmin[k];
        r += e * e;
    }
    r = 0.5f * sqrtf(r);
    float fit = r / tanf(v->cam.fovy_deg * 0.5f * 3.14159265f / 180.0f) * 1.25f;
    if (fit < v->cam.min_distance_mm) {
        fit = v->cam.min_distance_mm;
    }
    v->cam_to.distance_mm = fit;
    v->transition_t = 0.0f;
    if (v->reduced_motion) {
        v->cam = v->cam_to;
        v->transition_t = 1.0f;
    }
    v->dirty = true;
}

void viewer_tap(Viewer *v, const Scene *scene, float x, float y) {
    const float near_px = 24.0f * v->ui_scale;
    bool is_double = v->now_sec - v->last_tap_sec < 0.35 && fabsf(x - v->last_tap_x) < near_px &&
                     fabsf(y - v->last_tap_y) < near_px;
    v->last_tap_sec = is_double ? -10.0 : v->now_sec;
    v->last_tap_x = x;
    v->last_tap_y = y;
    if (v->mode == VIEWER_WHERE) {
        float p[3];
        if (scene_pick(scene, &v->cam, v->w, v->h, x, y, LAYER_MASK_ALL, true, p) >= 0) {
            memcpy(v->where_mm, p, sizeof p);
            v->where_set = true;
            v->where_changed = true;
            v->where_tapped = true;
            v->dirty = true;
        }
        return;
    }
    if (v->mode != VIEWER_EXPLORE) {
        return;
    }
    if (is_double && v->selected >= 0) {
        viewer_frame_item(v, scene, v->selected);
        return;
    }
    int hit = scene_pick(scene, &v->cam, v->w, v->h, x, y, v->layer_mask, false, NULL);
    if (hit != v->selected) {
        v->selected = hit;
        v->dirty = true;
    }
}

static int touches_down(const Viewer *v) {
    int n = 0;
    for (int i = 1; i < VIEWER_MAX_POINTERS; i++) {
        n += v->pointers[i].down ? 1 : 0;
    }
    return n;
}

/* Centre and spread of the first two fingers that are down. */
static void two_finger_centroid(const Viewer *v, float *cx, float *cy, float *spread) {
    float xs[2] = {0}, ys[2] = {0};
    int n = 0;
    for (int i = 1; i < VIEWER_MAX_POINTERS && n < 2; i++) {
        if (v->pointers[i].down) {
            xs[n] = v->pointers[i].x;
            ys[n] = v->pointers[i].y;
            n++;
        }
    }
    *cx = 0.5f * (xs[0] + xs[1]);
    *cy = 0.5f * (ys[0] + ys[1]);
    *spread = hypotf(xs[0] - xs[1], ys[0] - ys[1]);
}

/* A user's own camera move ends any running view transition. */
static void user_moved(Viewer *v) {
    v->transition_t = 1.0f;
    v->dirty = true;
}

/* Draw mode: the skin point under (x, y), if any. */
static bool skin_point(const Viewer *v, const Scene *scene, float x, float y, float out_mm[3]) {
    return scene_pick(scene, &v->cam, v->w, v->h, x, y, LAYER_MASK_ALL, true, out_mm) >= 0;
}

/* A press in Draw mode starts a stroke when it lands on the skin (else it turns the body). */
static void stroke_begin(Viewer *v, const Scene *scene, const InputEvent *e) {
    float p[3];
    if (!v->drawing || !skin_point(v, scene, e->x_px, e->y_px, p)) {
        return;
    }
    drawing_stroke_begin(v->drawing, v->brush_tool, v->brush_quality, v->brush_intensity,
                         v->brush_radius_mm);
    if (drawing_stroke_add(v->drawing, p) > 0) {
        v->painted = true;
        v->dirty = true;
    }
    v->stroke_pointer = e->pointer_id;
    v->stroke_start_sec = v->now_sec;
}

/* Ends the stroke; a stroke that a second finger joined at once was the start of a pinch,
 * not paint: it is taken back. */
static void stroke_end(Viewer *v, bool cancel) {
    if (v->stroke_pointer < 0 || !v->drawing) {
        v->stroke_pointer = -1;
        return;
    }
    bool changed = v->drawing->stroke_changed;
    drawing_stroke_end(v->drawing);
    if (cancel && changed && v->now_sec - v->stroke_start_sec < 0.4) {
        drawing_undo(v->drawing);
        v->painted = true;
        v->dirty = true;
    }
    v->stroke_pointer = -1;
}

static void pointer_move(Viewer *v, const Scene *scene, const InputEvent *e) {
    if (e->pointer_id == v->stroke_pointer && v->pointers[e->pointer_id].down) {
        float p[3];
        v->pointers[e->pointer_id].dragged = true;
        v->pointers[e->pointer_id].x = e->x_px;
        v->pointers[e->pointer_id].y = e->y_px;
        /* off the body the stroke pauses; back on it, it joins or jumps (drawing.h) */
        if (skin_point(v, scene, e->x_px, e->y_px, p) && drawing_stroke_add(v->drawing, p) > 0) {
            v->painted = true;
            v->dirty = true;
        }
        return;
    }
    ViewerPointer *p = &v->pointers[e->pointer_id];
    if (!p->down) {
        p->x = e->x_px;
        p->y = e->y_px;
        return;
    }
    float dx = e->x_px - p->x, dy = e->y_px - p->y;
    if (!p->dragged) {
        /* small jitter of a finger is still a tap; the camera moves once it is a drag */
        if (hypotf(e->x_px - p->start_x, e->y_px - p->start_y) < 8.0f * v->ui_scale) {
            return;
        }
        p->dragged = true;
        dx = e->x_px - p->start_x;
        dy = e->y_px - p->start_y;
    }
    if (e->pointer_id == INPUT_MOUSE_ID) {
        if (p->button == INPUT_BUTTON_LEFT) {
            cam_orbit(&v->cam, -dx * DEG_PER_PX, dy * DEG_PER_PX);
        } else {
            cam_pan(&v->cam, dx, dy, (float)v->h);
        }
    } else if (touches_down(v) >= 2) {
        /* two fingers: the centre pans, the spread zooms */
        float cx0, cy0, s0, cx1, cy1, s1;
        two_finger_centroid(v, &cx0, &cy0, &s0);
        p->x = e->x_px;
        p->y = e->y_px;
        two_finger_centroid(v, &cx1, &cy1, &s1);
        cam_pan(&v->cam, cx1 - cx0, cy1 - cy0, (float)v->h);
        if (s0 > 1.0f && s1 > 1.0f) {
            cam_zoom(&v->cam, s0 / s1);
        }
    } else {
        cam_orbit(&v->cam, -dx * DEG_PER_PX, dy * DEG_PER_PX);
    }
    p->x = e->x_px;
    p->y = e->y_px;
    user_moved(v);
}

static void key_press(Viewer *v, const Scene *scene, const InputEvent *e) {
    switch (e->key) {
        case INPUT_KEY_ESCAPE:
            v->quit = true;
            break;
        case INPUT_KEY_F12:
            v->screenshot_requested = true;
            v->dirty = true;
            break;
        case INPUT_KEY_F11:
            v->fullscreen = !v->fullscreen;
            v->dirty = true;
            break;
        case INPUT_KEY_LEFT:
        case INPUT_KEY_RIGHT:
            cam_orbit(&v->cam, e->key == INPUT_KEY_LEFT ? -15.0f : 15.0f, 0.0f);
            user_moved(v);
            break;
        case INPUT_KEY_UP:
        case INPUT_KEY_DOWN:
            cam_orbit(&v->cam, 0.0f, e->key == INPUT_KEY_UP ? 10.0f : -10.0f);
            user_moved(v);
            break;
        case INPUT_KEY_PLUS:
        case INPUT_KEY_MINUS:
            cam_zoom(&v->cam, e->key == INPUT_KEY_PLUS ? 0.85f : 1.0f / 0.85f);
            user_moved(v);
            break;
        case INPUT_KEY_CHAR:
            if (e->ch >= '1' && e->ch < '1' + VIEW_COUNT) {
                viewer_go_to_view(v, scene, (ViewId)(e->ch - '1'));
            } else if (e->ch == 's') {
                v->layer_mask ^= LAYER_BIT(LAYER_SKIN);
                v->dirty = true;
            } else if (e->ch == 'm') {
                v->layer_mask ^= LAYER_BIT(LAYER_SUPERFICIAL_MUSCLES);
                v->dirty = true;
            } else if (e->ctrl && v->mode == VIEWER_DRAW && v->drawing && v->stroke_pointer < 0 &&
                       (e->ch == 'z' || e->ch == 'y')) {
                /* Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y: undo and redo a stroke */
                bool redo = e->ch == 'y' || e->shift;
                if (redo ? drawing_redo(v->drawing) : drawing_undo(v->drawing)) {
                    v->painted = true;
                    v->dirty = true;
                }
            }
            break;
        default:
            break;
    }
}

/* Panning may not carry the body off screen: the point orbited stays inside the body's box
 * (grown by a quarter of its size). */
static void keep_body_in_view(Viewer *v, const Scene *scene) {
    for (int k = 0; k < 3; k++) {
        float margin = 0.25f * (scene->bmax[k] - scene->bmin[k]);
        float lo = scene->bmin[k] - margin, hi = scene->bmax[k] + margin;
        float t = v->cam.target_mm[k];
        v->cam.target_mm[k] = t < lo ? lo : (t > hi ? hi : t);
    }
}

void viewer_update(Viewer *v, const Scene *scene, const InputFrame *input, float dt_sec,
                   const bool *consumed) {
    v->now_sec += dt_sec;
    if (input->width_px > 0 && input->height_px > 0 &&
        (input->width_px != v->w || input->height_px != v->h)) {
        v->w = input->width_px;
        v->h = input->height_px;
        v->dirty = true;
    }
    for (int i = 0; i < input->count; i++) {
        const InputEvent *e = &input->events[i];
        bool pointer = e->kind == INPUT_POINTER_DOWN || e->kind == INPUT_POINTER_UP ||
                       e->kind == INPUT_POINTER_MOVE;
        if (pointer && (e->pointer_id < 0 || e->pointer_id >= VIEWER_MAX_POINTERS)) {
            continue;
        }
        if (pointer && consumed && consumed[e->pointer_id]) {
            v->pointers[e->pointer_id].down = false;
            if (e->pointer_id == v->stroke_pointer) {
                stroke_end(v, false);
            }
            continue;
        }
        switch (e->kind) {
            case INPUT_POINTER_DOWN: {
                ViewerPointer *p = &v->pointers[e->pointer_id];
                p->down = true;
                p->dragged = false;
                p->button = e->button;
                p->x = p->start_x = e->x_px;
                p->y = p->start_y = e->y_px;
                p->start_sec = v->now_sec;
                /* a second finger turns the gesture into a pinch: no tap from either */
                if (e->pointer_id != INPUT_MOUSE_ID && touches_down(v) >= 2) {
                    for (int k = 1; k < VIEWER_MAX_POINTERS; k++) {
                        v->pointers[k].dragged = v->pointers[k].down;
                    }
                    stroke_end(v, true);
                } else if (v->mode == VIEWER_DRAW && v->stroke_pointer < 0 &&
                           (e->pointer_id != INPUT_MOUSE_ID || e->button == INPUT_BUTTON_LEFT)) {
                    stroke_begin(v, scene, e);
                }
                break;
            }
            case INPUT_POINTER_UP: {
                ViewerPointer *p = &v->pointers[e->pointer_id];
                bool tap = p->down && !p->dragged && v->now_sec - p->start_sec < 0.6 &&
                           (e->pointer_id != INPUT_MOUSE_ID || p->button == INPUT_BUTTON_LEFT);
                p->down = false;
                if (e->pointer_id == v->stroke_pointer) {
                    stroke_end(v, false);
                    break; /* a dab of paint, not a tap */
                }
                if (tap) {
                    viewer_tap(v, scene, e->x_px, e->y_px);
                }
                break;
            }
            case INPUT_POINTER_MOVE:
                pointer_move(v, scene, e);
                break;
            case INPUT_WHEEL:
                cam_zoom(&v->cam, powf(0.88f, e->wheel_y));
                user_moved(v);
                break;
            case INPUT_KEY_PRESS:
                key_press(v, scene, e);
                break;
            case INPUT_FOCUS_LOST:
                /* a finger or button released outside the window never reports UP */
                memset(v->pointers, 0, sizeof v->pointers);
                stroke_end(v, false);
                break;
            case INPUT_RESIZE:
            case INPUT_EXPOSE:
            case INPUT_FOCUS_GAINED:
                v->dirty = true;
                break;
            default:
                break;
        }
    }
    keep_body_in_view(v, scene);
    if (v->transition_t < 1.0f) {
        v->transition_t += dt_sec / TRANSITION_SEC;
        cam_lerp(&v->cam_from, &v->cam_to, v->transition_t, &v->cam);
        v->dirty = true;
    }
}
