/* platform: the only code that includes SDL. Owns SDL's lifetime, the window and its
 * GL / GLES context, turns SDL events into InputFrames, and answers "where is the
 * executable" and "where do the user's files go". Must not depend on render_ or app_. */
#ifndef PAINMAP_PLATFORM_PLAT_H
#define PAINMAP_PLATFORM_PLAT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/input.h"

typedef enum {
    PLAT_GL_AUTO,   /* OpenGL 3.3 core, falling back to OpenGL ES 3.0 */
    PLAT_GL_CORE33, /* only OpenGL 3.3 core */
    PLAT_GLES30,    /* only OpenGL ES 3.0 */
} PlatGlApi;

typedef struct {
    const char *title;
    int width, height; /* window size in points (0 = 1280x800) */
    PlatGlApi api;
    bool headless; /* no visible window: SDL's offscreen driver (EGL), for render/bench */
    bool fullscreen;
    bool vsync;
} PlatWindowDesc;

typedef struct PlatWindow PlatWindow;

/* Starts SDL video. headless selects the offscreen driver unless SDL_VIDEODRIVER says
 * otherwise. Fails (with a message saying what to do) when there is no display and
 * headless was not asked for, including when SDL silently fell back to offscreen. */
bool plat_init(bool headless, char *err, size_t err_cap);
void plat_shutdown(void);

/* Creates the window and makes its context current; GL functions are then loaded. */
bool plat_window_create(const PlatWindowDesc *desc, PlatWindow **out_window, char *err,
                        size_t err_cap);
void plat_window_destroy(PlatWindow *window);
/* True when the context is OpenGL ES rather than desktop GL. */
bool plat_window_is_gles(const PlatWindow *window);
/* Replaces the window's GL context with a new one of the same kind (every GL object of the
 * old one is gone: destroy what was made with it first). Mesa keeps its GLSL compiler's
 * built-in library until the last context that compiled GLSL is gone; see session_open.
 * False (no context) when the driver refuses. */
bool plat_window_renew_context(PlatWindow *window, char *err, size_t err_cap);
/* True when the driver rasterises on the CPU (Mesa's llvmpipe or softpipe, SwiftShader,
 * Windows' own software renderers): no GPU, so every triangle and pixel costs CPU time. */
bool plat_window_is_software(const PlatWindow *window);
/* "OpenGL 3.3 core" or "OpenGL ES 3.0", plus the driver's renderer string. */
const char *plat_window_api_name(const PlatWindow *window);
void plat_window_drawable_size(const PlatWindow *window, int *out_w, int *out_h);
void plat_window_swap(PlatWindow *window);
void plat_window_set_fullscreen(PlatWindow *window, bool fullscreen);

/* Collects pending events into out_frame (cleared first). With wait, sleeps until at
 * least one event arrives or timeout_ms passes (-1 = forever): an idle app uses no CPU. */
void plat_poll_input(PlatWindow *window, bool wait, int timeout_ms, InputFrame *out_frame);

/* Seconds since an arbitrary start, monotonic. */
double plat_time_sec(void);
/* The directory holding the executable, with no trailing slash ("." if unknown). */
const char *plat_exe_dir(void);
/* The per-user data directory (created if missing), or NULL with a logged reason. */
const char *plat_user_dir(void);
/* Reads a line from the terminal without showing it (a PIN); from a pipe, reads a line.
 * Returns false at end of input. The newline is not kept. */
bool plat_read_secret(const char *prompt, char *out, size_t cap);

/* --- the text view's clipboard and speech (plat_speech.c) --- */
/* Puts text on the system clipboard; false (logged) without a display. */
bool plat_clipboard_set(const char *text);
/* True when speech-dispatcher is installed and answers (checked once). */
bool plat_speech_available(void);
/* Reads text aloud in a language ("en", "es"), cutting off what was being read. */
bool plat_speak(const char *text, const char *language);
void plat_speech_stop(void);
void plat_speech_shutdown(void);
/* A folder for files painmap can always make again (compiled shader programs):
 * $PAINMAP_CACHE_DIR (set but empty: none), else $XDG_CACHE_HOME/painmap, else
 * ~/.cache/painmap; created (0700) on first use. NULL when there is none. */
const char *plat_cache_dir(void);
/* The memory this process holds now (resident set), in KiB; 0 if unknown. Without file
 * pages: only what it allocated (heap, stacks, driver buffers), not the pages of libraries
 * and fonts it has read, which grow as code runs for the first time and are not held. */
long plat_rss_kib(void);
/* The most memory this process has held at once (resident set), in KiB; 0 if unknown. */
long plat_peak_rss_kib(void);
/* Name of the video driver in use ("x11", "wayland", "offscreen", ...). */
const char *plat_video_driver(void);

#endif
