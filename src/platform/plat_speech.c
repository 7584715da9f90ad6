/* Speech and the clipboard for the text view. Speech goes through speech-dispatcher's client
 * library when it is installed: libspeechd is opened at run time (SDL_LoadObject), so painmap
 * neither needs it to build nor to run, and says so when it is missing. speech-dispatcher talks
 * over a local socket; nothing leaves the machine. */
#include <SDL.h>
#include <string.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/log.h"
#include "platform/plat.h"

/* The few calls of libspeechd used here (libspeechd.h: SPD_MODE_SINGLE = 0, SPD_TEXT = 3). */
typedef void *(*SpdOpenFn)(const char *client, const char *connection, const char *user, int mode);
typedef int (*SpdSayFn)(void *conn, int priority, const char *text);
typedef int (*SpdCancelFn)(void *conn);
typedef int (*SpdSetLanguageFn)(void *conn, const char *language);
typedef void (*SpdCloseFn)(void *conn);

static struct {
    bool tried;
    void *lib, *conn;
    SpdSayFn say;
    SpdCancelFn cancel;
    SpdSetLanguageFn set_language;
    SpdCloseFn close;
} g_speech;

/* A symbol of the library as a function pointer (memcpy: ISO C has no cast between the two). */
static void load_fn(const char *name, void *out_fn, size_t size) {
    void *sym = SDL_LoadFunction(g_speech.lib, name);
    memcpy(out_fn, &sym, size);
}

static bool speech_open(void) {
    if (g_speech.tried) {
        return g_speech.conn != NULL;
    }
    g_speech.tried = true;
    g_speech.lib = SDL_LoadObject("libspeechd.so.2");
    if (!g_speech.lib) {
        log_info("reading aloud needs speech-dispatcher (libspeechd2); it is not installed");
        return false;
    }
    SpdOpenFn open = NULL;
    load_fn("spd_open", &open, sizeof open);
    load_fn("spd_say", &g_speech.say, sizeof g_speech.say);
    load_fn("spd_cancel", &g_speech.cancel, sizeof g_speech.cancel);
    load_fn("spd_set_language", &g_speech.set_language, sizeof g_speech.set_language);
    load_fn("spd_close", &g_speech.close, sizeof g_speech.close);
    if (open && g_speech.say && g_speech.cancel && g_speech.close) {
        g_speech.conn = open("painmap", "main", NULL, 0);
    }
    if (!g_speech.conn) {
        log_info("speech-dispatcher did not answer; reading aloud is off");
        SDL_UnloadObject(g_speech.lib);
        g_speech.lib = NULL;
    }
    return g_speech.conn != NULL;
}

bool plat_speech_available(void) {
    return speech_open();
}

bool plat_speak(const char *text, const char *language) {
    if (!speech_open()) {
        return false;
    }
    g_speech.cancel(g_speech.conn);
    if (language && g_speech.set_language) {
        g_speech.set_language(g_speech.conn, language);
    }
    return g_speech.say(g_speech.conn, 3 /* SPD_TEXT */, text) >= 0;
}

void plat_speech_stop(void) {
    if (g_speech.conn) {
        g_speech.cancel(g_speech.conn);
    }
}

void plat_speech_shutdown(void) {
    if (g_speech.conn) {
        g_speech.close(g_speech.conn);
        g_speech.conn = NULL;
    }
    if (g_speech.lib) {
        SDL_UnloadObject(g_speech.lib);
        g_speech.lib = NULL;
    }
    g_speech.tried = false;
}

bool plat_clipboard_set(const char *text) {
    static bool warned; /* once: a tap that keeps failing must not fill the log */
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 || SDL_SetClipboardText(text) != 0) {
        if (!warned) {
            log_warn("could not copy to the clipboard: %s",
                     SDL_WasInit(SDL_INIT_VIDEO) ? SDL_GetError() : "no display");
        }
        warned = true;
        return false;
    }
    return true;
}
