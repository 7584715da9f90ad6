#include "platform/plat_text.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/strutil.h"

static TTF_Font *g_fonts[PLAT_FONT_COUNT];
static int g_size[PLAT_FONT_COUNT];
/* The font files, read whole: FreeType then reads glyphs from memory, not with a seek and a
 * read system call for every glyph it loads. */

static const char *const FONT_FILES[PLAT_FONT_COUNT] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
static const char *const SYSTEM_DIRS[] = {
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
};

static bool open_face(int face, const char *assets_dir, char *err, size_t err_cap) {
    char tried[2048] = "";
    char path[4096], dir[4096];
    size_t ndirs = 1 + sizeof SYSTEM_DIRS / sizeof SYSTEM_DIRS[0];
    for (size_t i = 0; i < ndirs; i++) {
        if (i == 0) {
            if (!path_join(dir, sizeof dir, assets_dir, "fonts")) {
                continue;
            }
        } else {
            str_copy(dir, sizeof dir, SYSTEM_DIRS[i - 1]);
        }
        if (!path_join(path, sizeof path, dir, FONT_FILES[face])) {
            continue;
        }
        size_t n = strlen(tried);
        if (snprintf(tried + n, sizeof tried - n, "%s%s", n ? ", " : "", path) < 0) {
            tried[n] = '\0';
        }
        if (!file_is_regular(path)) {
            continue;
        }
        /* read as FreeType needs it (its tables, then the glyphs drawn) rather than whole:
         * ~1.5 MB less held for the two faces */
        SDL_RWops *rw = SDL_RWFromFile(path, "rb");
        g_fonts[face] = rw ? TTF_OpenFontRW(rw, 1, 16) : NULL;
        if (g_fonts[face]) {
            g_size[face] = 16;
            TTF_SetFontHinting(g_fonts[face], TTF_HINTING_LIGHT);
            return true;
        }
        log_warn("could not open the font %s: %s", path, TTF_GetError());
    }
    snprintf(err, err_cap,
             "font %s not found (tried %s); install the Debian package fonts-dejavu-core or "
             "put the file in the assets fonts folder",
             FONT_FILES[face], tried);
    return false;
}

bool plat_text_init(const char *assets_dir, char *err, size_t err_cap) {
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, err_cap, "could not start SDL_ttf: %s", TTF_GetError());
        return false;
    }
    for (int f = 0; f < PLAT_FONT_COUNT; f++) {
        if (!g_fonts[f] && !open_face(f, assets_dir, err, err_cap)) {
            plat_text_shutdown();
            return false;
        }
    }
    return true;
}

void plat_text_shutdown(void) {
    for (int f = 0; f < PLAT_FONT_COUNT; f++) {
        if (g_fonts[f]) {
            TTF_CloseFont(g_fonts[f]);
            g_fonts[f] = NULL;
        }
    }
    if (TTF_WasInit()) {
        TTF_Quit();
    }
}

static TTF_Font *sized(int font, float size_px) {
    if (font < 0 || font >= PLAT_FONT_COUNT || !g_fonts[font]) {
        return NULL;
    }
    int px = (int)(size_px + 0.5f);
    px = px < 4 ? 4 : (px > 512 ? 512 : px);
    if (g_size[font] != px) {
        /* At SDL_ttf's default 72 dpi a point is a pixel. */
        TTF_SetFontSize(g_fonts[font], px);
        g_size[font] = px;
    }
    return g_fonts[font];
}

/* SDL_ttf wants a NUL-terminated string; copy short runs to the stack. */
static char *terminated(const char *text, int len, char *stack, size_t stack_cap) {
    size_t n = (size_t)len;
    char *s = n < stack_cap ? stack : malloc(n + 1);
    if (s) {
        memcpy(s, text, n);
        s[n] = '\0';
    }
    return s;
}

float plat_text_measure(int font, float size_px, const char *text, int len) {
    TTF_Font *f = sized(font, size_px);
    if (!f || len <= 0) {
        return 0.0f;
    }
    char stack[512];
    char *s = terminated(text, len, stack, sizeof stack);
    int w = 0, h = 0;
    if (s) {
        TTF_SizeUTF8(f, s, &w, &h);
        if (s != stack) {
            free(s);
        }
    }
    return (float)w;
}

bool plat_text_render(int font, float size_px, const char *text, int len,
                      PlatTextImage *out_image) {
    memset(out_image, 0, sizeof *out_image);
    TTF_Font *f = sized(font, size_px);
    if (!f || len <= 0) {
        return false;
    }
    char stack[512];
    char *s = terminated(text, len, stack, sizeof stack);
    if (!s) {
        return false;
    }
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, white);
    if (s != stack) {
        free(s);
    }
    if (!surf) {
        return false;
    }
    /* GLES has no BGRA upload: convert to bytes in R, G, B, A order. */
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(surf, SDL_PIXELFORMAT_ABGR8888, 0);
    SDL_FreeSurface(surf);
    if (!rgba) {
        return false;
    }
    size_t row = (size_t)rgba->w * 4;
    uint8_t *px = malloc(row * (size_t)rgba->h);
    if (px) {
        SDL_LockSurface(rgba);
        for (int y = 0; y < rgba->h; y++) {
            memcpy(px + (size_t)y * row,
                   (const uint8_t *)rgba->pixels + (size_t)y * (size_t)rgba->pitch, row);
        }
        SDL_UnlockSurface(rgba);
        out_image->w = rgba->w;
        out_image->h = rgba->h;
        out_image->rgba = px;
    }
    SDL_FreeSurface(rgba);
    return px != NULL;
}

void plat_text_free(PlatTextImage *image) {
    free(image->rgba);
    image->rgba = NULL;
}
