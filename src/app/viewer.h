/* viewer: the interactive viewer's state and its update step. Pure: input frames in,
 * camera and "needs a redraw" out; no SDL and no GL, so the whole loop runs in unit tests
 * with the null renderer and can be recorded and replayed. */
#ifndef PAINMAP_APP_VIEWER_H
#define PAINMAP_APP_VIEWER_H

#include <stdbool.h>

#include "anatomy/cam.h"
#include "app/scene.h"
#include "ui/input.h"

enum { VIEWER_MAX_POINTERS = 11 };

typedef struct {
    bool down;
    int button;
    float x, y;
} ViewerPointer;

typedef struct {
    Camera cam;
    Camera cam_from, cam_to; /* a view change in progress */
    float transition_t;      /* 0..1; 1 = no transition running */
    unsigned layer_mask;
    ViewerPointer pointers[VIEWER_MAX_POINTERS];
    bool dirty; /* something changed: draw a frame */
    bool quit;
    bool fullscreen;
    int w, h; /* drawable size in pixels */
} Viewer;

/* Starts the viewer framing the scene from a view, for a w x h pixel drawable. */
void viewer_init(Viewer *v, const Scene *scene, ViewId view, unsigned layer_mask, int w, int h);
/* Applies one frame of input and advances animations by dt_sec. */
void viewer_update(Viewer *v, const Scene *scene, const InputFrame *input, float dt_sec);
/* True while something moves on its own (a view transition): keep drawing frames. */
bool viewer_is_animating(const Viewer *v);
/* Moves to a preset view with a smooth transition. */
void viewer_go_to_view(Viewer *v, const Scene *scene, ViewId view);

#endif
