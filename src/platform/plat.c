#define _POSIX_C_SOURCE 200809L
#include "platform/plat.h"

#include <SDL.h>
#include <epoxy/gl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "core/log.h"
#include "core/strutil.h"

struct PlatWindow {
    SDL_Window *window;
    SDL_GLContext context;
    bool gles;
    bool vsync;
    bool software;
    char api_name[160];
};

static bool g_headless = false;

bool plat_init(bool headless, char *err, size_t err_cap) {
    g_headless = headless;
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (headless && !asked) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    }
    if (!headless && !asked && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
        return str_fail(err, err_cap,
                        "no display found (DISPLAY and WAYLAND_DISPLAY are unset); to make a "
                        "picture without a screen use: painmap render -o out.png --view posterior");
    }
    SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        return str_fail(err, err_cap, "could not start SDL video: %s", SDL_GetError());
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    bool offscreen = driver && strcmp(driver, "offscreen") == 0;
    bool asked_offscreen = headless || (asked && strcmp(asked, "offscreen") == 0);
    if (offscreen && !asked_offscreen) {
        SDL_Quit();
        return str_fail(err, err_cap,
                        "SDL fell back to its offscreen video driver, so no window could be shown; "
                        "check DISPLAY, or use: painmap render -o out.png");
    }
    log_debug("video driver: %s", driver ? driver : "(none)");
    return true;
}

void plat_shutdown(void) {
    SDL_Quit();
}

static void set_gl_attributes(bool gles) {
    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK,
                        gles ? SDL_GL_CONTEXT_PROFILE_ES : SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, gles ? 0 : 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    /* every frame is drawn into gfx's own target and copied to the window: the window's
     * framebuffer needs no depth buffer (4 MB less at 1280x800 on a software renderer) */
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_RED_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_GREEN_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_BLUE_SIZE, 8);
    if (gles) {
        SDL_SetHint(SDL_HINT_OPENGL_ES_DRIVER, "1");
    }
}

static void set_swap_interval(bool vsync) {
    if (vsync) {
        /* Adaptive vsync first; plain vsync if the driver lacks it. */
        if (SDL_GL_SetSwapInterval(-1) != 0) {
            SDL_GL_SetSwapInterval(1);
        }
    } else {
        SDL_GL_SetSwapInterval(0);
    }
}

/* Creates window + context for one API; false (window destroyed) if the driver refuses. */
static bool try_create(PlatWindow *pw, const PlatWindowDesc *desc, bool gles, char *why,
                       size_t why_cap) {
    set_gl_attributes(gles);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    flags |= g_headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_RESIZABLE;
    if (desc->fullscreen && !g_headless) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    int w = desc->width > 0 ? desc->width : 1280;
    int h = desc->height > 0 ? desc->height : 800;
    pw->window = SDL_CreateWindow(desc->title ? desc->title : "painmap", SDL_WINDOWPOS_CENTERED,
                                  SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!pw->window) {
        snprintf(why, why_cap, "%s", SDL_GetError());
        return false;
    }
    pw->context = SDL_GL_CreateContext(pw->window);
    if (!pw->context) {
        snprintf(why, why_cap, "%s", SDL_GetError());
        SDL_DestroyWindow(pw->window);
        pw->window = NULL;
        return false;
    }
    SDL_GL_MakeCurrent(pw->window, pw->context);
    /* The driver may hand us a lower version than asked for; check what we really got. */
    int version = epoxy_gl_version();
    bool is_es = !epoxy_is_desktop_gl();
    if (is_es != gles || version < 30 || (!gles && version < 33)) {
        snprintf(why, why_cap, "the driver gave %s %d.%d", is_es ? "OpenGL ES" : "OpenGL",
                 version / 10, version % 10);
        SDL_GL_DeleteContext(pw->context);
        SDL_DestroyWindow(pw->window);
        pw->context = NULL;
        pw->window = NULL;
        return false;
    }
    pw->gles = gles;
    const char *renderer = (const char *)glGetString(GL_RENDERER);
    renderer = renderer ? renderer : "unknown renderer";
    snprintf(pw->api_name, sizeof pw->api_name, "%s (%s)",
             gles ? "OpenGL ES 3.0" : "OpenGL 3.3 core", renderer);
    static const char *const software[] = {"llvmpipe",    "softpipe",
                                           "SwiftShader", "Software Rasterizer",
                                           "GDI Generic", "Basic Render Driver"};
    for (size_t i = 0; i < sizeof software / sizeof software[0]; i++) {
        pw->software = pw->software || strstr(renderer, software[i]) != NULL;
    }
    return true;
}

bool plat_window_create(const PlatWindowDesc *desc, PlatWindow **out_window, char *err,
                        size_t err_cap) {
    *out_window = NULL;
    PlatWindow *pw = calloc(1, sizeof *pw);
    if (!pw) {
        return str_fail(err, err_cap, "out of memory");
    }
    char why_gl[256] = "", why_es[256] = "";
    bool ok = false;
    if (desc->api != PLAT_GLES30) {
        ok = try_create(pw, desc, false, why_gl, sizeof why_gl);
        if (!ok && desc->api == PLAT_GL_AUTO) {
            log_info("OpenGL 3.3 core was refused (%s); trying OpenGL ES 3.0", why_gl);
        }
    }
    if (!ok && desc->api != PLAT_GL_CORE33) {
        ok = try_create(pw, desc, true, why_es, sizeof why_es);
    }
    if (!ok) {
        snprintf(err, err_cap,
                 "could not create an OpenGL context (OpenGL 3.3 core: %s; OpenGL ES 3.0: %s); "
                 "install Mesa's drivers (libgl1-mesa-dri, libegl-mesa0) or update the graphics "
                 "driver",
                 why_gl[0] ? why_gl : "not tried", why_es[0] ? why_es : "not tried");
        free(pw);
        return false;
    }
    pw->vsync = desc->vsync && !g_headless;
    set_swap_interval(pw->vsync);
    log_debug("context: %s", pw->api_name);
    *out_window = pw;
    return true;
}

bool plat_window_renew_context(PlatWindow *window, char *err, size_t err_cap) {
    SDL_GL_DeleteContext(window->context);
    set_gl_attributes(window->gles);
    window->context = SDL_GL_CreateContext(window->window);
    if (!window->context || SDL_GL_MakeCurrent(window->window, window->context) != 0) {
        return str_fail(err, err_cap, "could not create the OpenGL context again: %s",
                        SDL_GetError());
    }
    set_swap_interval(window->vsync);
    return true;
}

void plat_window_destroy(PlatWindow *window) {
    if (!window) {
        return;
    }
    if (window->context) {
        SDL_GL_DeleteContext(window->context);
    }
    if (window->window) {
        SDL_DestroyWindow(window->window);
    }
    free(window);
}

bool plat_window_is_gles(const PlatWindow *window) {
    return window->gles;
}

bool plat_window_is_software(const PlatWindow *window) {
    return window->software;
}

const char *plat_window_api_name(const PlatWindow *window) {
    return window->api_name;
}

void plat_window_drawable_size(const PlatWindow *window, int *out_w, int *out_h) {
    SDL_GL_GetDrawableSize(window->window, out_w, out_h);
}

void plat_window_swap(PlatWindow *window) {
    SDL_GL_SwapWindow(window->window);
}

void plat_window_set_fullscreen(PlatWindow *window, bool fullscreen) {
    SDL_SetWindowFullscreen(window->window, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

static InputKey map_key(SDL_Keycode k, char *out_ch) {
    *out_ch = 0;
    switch (k) {
        case SDLK_ESCAPE:
            return INPUT_KEY_ESCAPE;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            return INPUT_KEY_ENTER;
        case SDLK_TAB:
            return INPUT_KEY_TAB;
        case SDLK_BACKSPACE:
            return INPUT_KEY_BACKSPACE;
        case SDLK_LEFT:
            return INPUT_KEY_LEFT;
        case SDLK_RIGHT:
            return INPUT_KEY_RIGHT;
        case SDLK_UP:
            return INPUT_KEY_UP;
        case SDLK_DOWN:
            return INPUT_KEY_DOWN;
        case SDLK_SPACE:
            return INPUT_KEY_SPACE;
        case SDLK_HOME:
            return INPUT_KEY_HOME;
        case SDLK_PLUS:
        case SDLK_EQUALS:
        case SDLK_KP_PLUS:
            return INPUT_KEY_PLUS;
        case SDLK_MINUS:
        case SDLK_KP_MINUS:
            return INPUT_KEY_MINUS;
        case SDLK_F11:
            return INPUT_KEY_F11;
        case SDLK_F12:
            return INPUT_KEY_F12;
        default:
            break;
    }
    if (k >= 32 && k < 127) {
        *out_ch = (char)k;
        return INPUT_KEY_CHAR;
    }
    return INPUT_KEY_NONE;
}

/* Touch fingers get small stable ids (1..) for as long as they are down. */
enum { MAX_FINGERS = 10 };
static SDL_FingerID g_fingers[MAX_FINGERS];
static bool g_finger_used[MAX_FINGERS];

static int finger_slot(SDL_FingerID id, bool create) {
    for (int i = 0; i < MAX_FINGERS; i++) {
        if (g_finger_used[i] && g_fingers[i] == id) {
            return i;
        }
    }
    if (!create) {
        return -1;
    }
    for (int i = 0; i < MAX_FINGERS; i++) {
        if (!g_finger_used[i]) {
            g_finger_used[i] = true;
            g_fingers[i] = id;
            return i;
        }
    }
    return -1;
}

static void translate(PlatWindow *pw, const SDL_Event *e, InputFrame *f) {
    InputEvent ev;
    memset(&ev, 0, sizeof ev);
    int ww = 1, wh = 1, dw = 1, dh = 1;
    SDL_GetWindowSize(pw->window, &ww, &wh);
    SDL_GL_GetDrawableSize(pw->window, &dw, &dh);
    float sx = ww > 0 ? (float)dw / (float)ww : 1.0f;
    float sy = wh > 0 ? (float)dh / (float)wh : 1.0f;
    switch (e->type) {
        case SDL_QUIT:
            f->quit = true;
            return;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e->button.which == SDL_TOUCH_MOUSEID) {
                return;
            }
            ev.kind = e->type == SDL_MOUSEBUTTONDOWN ? INPUT_POINTER_DOWN : INPUT_POINTER_UP;
            ev.pointer_id = INPUT_MOUSE_ID;
            ev.button = e->button.button;
            ev.x_px = (float)e->button.x * sx;
            ev.y_px = (float)e->button.y * sy;
            break;
        case SDL_MOUSEMOTION:
            if (e->motion.which == SDL_TOUCH_MOUSEID) {
                return;
            }
            ev.kind = INPUT_POINTER_MOVE;
            ev.pointer_id = INPUT_MOUSE_ID;
            ev.x_px = (float)e->motion.x * sx;
            ev.y_px = (float)e->motion.y * sy;
            break;
        case SDL_MOUSEWHEEL:
            ev.kind = INPUT_WHEEL;
            ev.wheel_y = e->wheel.preciseY;
            {
                int mx = 0, my = 0;
                SDL_GetMouseState(&mx, &my);
                ev.x_px = (float)mx * sx;
                ev.y_px = (float)my * sy;
            }
            break;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            int slot = finger_slot(e->tfinger.fingerId, e->type == SDL_FINGERDOWN);
            if (slot < 0) {
                return;
            }
            ev.kind = e->type == SDL_FINGERDOWN ? INPUT_POINTER_DOWN
                      : e->type == SDL_FINGERUP ? INPUT_POINTER_UP
                                                : INPUT_POINTER_MOVE;
            ev.pointer_id = slot + 1;
            ev.x_px = e->tfinger.x * (float)dw;
            ev.y_px = e->tfinger.y * (float)dh;
            if (e->type == SDL_FINGERUP) {
                g_finger_used[slot] = false;
            }
            break;
        }
        case SDL_KEYDOWN:
            ev.kind = INPUT_KEY_PRESS;
            ev.key = map_key(e->key.keysym.sym, &ev.ch);
            ev.ctrl = (e->key.keysym.mod & KMOD_CTRL) != 0;
            ev.shift = (e->key.keysym.mod & KMOD_SHIFT) != 0;
            if (ev.key == INPUT_KEY_NONE) {
                return;
            }
            break;
        case SDL_TEXTINPUT:
            ev.kind = INPUT_TEXT;
            str_copy(ev.text, sizeof ev.text, e->text.text);
            break;
        case SDL_WINDOWEVENT:
            switch (e->window.event) {
                case SDL_WINDOWEVENT_SIZE_CHANGED:
                    ev.kind = INPUT_RESIZE;
                    ev.width_px = dw;
                    ev.height_px = dh;
                    break;
                case SDL_WINDOWEVENT_FOCUS_LOST:
                    ev.kind = INPUT_FOCUS_LOST;
                    break;
                case SDL_WINDOWEVENT_FOCUS_GAINED:
                    ev.kind = INPUT_FOCUS_GAINED;
                    break;
                case SDL_WINDOWEVENT_EXPOSED:
                case SDL_WINDOWEVENT_RESTORED:
                    ev.kind = INPUT_EXPOSE;
                    break;
                case SDL_WINDOWEVENT_CLOSE:
                    f->quit = true;
                    return;
                default:
                    return;
            }
            break;
        default:
            return;
    }
    input_push(f, &ev);
}

/* How many drawable pixels make one logical UI pixel. Where the system scales windows
 * (macOS, Wayland, Android) the drawable is larger than the window; elsewhere (X11,
 * Windows) the display's DPI says it, taking 96 dpi as 1. */
static float ui_scale(PlatWindow *pw, int window_w, int drawable_w) {
    float ratio = window_w > 0 ? (float)drawable_w / (float)window_w : 1.0f;
    if (ratio > 1.01f) {
        return ratio;
    }
    static float cached = 0.0f;
    if (cached <= 0.0f) {
        /* PAINMAP_UI_SCALE overrides a display that reports its DPI wrongly */
        const char *env = getenv("PAINMAP_UI_SCALE");
        float forced = 0.0f;
        if (env && str_parse_float(env, &forced) && forced >= 0.5f && forced <= 4.0f) {
            cached = forced;
            return cached;
        }
        float ddpi = 0.0f;
        int display = SDL_GetWindowDisplayIndex(pw->window);
        cached = 1.0f;
        if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, NULL, NULL) == 0 && ddpi > 0.0f) {
            float scale = ddpi / 96.0f;
            /* round to quarter steps so text sizes stay stable; never below 1 */
            scale = (float)(int)(scale * 4.0f + 0.5f) / 4.0f;
            cached = scale < 1.0f ? 1.0f : (scale > 3.0f ? 3.0f : scale);
        }
    }
    return cached;
}

void plat_poll_input(PlatWindow *window, bool wait, int timeout_ms, InputFrame *out_frame) {
    out_frame->count = 0;
    out_frame->dropped = 0;
    out_frame->quit = false;
    SDL_Event e;
    bool have = false;
    if (wait) {
        have = timeout_ms < 0 ? SDL_WaitEvent(&e) == 1 : SDL_WaitEventTimeout(&e, timeout_ms) == 1;
        if (have) {
            translate(window, &e, out_frame);
        }
    }
    while (SDL_PollEvent(&e)) {
        translate(window, &e, out_frame);
    }
    int ww = 1, dw = 1, wh = 1;
    SDL_GetWindowSize(window->window, &ww, &wh);
    SDL_GL_GetDrawableSize(window->window, &dw, &out_frame->height_px);
    out_frame->width_px = dw;
    out_frame->pixel_scale = ui_scale(window, ww, dw);
}

double plat_time_sec(void) {
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

const char *plat_exe_dir(void) {
    static char dir[4096];
    if (!dir[0]) {
        char *base = SDL_GetBasePath();
        if (base) {
            str_copy(dir, sizeof dir, base);
            SDL_free(base);
            size_t n = strlen(dir);
            while (n > 1 && dir[n - 1] == '/') {
                dir[--n] = '\0';
            }
        } else {
            str_copy(dir, sizeof dir, ".");
        }
    }
    return dir;
}

const char *plat_user_dir(void) {
    static char dir[4096];
    if (!dir[0]) {
        const char *env = getenv("PAINMAP_USER_DIR");
        if (env && *env) {
            str_copy(dir, sizeof dir, env);
        } else {
            char *pref = SDL_GetPrefPath("painmap", "painmap");
            if (!pref) {
                log_error("no user data directory: %s; set PAINMAP_USER_DIR to a writable folder",
                          SDL_GetError());
                return NULL;
            }
            str_copy(dir, sizeof dir, pref);
            SDL_free(pref);
        }
    }
    return dir;
}

static bool make_dir(const char *dir) {
    struct stat st;
    return (mkdir(dir, 0700) == 0 || errno == EEXIST) && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *plat_cache_dir(void) {
    static char dir[4096];
    static bool tried = false;
    if (tried) {
        return dir[0] ? dir : NULL;
    }
    tried = true;
    const char *env = getenv("PAINMAP_CACHE_DIR");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char base[4096];
    bool ok;
    if (env) {
        ok = *env && str_copy(dir, sizeof dir, env); /* set but empty: no cache */
    } else if (xdg && xdg[0] == '/') {
        ok = make_dir(xdg) && path_join(dir, sizeof dir, xdg, "painmap");
    } else {
        ok = home && home[0] == '/' && path_join(base, sizeof base, home, ".cache") &&
             make_dir(base) && path_join(dir, sizeof dir, base, "painmap");
    }
    if (!ok || !make_dir(dir)) {
        log_debug("no cache folder%s%s", dir[0] ? ": cannot create " : "", dir);
        dir[0] = '\0';
        return NULL;
    }
    return dir;
}

bool plat_read_secret(const char *prompt, char *out, size_t cap) {
    bool tty = isatty(STDIN_FILENO) != 0;
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        } else {
            tty = false;
        }
    }
    bool ok = fgets(out, (int)cap, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fputc('\n', stderr);
    }
    if (ok) {
        out[strcspn(out, "\r\n")] = '\0';
    }
    return ok;
}

long plat_rss_kib(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0, shared = 0;
    if (!f) {
        return 0;
    }
    /* size, resident, then the resident pages backed by files (shared) */
    if (fscanf(f, "%ld %ld %ld", &pages, &resident, &shared) != 3 || shared > resident) {
        resident = shared = 0;
    }
    fclose(f);
    return (resident - shared) * (sysconf(_SC_PAGESIZE) / 1024);
}

long plat_peak_rss_kib(void) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) {
        return 0;
    }
    return ru.ru_maxrss; /* Linux reports KiB */
}

const char *plat_video_driver(void) {
    const char *d = SDL_GetCurrentVideoDriver();
    return d ? d : "none";
}
