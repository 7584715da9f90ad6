/* ui_text: UTF-8 stepping and word wrapping for the ui_ module, measured through a
 * callback the app provides (the app owns the fonts). Pure functions over caller buffers;
 * owns nothing and depends on nothing but the C library (no SDL, no GL). */
#ifndef PAINMAP_UI_UI_TEXT_H
#define PAINMAP_UI_UI_TEXT_H

#include <stdbool.h>

/* Advance width in pixels of text[0..len_bytes) in a font (0 regular, 1 bold) at size_px. */
typedef float (*UiMeasureFn)(void *user, int font, float size_px, const char *text, int len_bytes);

enum { UI_FONT_REGULAR = 0, UI_FONT_BOLD = 1 };

/* One wrapped line: bytes [start, start + len) of the text, and its measured width. */
typedef struct {
    int start, len;
    float width_px;
} UiLine;

/* Byte index of the code point after the one at i (i < len); a stray byte counts as one. */
int ui_utf8_next(const char *s, int len, int i);
/* Byte index of the code point before i (i > 0); never lands inside a sequence. */
int ui_utf8_prev(const char *s, int i);
/* Number of code points in s[0..len). */
int ui_utf8_count(const char *s, int len);
/* True if byte c starts a code point (is not a 10xxxxxx continuation byte). */
bool ui_utf8_is_start(char c);

/* Wraps text[0..len) into lines at most width_px wide: breaks at spaces and '\n', drops the
 * spaces at a break, and splits a word (at code point boundaries) only when it is wider than
 * a whole line. Writes up to max_lines lines; returns the number the text needs (which may
 * exceed max_lines). A line always holds at least one code point. */
int ui_wrap_text(UiMeasureFn measure, void *user, int font, float size_px, const char *text,
                 int len, float width_px, UiLine *out_lines, int max_lines);

#endif
