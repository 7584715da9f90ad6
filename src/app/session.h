/* session: one running painmap picture: the window (or a headless one), the renderer, the
 * body, the referral view, the UI and the viewer state, and the frame step they share.
 * The interactive viewer, painmap render and --replay all run a Session, so a headless
 * picture is exactly what the viewer would show. Owns everything it opens. */
#ifndef PAINMAP_APP_SESSION_H
#define PAINMAP_APP_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app_internal.h"
#include "app/kiosk.h"
#include "app/overlay.h"
#include "app/refview.h"
#include "app/scene.h"
#include "app/screens.h"
#include "app/viewer.h"
#include "core/drawing.h"
#include "core/drawing_file.h"
#include "platform/plat.h"
#include "render/gfx.h"
#include "ui/ui.h"

/* Below this width or height (pixels) the viewer shows the body without its UI. */
enum { SESSION_UI_MIN_PX = 160 };

typedef enum {
    SESSION_WINDOW,   /* a visible window */
    SESSION_HEADLESS, /* GL without a window (SDL offscreen + EGL) */
    SESSION_NULL,     /* no GL at all: the null renderer, for long tests */
} SessionMode;

typedef struct {
    PlatWindow *win;
    Gfx *gfx;
    Scene scene;
    RefView rv;
    bool rv_loaded;
    bool text_ready;
    Viewer viewer;
    Screens screens;
    Kiosk kiosk;
    StudyScreen study; /* the quiz (not in the kiosk) */
    UiContext *ui;
    Overlay overlay;
    InputFrame filtered;
    bool show_ui; /* draw the UI over the body (off for plain figures) */
    bool framed;  /* the first view was framed around the laid-out UI */
    char assets_dir[4096];
    char locale[16];          /* the language of the content now shown ("en", "es") */
    Drawing *drawing;         /* a drawing to paint on the skin instead of the Draw mode's */
    const Drawing *painted;   /* the drawing the skin's paint holds now (NULL = none) */
    unsigned painted_uploads; /* scene.skin_paint_uploads when it was painted */
    float *skin_area;         /* mm^2 per skin vertex, for drawing summaries (made once) */
    bool paint_changed;       /* the drawing changed: the skin's paint must be redone */
    char settings_path[4096]; /* where settings are saved ("" = not saved: headless runs) */
    int msaa;
    LodId lod;            /* the level of detail loaded */
    bool software;        /* the GL driver draws on the CPU (llvmpipe and the like) */
    bool context_renewed; /* shaders compiled, cached, and a fresh context made (first start) */
    bool headless;
    int frames_drawn;
    double elapsed_sec;
    /* how long each part of opening took, in seconds (for painmap bench) */
    double open_window_sec, open_shaders_sec, open_fonts_sec, open_model_sec, open_content_sec;
} Session;

/* Opens a session for opts in a mode; headless and null sessions draw w x h pixels.
 * Returns an exit code (EXIT_OK, or the reason it could not start, already logged). */
int session_open(Session *s, const CliOptions *opts, SessionMode mode, int w, int h);
void session_close(Session *s);
/* One frame of logic: the UI, then the viewer with what the UI left, then playback.
 * input may be NULL (no events). Returns true when a new picture must be drawn. */
bool session_step(Session *s, const InputFrame *input, float dt_sec);
/* Shows the content in another language (a locale code, or "system"): reloads the texts and
 * keeps the place in the app. False (logged) when the content could not be loaded. */
bool session_set_locale(Session *s, const char *wish);
/* True while something moves on its own (a view transition, playback, the UI settling). */
bool session_is_animating(const Session *s);
/* Draws the current picture into the offscreen target (split in two when comparing). */
bool session_draw(Session *s);
/* Reads the last drawn picture and writes it as a PNG. */
bool session_save_png(Session *s, const char *path);

/* --- the pain drawing (session_paint.c) --- */
/* Follows the Draw UI after a frame's UI and viewer: keeps the summary up to date and
 * carries out its requests (save, handout, open, delete, export, compare). */
void session_paint_step(Session *s);
/* Deletes saved drawings older than the retention setting (none when it is 0). */
void session_prune_drawings(Session *s);
/* The drawing painted on the skin in a half of the view (0 left or whole, 1 right), or NULL. */
Drawing *session_drawing_for(Session *s, int half);
/* Areas, dermatomes and sources of a drawing on this body. False without content or skin. */
bool session_summarize(Session *s, const Drawing *d, DrawingSummary *out);
/* A w x h picture of the skin from a view with drawing d on it, without UI (malloc'd RGBA,
 * top row first); the viewer is left as it was. */
bool session_picture(Session *s, ViewId view, int w, int h, Drawing *d, uint8_t **out_rgba);
/* The printable handout of a drawing (PNG or PDF by path's extension). Returns an exit code
 * with err set on failure. */
int session_write_handout(Session *s, DrawingDoc *doc, const char *path, PaperSize paper, char *err,
                          size_t err_cap);

#endif
