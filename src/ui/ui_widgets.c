/* The widgets: each measures its text, takes a slot from the layout, asks ui__interact
 * what the pointers and keys did to it, and appends its draw commands. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "ui/ui_internal.h"

enum { LINES_ON_STACK = 64 };

/* A block of wrapped text: its lines, and its size. Lines live on the stack for short
 * texts and on the heap for long ones; free with block_free. */
typedef struct {
    UiLine local[LINES_ON_STACK];
    UiLine *lines;
    int count;
    int font;
    float size_px, line_h, w, h;
} TextBlock;

static void block_wrap(UiContext *c, TextBlock *b, const char *text, int len, int font,
                       float size_px, float max_w) {
    b->lines = b->local;
    b->font = font;
    b->size_px = size_px;
    b->line_h = ui__line_h(size_px);
    int n =
        ui_wrap_text(ui__measure_cb, c, font, size_px, text, len, max_w, b->local, LINES_ON_STACK);
    if (n > LINES_ON_STACK) {
        UiLine *heap = malloc((size_t)n * sizeof *heap);
        if (heap) {
            ui_wrap_text(ui__measure_cb, c, font, size_px, text, len, max_w, heap, n);
            b->lines = heap;
        } else {
            n = LINES_ON_STACK;
        }
    }
    b->count = n;
    b->w = 0.0f;
    for (int i = 0; i < n; i++) {
        b->w = fmaxf(b->w, b->lines[i].width_px);
    }
    b->h = (float)n * b->line_h;
}

static void block_free(TextBlock *b) {
    if (b->lines != b->local) {
        free(b->lines);
    }
}

/* Emits the block's lines with their top-left at (x, y); centred in width w when centre. */
static void block_draw(UiContext *c, const TextBlock *b, const char *text, int len, float x,
                       float y, float w, bool centre, uint32_t color) {
    const char *copy = ui__arena_copy(c, text, len);
    if (!copy) {
        return;
    }
    for (int i = 0; i < b->count; i++) {
        const UiLine *l = &b->lines[i];
        float lx = centre ? x + 0.5f * (w - l->width_px) : x;
        ui__text_cmd(c, lx, y + (float)i * b->line_h, b->font, b->size_px, copy + l->start, l->len,
                     l->width_px, color);
    }
}

/* One line of the frame's description: "role: label (state)", and whether it has focus. */
static void describe(UiContext *c, const char *role, const char *label, int len, const char *state,
                     UiId id) {
    ui__describe(c, role, -1);
    ui__describe(c, ": ", 2);
    ui__describe(c, label, len); /* len < 0: up to the NUL */
    if (state) {
        ui__describe(c, " (", 2);
        ui__describe(c, state, -1);
        ui__describe(c, ")", 1);
    }
    if (id && c->focus == id) {
        ui__describe(c, " (focused)", -1);
    }
    ui__describe(c, "\n", 1);
}

/* The widest a widget's text may be before it wraps: the container's width, or the next
 * rect or width the app set. Controls treat the app's width as a minimum (wrap_to_next false):
 * they wrap only against the container; labels wrap to it. */
static float wrap_width(const UiContext *c, bool wrap_to_next) {
    const UiLayout *l = &c->layouts[c->layout_depth - 1];
    float set = c->has_next_rect ? c->next_rect.w : c->has_next_width ? c->next_width : -1.0f;
    if (set < 0.0f) {
        return l->rect.w;
    }
    return wrap_to_next ? set : fmaxf(set, l->rect.w);
}

/* A control's natural width in a row: logical_px, narrowed to the container, never below
 * two touch targets. */
static float fitted_width(const UiContext *c, float logical_px) {
    float w = fminf(ui__s(c, logical_px), wrap_width(c, false));
    return fmaxf(w, 2.0f * ui__s(c, c->theme.min_target_px));
}

/* --- button ------------------------------------------------------------------------ */

static void button_measure(UiContext *c, TextBlock *b, const char *label, int vis, bool bold) {
    float pad = ui__s(c, c->theme.padding_px);
    float max_w = fmaxf(wrap_width(c, false) - 2.0f * pad, ui__s(c, c->theme.min_target_px));
    block_wrap(c, b, label, vis, bold ? UI_FONT_BOLD : UI_FONT_REGULAR, ui__s(c, c->theme.font_px),
               max_w);
}

static UiSize button_size(UiContext *c, const TextBlock *b) {
    float pad = ui__s(c, c->theme.padding_px);
    float min_t = ui__s(c, c->theme.min_target_px);
    UiSize s = {fmaxf(min_t, b->w + 2.0f * pad), fmaxf(min_t, b->h + pad)};
    return s;
}

UiSize ui_button_size(UiContext *ctx, const char *label) {
    return ui_button_size_ex(ctx, label, NULL);
}

UiSize ui_button_size_ex(UiContext *ctx, const char *label, const UiButtonOpts *opts) {
    int vis = 0;
    ui__label_id(ctx, label, &vis);
    TextBlock b;
    button_measure(ctx, &b, label, vis, opts && opts->bold);
    UiSize s = button_size(ctx, &b);
    block_free(&b);
    return s;
}

bool ui_button_ex(UiContext *ctx, const char *label, const UiButtonOpts *opts) {
    UiContext *c = ctx;
    UiButtonOpts o = {0};
    if (opts) {
        o = *opts;
    }
    const UiTheme *t = &c->theme;
    int vis = 0;
    UiId id = ui__label_id(c, label, &vis);
    TextBlock b;
    button_measure(c, &b, label, vis, o.bold);
    UiSize s = button_size(c, &b);
    UiRect r = ui__layout_next(c, s.w, s.h, true);
    bool off = o.disabled || o.inert;
    UiInteract in = ui__interact(c, id, r, !off, off);
    uint32_t bg = t->widget_bg, fg = t->text;
    if (o.danger) {
        bg = t->danger_bg;
        fg = t->text_on_danger;
    } else if (o.selected) {
        bg = t->selected_bg;
        fg = t->text_on_selected;
    } else if (in.held) {
        bg = t->widget_active;
    } else if (in.hovered) {
        bg = t->widget_hover;
    }
    if (o.disabled) {
        fg = t->text_muted;
    }
    float radius = ui__s(c, t->radius_px);
    ui__rect(c, r, radius, bg);
    if (!o.danger && !o.selected) {
        ui__outline(c, r, radius, ui__s(c, t->border_px), t->border);
    } else if (in.held) {
        ui__outline(c, r, radius, ui__s(c, t->focus_px), t->widget_active);
    }
    block_draw(c, &b, label, vis, r.x, r.y + 0.5f * (r.h - b.h), r.w, true, fg);
    ui__draw_focus(c, id, r, false);
    block_free(&b);
    describe(c, o.inert ? "badge" : "button", label, vis,
             o.disabled ? "disabled" : (o.selected && !o.inert ? "selected" : NULL), id);
    return in.clicked && !off;
}

bool ui_button(UiContext *ctx, const char *label) {
    return ui_button_ex(ctx, label, NULL);
}

/* --- toggle ------------------------------------------------------------------------ */

bool ui_toggle(UiContext *ctx, const char *label, bool *on) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    int vis = 0;
    UiId id = ui__label_id(c, label, &vis);
    float pad = ui__s(c, t->padding_px);
    float box = ui__s(c, 24.0f);
    float min_t = ui__s(c, t->min_target_px);
    float text_x = pad + box + pad;
    TextBlock b;
    block_wrap(c, &b, label, vis, UI_FONT_REGULAR, ui__s(c, t->font_px),
               fmaxf(wrap_width(c, false) - text_x - pad, min_t));
    UiRect r = ui__layout_next(c, text_x + b.w + pad, fmaxf(min_t, b.h + pad), true);
    UiInteract in = ui__interact(c, id, r, true, false);
    bool changed = false;
    if (in.clicked) {
        *on = !*on;
        changed = true;
    }
    float radius = ui__s(c, t->radius_px);
    if (in.held || in.hovered) {
        ui__rect(c, r, radius, in.held ? t->widget_active : t->widget_hover);
    }
    UiRect br = {r.x + pad, r.y + 0.5f * (r.h - box), box, box};
    if (*on) {
        ui__rect(c, br, ui__s(c, 4.0f), t->selected_bg);
        float w = ui__s(c, 3.0f);
        ui__line(c, br.x + 0.22f * box, br.y + 0.52f * box, br.x + 0.42f * box, br.y + 0.72f * box,
                 w, t->text_on_selected);
        ui__line(c, br.x + 0.42f * box, br.y + 0.72f * box, br.x + 0.78f * box, br.y + 0.30f * box,
                 w, t->text_on_selected);
    } else {
        ui__rect(c, br, ui__s(c, 4.0f), t->widget_bg);
        ui__outline(c, br, ui__s(c, 4.0f), fmaxf(ui__s(c, 2.0f), ui__s(c, t->border_px)),
                    t->border);
    }
    block_draw(c, &b, label, vis, r.x + text_x, r.y + 0.5f * (r.h - b.h), 0.0f, false, t->text);
    ui__draw_focus(c, id, r, false);
    block_free(&b);
    describe(c, "checkbox", label, vis, *on ? "on" : "off", id);
    return changed;
}

/* --- segmented switch -------------------------------------------------------------- */

bool ui_segmented(UiContext *ctx, const char *id, const char *const *labels, int count,
                  int *selected) {
    UiContext *c = ctx;
    assert(count > 0);
    const UiTheme *t = &c->theme;
    float pad = ui__s(c, t->padding_px);
    float min_t = ui__s(c, t->min_target_px);
    float size = ui__s(c, t->font_px);
    float lh = ui__line_h(size);
    enum { MAX_SEGMENTS = 16 };
    assert(count <= MAX_SEGMENTS);
    if (count > MAX_SEGMENTS) {
        count = MAX_SEGMENTS;
    }
    float nat[MAX_SEGMENTS];
    float seg_w = min_t, sum = 0.0f;
    for (int i = 0; i < count; i++) {
        int vis = 0;
        ui__label_id(c, labels[i], &vis);
        nat[i] = fmaxf(min_t, ui__measure(c, UI_FONT_BOLD, size, labels[i], vis) + 2.0f * pad);
        seg_w = fmaxf(seg_w, nat[i]);
        sum += nat[i];
    }
    float seg_h = fmaxf(min_t, lh + pad);
    /* equal segments if they fit, else each as wide as its label, else one under another */
    float avail = wrap_width(c, false);
    bool equal = seg_w * (float)count <= avail;
    bool across = equal || sum <= avail;
    UiRect r = across ? ui__layout_next(c, equal ? seg_w * (float)count : sum, seg_h, true)
                      : ui__layout_next(c, seg_w, seg_h * (float)count, true);
    float extra = across && !equal ? (r.w - sum) / (float)count : 0.0f;
    float seg_x = r.x;
    float radius = ui__s(c, t->radius_px);
    ui__rect(c, r, radius, t->widget_bg);
    ui__outline(c, r, radius, ui__s(c, t->border_px), t->border);
    ui_push_id(c, id);
    bool changed = false;
    ui__describe(c, "switch:", -1);
    for (int i = 0; i < count; i++) {
        UiRect sr;
        if (!across) {
            sr = (UiRect){r.x, r.y + seg_h * (float)i, r.w, seg_h};
        } else if (equal) {
            sr = (UiRect){r.x + r.w * (float)i / (float)count, r.y, r.w / (float)count, r.h};
        } else {
            sr = (UiRect){seg_x, r.y, nat[i] + extra, r.h};
            seg_x += sr.w;
        }
        int vis = 0;
        ui__label_id(c, labels[i], &vis);
        ui_push_id_int(c, i);
        UiId sid = ui_id(c, "segment");
        ui_pop_id(c);
        UiInteract in = ui__interact(c, sid, sr, true, false);
        if (in.clicked && *selected != i) {
            *selected = i;
            changed = true;
        }
        bool sel = *selected == i;
        uint32_t fg = t->text;
        if (sel) {
            ui__rect(c, sr, radius, t->selected_bg);
            fg = t->text_on_selected;
        } else if (in.held || in.hovered) {
            ui__rect(c, sr, radius, in.held ? t->widget_active : t->widget_hover);
        }
        int font = sel ? UI_FONT_BOLD : UI_FONT_REGULAR;
        float tw = ui__measure(c, font, size, labels[i], vis);
        const char *copy = ui__arena_copy(c, labels[i], vis);
        ui__text_cmd(c, sr.x + 0.5f * (sr.w - tw), sr.y + 0.5f * (sr.h - lh), font, size, copy, vis,
                     tw, fg);
        ui__draw_focus(c, sid, sr, true);
        ui__describe(c, i ? " | " : " ", -1);
        ui__describe(c, sel ? "[" : "", -1);
        ui__describe(c, labels[i], vis);
        ui__describe(c, sel ? "]" : "", -1);
        ui__describe(c, c->focus == sid ? " (focused)" : "", -1);
    }
    ui__describe(c, "\n", 1);
    ui_pop_id(c);
    c->last_rect = r;
    return changed;
}

/* --- text -------------------------------------------------------------------------- */

void ui_text(UiContext *ctx, const char *text, UiTextStyle style) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    int font = UI_FONT_REGULAR;
    float size = t->font_px;
    uint32_t color = t->text;
    switch (style) {
        case UI_TEXT_BOLD:
            font = UI_FONT_BOLD;
            break;
        case UI_TEXT_TITLE:
            font = UI_FONT_BOLD;
            size = t->title_px;
            break;
        case UI_TEXT_MUTED:
            size = t->small_px;
            color = t->text_muted;
            break;
        case UI_TEXT_BODY:
        default:
            break;
    }
    size = ui__s(c, size);
    int len = (int)strlen(text);
    if (len == 0) {
        return; /* nothing to show takes no room */
    }
    TextBlock b;
    block_wrap(c, &b, text, len, font, size, wrap_width(c, true));
    UiRect r = ui__layout_next(c, b.w, fmaxf(b.h, 1.0f), false);
    block_draw(c, &b, text, len, r.x, r.y, r.w, false, color);
    block_free(&b);
    describe(c, style == UI_TEXT_TITLE ? "heading" : "text", text, len, NULL, 0);
}

void ui_label(UiContext *ctx, const char *text) {
    ui_text(ctx, text, UI_TEXT_BODY);
}

void ui_swatch(UiContext *ctx, uint32_t color, const char *label) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    float pad = ui__s(c, t->padding_px);
    float box = ui__s(c, 20.0f);
    int len = (int)strlen(label);
    TextBlock b;
    block_wrap(c, &b, label, len, UI_FONT_REGULAR, ui__s(c, t->font_px),
               fmaxf(wrap_width(c, true) - box - pad, box));
    UiRect r = ui__layout_next(c, box + pad + b.w, fmaxf(box, b.h), false);
    UiRect sw = {r.x, r.y + 0.5f * (r.h - box), box, box};
    ui__rect(c, sw, ui__s(c, 4.0f), color);
    ui__outline(c, sw, ui__s(c, 4.0f), ui__s(c, t->border_px), t->border);
    block_draw(c, &b, label, len, r.x + box + pad, r.y + 0.5f * (r.h - b.h), 0.0f, false, t->text);
    block_free(&b);
    describe(c, "legend", label, len, NULL, 0);
}

/* --- slider ------------------------------------------------------------------------ */

static float clamp01(float v) {
    return v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
}

bool ui_slider(UiContext *ctx, const char *id, float *value, float step) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    UiId sid = ui_id(c, id);
    float min_t = ui__s(c, t->min_target_px);
    UiRect r = ui__layout_next(c, fitted_width(c, 200.0f), min_t, true);
    UiInteract in = ui__interact(c, sid, r, true, false);
    float knob = ui__s(c, 11.0f);
    float x0 = r.x + knob, x1 = r.x + r.w - knob;
    float v = clamp01(*value);
    float before = v; /* clamping a value the app set is not a change by the user */
    if (in.pointer >= 0) {
        const UiPointer *p = &c->ptr[in.pointer];
        float px = p->down ? p->x : p->up_x;
        v = x1 > x0 ? clamp01((px - x0) / (x1 - x0)) : 0.0f;
    }
    if (in.focused && c->input) {
        float st = step > 0.0f ? step : 0.05f;
        for (int i = 0; i < c->input->count; i++) {
            const InputEvent *e = &c->input->events[i];
            if (c->key_target[i] != sid || c->used[i] || e->kind != INPUT_KEY_PRESS) {
                continue;
            }
            if (e->key == INPUT_KEY_LEFT) {
                v = clamp01(v - st);
            } else if (e->key == INPUT_KEY_RIGHT) {
                v = clamp01(v + st);
            } else if (e->key == INPUT_KEY_HOME) {
                v = 0.0f;
            } else {
                continue;
            }
            c->used[i] = true;
        }
    }
    bool changed = v != before;
    *value = v;
    if (changed) {
        c->settle = true;
    }
    float th = ui__s(c, 6.0f);
    float cy = r.y + 0.5f * r.h;
    float kx = x0 + v * (x1 - x0);
    ui__rect(c, (UiRect){x0, cy - 0.5f * th, x1 - x0, th}, 0.5f * th, t->track);
    ui__rect(c, (UiRect){x0, cy - 0.5f * th, kx - x0, th}, 0.5f * th, t->selected_bg);
    float kr = in.held ? knob * 1.2f : knob;
    UiRect kb = {kx - kr, cy - kr, 2.0f * kr, 2.0f * kr};
    ui__rect(c, kb, kr, t->selected_bg);
    ui__outline(c, kb, kr, ui__s(c, 2.0f), t->panel_bg);
    ui__draw_focus(c, sid, r, false);
    char pct[8];
    int p = (int)(v * 100.0f + 0.5f), n = 0;
    if (p >= 100) {
        pct[n++] = '1';
    }
    if (p >= 10) {
        pct[n++] = (char)('0' + (p / 10) % 10);
    }
    pct[n++] = (char)('0' + p % 10);
    pct[n++] = '%';
    pct[n] = '\0';
    int vis = 0;
    ui__label_id(c, id, &vis);
    describe(c, "slider", id, vis, pct, sid);
    return changed;
}

/* --- text field -------------------------------------------------------------------- */

static int caret_from_x(UiContext *c, const char *buf, int len, float size, float x) {
    int best = 0;
    float best_d = fabsf(x);
    for (int i = 0; i < len;) {
        i = ui_utf8_next(buf, len, i);
        float d = fabsf(x - ui__measure(c, UI_FONT_REGULAR, size, buf, i));
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

/* The length of s[0..len) without a last code point the platform cut short. */
static int whole_code_points(const char *s, int len) {
    if (len == 0) {
        return 0;
    }
    int last = len - 1;
    while (last > 0 && !ui_utf8_is_start(s[last])) {
        last--;
    }
    unsigned char c = (unsigned char)s[last];
    int need = c < 0x80u ? 1 : c >= 0xF0u ? 4 : c >= 0xE0u ? 3 : c >= 0xC0u ? 2 : 1;
    return last + need <= len ? len : last;
}

static bool field_key(UiContext *c, const InputEvent *e, char *buf, int cap, int *len,
                      int *result) {
    int caret = c->caret;
    if (e->kind == INPUT_TEXT) {
        int tl = 0;
        while (tl < (int)sizeof e->text && e->text[tl]) {
            tl++;
        }
        tl = whole_code_points(e->text, tl);
        /* whole characters only: a text that does not fit is dropped, never cut */
        if (tl > 0 && *len + tl < cap) {
            memmove(buf + caret + tl, buf + caret, (size_t)(*len - caret + 1));
            memcpy(buf + caret, e->text, (size_t)tl);
            *len += tl;
            c->caret = caret + tl;
            *result |= UI_TEXT_FIELD_CHANGED;
        }
        return true;
    }
    if (e->kind != INPUT_KEY_PRESS) {
        return false;
    }
    switch (e->key) {
        case INPUT_KEY_BACKSPACE:
            if (caret > 0) {
                int prev = ui_utf8_prev(buf, caret);
                memmove(buf + prev, buf + caret, (size_t)(*len - caret + 1));
                *len -= caret - prev;
                c->caret = prev;
                *result |= UI_TEXT_FIELD_CHANGED;
            }
            return true;
        case INPUT_KEY_LEFT:
            c->caret = caret > 0 ? ui_utf8_prev(buf, caret) : 0;
            return true;
        case INPUT_KEY_RIGHT:
            c->caret = caret < *len ? ui_utf8_next(buf, *len, caret) : *len;
            return true;
        case INPUT_KEY_HOME:
            c->caret = 0;
            return true;
        case INPUT_KEY_ENTER:
            *result |= UI_TEXT_FIELD_SUBMITTED;
            return true;
        case INPUT_KEY_F11:
            return false;
        default:
            /* letters arrive as INPUT_TEXT; their key presses must not reach shortcuts */
            return true;
    }
}

int ui_text_field(UiContext *ctx, const char *id, char *buf, int cap, const char *placeholder) {
    UiContext *c = ctx;
    assert(buf && cap > 0);
    const UiTheme *t = &c->theme;
    UiId fid = ui_id(c, id);
    float pad = ui__s(c, t->padding_px);
    float min_t = ui__s(c, t->min_target_px);
    float size = ui__s(c, t->font_px);
    float lh = ui__line_h(size);
    UiRect r = ui__layout_next(c, fitted_width(c, 160.0f), fmaxf(min_t, lh + pad), true);
    if (c->focus == fid) {
        c->focus_is_text = true; /* so Enter and Space are not taken as a click */
    }
    UiInteract in = ui__interact(c, fid, r, true, false);
    buf[cap - 1] = '\0';
    int len = (int)strlen(buf);
    int result = 0;
    UiRect inner = {r.x + pad, r.y, fmaxf(r.w - 2.0f * pad, 1.0f), r.h};
    bool focused = c->focus == fid;
    if (focused) {
        c->focus_is_text = true;
        if (c->caret < 0 || c->caret > len) {
            c->caret = len;
        }
        while (c->caret > 0 && !ui_utf8_is_start(buf[c->caret])) {
            c->caret--;
        }
        if (in.pressed) {
            const UiPointer *p = &c->ptr[in.pointer];
            c->caret = caret_from_x(c, buf, len, size, p->down_x - inner.x + c->text_scroll);
        }
        for (int i = 0; c->input && i < c->input->count; i++) {
            if (c->key_target[i] == fid && !c->used[i] &&
                field_key(c, &c->input->events[i], buf, cap, &len, &result)) {
                c->used[i] = true;
                c->settle = true;
            }
        }
    }
    float radius = ui__s(c, t->radius_px);
    ui__rect(c, r, radius, t->widget_bg);
    ui__outline(c, r, radius, focused ? ui__s(c, 2.0f) : ui__s(c, t->border_px),
                focused ? t->selected_bg : t->border);
    float scroll = 0.0f;
    float caret_x = 0.0f;
    if (focused) {
        /* keep the caret in view; the rest of a long entry scrolls under the clip */
        caret_x = ui__measure(c, UI_FONT_REGULAR, size, buf, c->caret);
        float cw = ui__s(c, 2.0f);
        if (caret_x - c->text_scroll > inner.w - cw) {
            c->text_scroll = caret_x - inner.w + cw;
        }
        if (caret_x < c->text_scroll) {
            c->text_scroll = caret_x;
        }
        scroll = c->text_scroll;
    }
    ui__clip_push(c, inner);
    float ty = r.y + 0.5f * (r.h - lh);
    if (len > 0) {
        const char *copy = ui__arena_copy(c, buf, len);
        ui__text_cmd(c, inner.x - scroll, ty, UI_FONT_REGULAR, size, copy, len,
                     ui__measure(c, UI_FONT_REGULAR, size, buf, len), t->text);
    } else if (placeholder && !focused) {
        int pl = (int)strlen(placeholder);
        const char *copy = ui__arena_copy(c, placeholder, pl);
        ui__text_cmd(c, inner.x, ty, UI_FONT_REGULAR, size, copy, pl,
                     ui__measure(c, UI_FONT_REGULAR, size, placeholder, pl), t->text_muted);
    }
    if (focused) {
        ui__rect(c, (UiRect){inner.x + caret_x - scroll, ty, ui__s(c, 2.0f), lh}, 0.0f, t->text);
    }
    ui__clip_pop(c);
    ui__draw_focus(c, fid, r, false);
    ui__describe(c, "field: ", -1);
    int vis = 0;
    ui__label_id(c, id, &vis);
    ui__describe(c, placeholder ? placeholder : id, placeholder ? -1 : vis);
    describe(c, "", len ? buf : "(empty)", len ? len : -1, NULL, fid);
    return result;
}

/* --- panel ------------------------------------------------------------------------- */

bool ui_panel_begin(UiContext *ctx, const char *title, UiRect rect, bool *open) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    int vis = 0;
    UiId id = ui__label_id(c, title, &vis);
    if (open && !*open) {
        return false;
    }
    if (c->close_request == id && open) {
        /* like the close button: this frame still shows it, the caller sees *open false
         * after ui_panel_end, the next frame skips it */
        *open = false;
        c->settle = true;
    }
    assert(c->panel_depth < UI_MAX_LAYERS && c->layer_depth < UI_MAX_LAYERS);
    if (c->panel_depth >= UI_MAX_LAYERS || c->layer_depth >= UI_MAX_LAYERS) {
        return false;
    }
    UiPanelFrame *pf = &c->panels[c->panel_depth++];
    memset(pf, 0, sizeof *pf);
    pf->id = id;
    pf->open = open;
    c->layer_stack[c->layer_depth++] = id;
    float pad = ui__s(c, t->padding_px);
    float min_t = ui__s(c, t->min_target_px);
    float radius = ui__s(c, t->radius_px);
    pf->auto_h = rect.h <= 0.0f;
    float h = pf->auto_h ? fmaxf((float)c->h - rect.y - pad, 2.0f * min_t) : rect.h;
    pf->rect = (UiRect){rect.x, rect.y, rect.w, h};
    pf->bg_cmd = c->cmd_count;
    ui__rect(c, pf->rect, radius, t->panel_bg);
    pf->outline_cmd = c->cmd_count;
    ui__outline(c, pf->rect, radius, ui__s(c, t->border_px), t->border);

    float close_w = open ? min_t : 0.0f;
    TextBlock b;
    block_wrap(c, &b, title, vis, UI_FONT_BOLD, ui__s(c, t->title_px),
               fmaxf(rect.w - 2.0f * pad - close_w, min_t));
    float title_h = fmaxf(min_t, b.h);
    float top = rect.y + 0.5f * pad;
    block_draw(c, &b, title, vis, rect.x + pad, top + 0.5f * (title_h - b.h), 0.0f, false, t->text);
    block_free(&b);
    describe(c, "card", title, vis, NULL, 0);
    ui_push_id(c, title);
    if (open) {
        UiId cid = ui_id(c, "close");
        UiRect cr = {rect.x + rect.w - 0.5f * pad - min_t, top, min_t, min_t};
        UiInteract in = ui__interact(c, cid, cr, true, false);
        if (in.held || in.hovered) {
            ui__rect(c, cr, radius, in.held ? t->widget_active : t->widget_hover);
        }
        float cx = cr.x + 0.5f * cr.w, cy = cr.y + 0.5f * cr.h, k = ui__s(c, 8.0f);
        ui__line(c, cx - k, cy - k, cx + k, cy + k, ui__s(c, 2.5f), t->text);
        ui__line(c, cx - k, cy + k, cx + k, cy - k, ui__s(c, 2.5f), t->text);
        ui__draw_focus(c, cid, cr, true);
        if (in.clicked) {
            *open = false;
            c->settle = true;
        }
    }
    float body_y = top + title_h + 0.5f * pad;
    UiRect view = {rect.x + pad, body_y, fmaxf(rect.w - 2.0f * pad, 1.0f),
                   fmaxf(pf->rect.y + h - pad - body_y, 1.0f)};
    ui__scroll_begin(c, ui_id(c, "body"), view, pad, ui__s(c, t->focus_px), &pf->body);
    return true;
}

void ui_panel_end(UiContext *ctx) {
    UiContext *c = ctx;
    assert(c->panel_depth > 0);
    if (c->panel_depth <= 0) {
        return;
    }
    UiPanelFrame *pf = &c->panels[--c->panel_depth];
    float content_h = ui__scroll_end(c, &pf->body);
    ui_pop_id(c);
    float pad = ui__s(c, c->theme.padding_px);
    UiRect r = pf->rect;
    if (pf->auto_h) {
        float body_h = fminf(content_h, pf->body.view.h);
        r.h = pf->body.view.y - r.y + body_h + pad;
        c->cmds[pf->bg_cmd].rect.h = r.h;
        c->cmds[pf->outline_cmd].rect.h = r.h;
        UiRect *clip = &c->cmds[pf->body.clip_cmd].rect;
        clip->h = fmaxf(0.0f, fminf(clip->y + clip->h, pf->body.view.y + body_h) - clip->y);
    }
    c->layer_depth--;
    if (c->layer_count < UI_MAX_LAYERS) {
        c->layers[c->layer_count++] = (UiLayer){pf->id, r, pf->open && *pf->open};
    }
    c->last_rect = r;
}

/* --- list -------------------------------------------------------------------------- */

void ui_list_begin(UiContext *ctx, const char *id, float height_px) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    assert(c->list_depth < UI_MAX_LAYOUTS);
    UiLayout *l = ui__layout(c);
    float min_t = ui__s(c, t->min_target_px);
    float h = height_px;
    if (h <= 0.0f) {
        float rest = l->avail_bottom - l->cur_y;
        h = rest < 1e8f ? rest : ui__s(c, 300.0f);
    }
    h = fmaxf(h, min_t);
    UiRect r = ui__layout_next(c, 2.0f * min_t, h, true);
    float radius = ui__s(c, t->radius_px);
    ui__rect(c, r, radius, t->panel_bg);
    ui__outline(c, r, radius, ui__s(c, t->border_px), t->border);
    ui_push_id(c, id);
    UiScrollFrame *f = &c->lists[c->list_depth++];
    float b = ui__s(c, t->border_px);
    ui__scroll_begin(c, ui_id(c, "list"),
                     (UiRect){r.x + b, r.y + b, r.w - 2.0f * b, r.h - 2.0f * b}, 0.0f, 0.0f, f);
    f->outer = r;
}

bool ui_list_item(UiContext *ctx, const char *label, bool selected) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    int vis = 0;
    UiId id = ui__label_id(c, label, &vis);
    float pad = ui__s(c, t->padding_px);
    float min_t = ui__s(c, t->min_target_px);
    TextBlock b;
    block_wrap(c, &b, label, vis, UI_FONT_REGULAR, ui__s(c, t->font_px),
               fmaxf(wrap_width(c, false) - 2.0f * pad, min_t));
    UiRect r = ui__layout_next(c, b.w + 2.0f * pad, fmaxf(min_t, b.h + pad), true);
    UiInteract in = ui__interact(c, id, r, true, false);
    uint32_t fg = t->text;
    float radius = ui__s(c, t->radius_px);
    if (selected) {
        ui__rect(c, r, radius, t->selected_bg);
        fg = t->text_on_selected;
    } else if (in.held) {
        ui__rect(c, r, radius, t->widget_active);
    } else if (in.hovered) {
        ui__rect(c, r, radius, t->widget_hover);
    }
    block_draw(c, &b, label, vis, r.x + pad, r.y + 0.5f * (r.h - b.h), 0.0f, false, fg);
    block_free(&b);
    ui__draw_focus(c, id, r, true);
    describe(c, "item", label, vis, selected ? "selected" : NULL, id);
    return in.clicked;
}

void ui_list_end(UiContext *ctx) {
    UiContext *c = ctx;
    assert(c->list_depth > 0);
    if (c->list_depth <= 0) {
        return;
    }
    UiScrollFrame *f = &c->lists[--c->list_depth];
    ui__scroll_end(c, f);
    ui_pop_id(c);
    c->last_rect = f->outer;
}

/* --- callout ----------------------------------------------------------------------- */

bool ui_callout(UiContext *ctx, const char *text, float anchor_x, float anchor_y) {
    UiContext *c = ctx;
    const UiTheme *t = &c->theme;
    int vis = 0;
    UiId id = ui__label_id(c, text, &vis);
    float pad = ui__s(c, t->padding_px);
    float min_t = ui__s(c, t->min_target_px);
    float size = ui__s(c, t->font_px);
    float lh = ui__line_h(size);
    float tw = ui__measure(c, UI_FONT_BOLD, size, text, vis);
    float w = fmaxf(min_t, tw + 2.0f * pad), h = fmaxf(min_t, lh + pad);
    float off = ui__s(c, 36.0f);
    float sw = (float)c->w, sh = (float)c->h;
    /* up and to the right of the point, flipped to stay on screen */
    float bx = anchor_x + off, by = anchor_y - off - h;
    if (bx + w > sw - pad) {
        bx = anchor_x - off - w;
    }
    if (by < pad) {
        by = anchor_y + off;
    }
    bx = fmaxf(pad, fminf(bx, sw - pad - w));
    by = fmaxf(pad, fminf(by, sh - pad - h));
    UiRect box = {bx, by, w, h};
    float ex = fmaxf(box.x, fminf(anchor_x, box.x + box.w));
    float ey = fmaxf(box.y, fminf(anchor_y, box.y + box.h));
    float lw = ui__s(c, 2.0f);
    ui__line(c, anchor_x, anchor_y, ex, ey, lw, t->callout_line);
    float dot = ui__s(c, 4.0f);
    ui__rect(c, (UiRect){anchor_x - dot, anchor_y - dot, 2.0f * dot, 2.0f * dot}, dot,
             t->callout_line);
    UiInteract in = ui__interact(c, id, box, false, false);
    float radius = ui__s(c, t->radius_px);
    ui__rect(c, box, radius,
             in.held      ? t->widget_active
             : in.hovered ? t->widget_hover
                          : t->panel_bg);
    ui__outline(c, box, radius, ui__s(c, t->border_px), t->border);
    const char *copy = ui__arena_copy(c, text, vis);
    ui__text_cmd(c, box.x + pad, box.y + 0.5f * (h - lh), UI_FONT_BOLD, size, copy, vis, tw,
                 t->text);
    c->last_rect = box;
    describe(c, "label", text, vis, NULL, 0);
    return in.clicked;
}
