/* plat_text: fonts through SDL_ttf. Measures UTF-8 text and rasterises it into plain
 * RGBA pixel buffers (white glyphs, coverage in alpha) that the renderer uploads.
 * Owns the open fonts. Fonts come from <assets>/fonts or the system's DejaVu fonts. */
#ifndef PAINMAP_PLATFORM_PLAT_TEXT_H
#define PAINMAP_PLATFORM_PLAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { PLAT_FONT_REGULAR = 0, PLAT_FONT_BOLD = 1, PLAT_FONT_COUNT = 2 };

typedef struct {
    int w, h;      /* pixels */
    uint8_t *rgba; /* w*h*4, top row first; free with plat_text_free */
} PlatTextImage;

/* Opens the regular and bold faces; the error names every place tried. */
bool plat_text_init(const char *assets_dir, char *err, size_t err_cap);
void plat_text_shutdown(void);
/* Advance width in pixels of len bytes of UTF-8 text at size_px. */
float plat_text_measure(int font, float size_px, const char *text, int len);
/* Rasterises len bytes of UTF-8 text; false for empty text or when out of memory. */
bool plat_text_render(int font, float size_px, const char *text, int len, PlatTextImage *out_image);
void plat_text_free(PlatTextImage *image);

#endif
