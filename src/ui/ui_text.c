#include "ui/ui_text.h"

#include <assert.h>

bool ui_utf8_is_start(char c) {
    return ((unsigned char)c & 0xC0u) != 0x80u;
}

int ui_utf8_next(const char *s, int len, int i) {
    assert(i < len);
    unsigned char c = (unsigned char)s[i];
    int n = c < 0x80u ? 1 : c >= 0xF0u ? 4 : c >= 0xE0u ? 3 : c >= 0xC0u ? 2 : 1;
    int j = i + 1;
    /* Follow only real continuation bytes, so a truncated sequence never swallows the next
     * character. */
    while (j < len && j < i + n && !ui_utf8_is_start(s[j])) {
        j++;
    }
    return j;
}

int ui_utf8_prev(const char *s, int i) {
    assert(i > 0);
    int j = i - 1;
    int steps = 0;
    while (j > 0 && !ui_utf8_is_start(s[j]) && steps < 3) {
        j--;
        steps++;
    }
    return j;
}

int ui_utf8_count(const char *s, int len) {
    int n = 0;
    for (int i = 0; i < len; i = ui_utf8_next(s, len, i)) {
        n++;
    }
    return n;
}

static void put_line(UiLine *out, int max, int n, int start, int len, float w) {
    if (n < max) {
        out[n].start = start;
        out[n].len = len;
        out[n].width_px = w;
    }
}

/* The longest run of whole code points from start (at least one) that fits in width. */
static int fit_code_points(UiMeasureFn measure, void *user, int font, float size_px,
                           const char *text, int start, int end, float width, float *out_w) {
    int best = ui_utf8_next(text, end, start);
    *out_w = measure(user, font, size_px, text + start, best - start);
    for (int j = best; j < end;) {
        int k = ui_utf8_next(text, end, j);
        float w = measure(user, font, size_px, text + start, k - start);
        if (w > width) {
            break;
        }
        best = k;
        *out_w = w;
        j = k;
    }
    return best;
}

int ui_wrap_text(UiMeasureFn measure, void *user, int font, float size_px, const char *text,
                 int len, float width_px, UiLine *out_lines, int max_lines) {
    assert(measure && (text || len == 0) && len >= 0);
    int n = 0;
    int pos = 0;
    while (pos < len) {
        int line_start = pos;
        int best_end = -1;
        float best_w = 0.0f;
        int i = pos;
        for (;;) {
            /* the next chunk: the spaces before a word, then the word */
            int j = i;
            while (j < len && text[j] == ' ') {
                j++;
            }
            if (j >= len || text[j] == '\n') {
                /* only spaces left on this line: end it before them */
                int end = best_end >= 0 ? best_end : line_start;
                float w = best_end >= 0 ? best_w : 0.0f;
                if (best_end < 0 && j > line_start) {
                    end = j; /* a line of nothing but spaces keeps them */
                    w = measure(user, font, size_px, text + line_start, end - line_start);
                }
                put_line(out_lines, max_lines, n++, line_start, end - line_start, w);
                pos = j < len ? j + 1 : len;
                break;
            }
            while (j < len && text[j] != ' ' && text[j] != '\n') {
                j++;
            }
            float w = measure(user, font, size_px, text + line_start, j - line_start);
            if (w <= width_px || width_px <= 0.0f) {
                best_end = j;
                best_w = w;
                i = j;
                continue;
            }
            if (best_end >= 0) {
                put_line(out_lines, max_lines, n++, line_start, best_end - line_start, best_w);
                pos = best_end;
                while (pos < len && text[pos] == ' ') {
                    pos++;
                }
                break;
            }
            /* the first word is wider than the line: split it between code points */
            float fw = 0.0f;
            int end =
                fit_code_points(measure, user, font, size_px, text, line_start, j, width_px, &fw);
            put_line(out_lines, max_lines, n++, line_start, end - line_start, fw);
            pos = end;
            while (end == j && pos < len && text[pos] == ' ') {
                pos++;
            }
            break;
        }
    }
    return n;
}
