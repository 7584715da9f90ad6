/* viewer: the interactive viewer's state and its update step. Pure: input frames in,
 * camera and "needs a redraw" out; no SDL and no GL, so the whole loop runs in unit tests
 * with the null renderer and can be recorded and replayed. */
#ifndef PAINMAP_APP_VIEWER_H
#define PAINMAP_APP_VIEWER_H

#include <stdbool.h>

#include "anatomy/cam.h"
#include "app/scene.h"
#include "core/drawing.h"
#include "ui/input.h"

enum { VIEWER_MAX_POINTERS = 11 };

typedef struct {
    bool down;
    bool dragged; /* moved far enough to be a drag, not a tap */
    int button;
    float x, y;
    float start_x, start_y;
    double start_sec;
} ViewerPointer;

typedef enum { VIEWER_EXPLORE, VIEWER_WHERE, VIEWER_DRAW, VIEWER_MODE_COUNT } ViewerMode;

typedef struct {
    Camera cam;
    Camera cam_from, cam_to; /* a view change in progress */
    float transition_t;      /* 0..1; 1 = no transition running */
    unsigned layer_mask;
    ViewerPointer pointers[VIEWER_MAX_POINTERS];
    bool dirty; /* something changed: draw a frame */
    bool quit;
    bool fullscreen;
    bool screenshot_requested; /* F12: save the next frame as a picture */
    int w, h;                  /* drawable size in pixels */
    float ui_scale;            /* drag thresholds grow with it */
    bool reduced_motion;       /* camera moves jump instead of gliding */
    double now_sec;            /* time since viewer_init */
    /* pixels at the top and bottom covered by the UI (the bar, the playback panel): preset
     * views frame the body in the band between them */
    float inset_top_px, inset_bottom_px, inset_right_px;
    ViewId view; /* the preset view last asked for */
    ViewerMode mode;
    int selected;   /* scene item, -1 = none */
    bool where_set; /* a skin point was tapped in VIEWER_WHERE */
    float where_mm[3];
    bool where_changed; /* set when where_mm changes; the app clears it */
    bool where_tapped;  /* the change came from a tap on the skin */
    /* Draw mode: one finger or the left button paints on the skin of drawing (two fingers
     * still move and zoom, the right button pans); brush_* is the brush the UI chose */
    Drawing *drawing;
    DrawingTool brush_tool;
    PainQuality brush_quality;
    int brush_intensity;
    float brush_radius_mm;
    int stroke_pointer; /* the pointer painting (-1 = none) */
    double stroke_start_sec;
    bool painted; /* the drawing changed this frame */
    /* the last tap, for double taps */
    double last_tap_sec;
    float last_tap_x, last_tap_y;
} Viewer;

/* Starts the viewer framing the scene from a view, for a w x h pixel drawable. */
void viewer_init(Viewer *v, const Scene *scene, ViewId view, unsigned layer_mask, int w, int h);
/* Applies one frame of input and advances animations by dt_sec. consumed (may be NULL)
 * marks pointer ids the UI owns this frame: they neither turn the camera nor tap. */
void viewer_update(Viewer *v, const Scene *scene, const InputFrame *input, float dt_sec,
                   const bool *consumed);
/* True while something moves on its own (a view transition): keep drawing frames. */
bool viewer_is_animating(const Viewer *v);
/* Moves the camera smoothly to frame one structure (double tap). */
void viewer_frame_item(Viewer *v, const Scene *scene, int item);
/* A tap at (x, y) (already known not to be on the UI): selects in Explore, places the
 * painful point in Where it hurts. A second tap close by soon after frames the selection. */
void viewer_tap(Viewer *v, const Scene *scene, float x_px, float y_px);
/* The camera that frames a preset view in the band the UI leaves free (see inset_*_px). */
void viewer_view_camera(const Viewer *v, const Scene *scene, ViewId view, Camera *out_cam);
/* Moves to a preset view with a smooth transition. */
void viewer_go_to_view(Viewer *v, const Scene *scene, ViewId view);

#endif
