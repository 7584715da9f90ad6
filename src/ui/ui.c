/* The frame, input, ids, focus and command list of the ui_ module; layout and scrolling
 * are in ui_layout.c, the widgets in ui_widgets.c. */
#include "ui/ui.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

static const float SLOP_PX = 8.0f;
static const float DOUBLE_TAP_SEC = 0.3f;
static const float DOUBLE_TAP_PX = 20.0f;
static const size_t ARENA_BLOCK = 16384;

struct UiArenaBlock {
    UiArenaBlock *next;
    size_t used, cap;
    char data[];
};

/* --- small helpers ------------------------------------------------------------------ */

float ui__s(const UiContext *c, float logical_px) {
    return logical_px * c->scale;
}

float ui_px(const UiContext *ctx, float logical_px) {
    return ui__s(ctx, logical_px);
}

UiRect ui__intersect(UiRect a, UiRect b) {
    float x0 = fmaxf(a.x, b.x), y0 = fmaxf(a.y, b.y);
    float x1 = fminf(a.x + a.w, b.x + b.w), y1 = fminf(a.y + a.h, b.y + b.h);
    UiRect r = {x0, y0, fmaxf(0.0f, x1 - x0), fmaxf(0.0f, y1 - y0)};
    return r;
}

bool ui__contains(UiRect r, float x, float y) {
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

UiId ui__hash(UiId seed, const char *s, size_t len) {
    uint32_t h = seed ? seed : 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1; /* 0 means "no widget" */
}

static UiId id_seed(const UiContext *c) {
    return c->id_depth > 0 ? c->id_stack[c->id_depth - 1] : 0;
}

UiId ui__label_id(const UiContext *c, const char *label, int *out_visible_len) {
    const char *key = strstr(label, "##");
    if (out_visible_len) {
        *out_visible_len = key ? (int)(key - label) : (int)strlen(label);
    }
    const char *s = key ? key + 2 : label;
    return ui__hash(id_seed(c), s, strlen(s));
}

UiId ui_id(const UiContext *ctx, const char *str) {
    return ui__label_id(ctx, str, NULL);
}

void ui_push_id(UiContext *ctx, const char *str) {
    assert(ctx->id_depth < UI_MAX_IDS);
    if (ctx->id_depth < UI_MAX_IDS) {
        ctx->id_stack[ctx->id_depth] = ui__hash(id_seed(ctx), str, strlen(str));
        ctx->id_depth++;
    }
}

void ui_push_id_int(UiContext *ctx, int n) {
    char buf[16];
    int len = 0;
    unsigned u = (unsigned)n;
    buf[len++] = '#';
    do {
        buf[len++] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u && len < (int)sizeof buf);
    assert(ctx->id_depth < UI_MAX_IDS);
    if (ctx->id_depth < UI_MAX_IDS) {
        ctx->id_stack[ctx->id_depth] = ui__hash(id_seed(ctx), buf, (size_t)len);
        ctx->id_depth++;
    }
}

void ui_pop_id(UiContext *ctx) {
    assert(ctx->id_depth > 0);
    if (ctx->id_depth > 0) {
        ctx->id_depth--;
    }
}

void ui_set_focus(UiContext *ctx, const char *str) {
    ctx->focus = ui_id(ctx, str);
    ctx->caret = -1; /* the field puts it at the end */
    ctx->settle = true;
}

bool ui_has_focus(const UiContext *ctx, const char *str) {
    return ctx->focus != 0 && ctx->focus == ui_id(ctx, str);
}

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n);

/* Widths are cached by (font, size, bytes): wrapping a long card measures the same prefixes
 * every frame, and the app's measurer shapes text. A 64-bit key makes a wrong hit
 * vanishingly unlikely. */
float ui__measure(UiContext *c, int font, float size_px, const char *s, int len) {
    if (len <= 0) {
        return 0.0f;
    }
    uint64_t key = hash_bytes(14695981039346656037ull, &font, sizeof font);
    key = hash_bytes(key, &size_px, sizeof size_px);
    key = hash_bytes(key, s, (size_t)len) | 1u;
    size_t slot = (size_t)(key & (UI_MEASURE_CACHE - 1));
    if (c->measured[slot].key == key) {
        return c->measured[slot].w;
    }
    float w = c->measure(c->measure_user, font, size_px, s, len);
    c->measured[slot].key = key;
    c->measured[slot].w = w;
    return w;
}

float ui__measure_cb(void *user, int font, float size_px, const char *s, int len) {
    return ui__measure(user, font, size_px, s, len);
}

void ui_forget_text_sizes(UiContext *ctx) {
    memset(ctx->measured, 0, sizeof ctx->measured);
}

float ui_text_width(UiContext *ctx, int font, float size_px, const char *text) {
    return ui__measure(ctx, font, size_px, text, (int)strlen(text));
}

float ui__line_h(float size_px) {
    return size_px * UI_LINE_HEIGHT;
}

/* --- context ------------------------------------------------------------------------ */

UiContext *ui_create(const UiDesc *desc) {
    if (!desc || !desc->measure) {
        return NULL;
    }
    UiContext *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    c->measure = desc->measure;
    c->measure_user = desc->measure_user;
    if (desc->theme) {
        c->theme = *desc->theme;
    } else {
        ui_theme_default(&c->theme);
    }
    c->scale = 1.0f;
    c->last_tap_time = -1e9;
    c->redraw = true;
    c->caret = -1;
    return c;
}

void ui_destroy(UiContext *ctx) {
    if (!ctx) {
        return;
    }
    UiArenaBlock *b = ctx->arena;
    while (b) {
        UiArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    free(ctx->cmds);
    free(ctx->desc);
    free(ctx);
}

void ui_set_theme(UiContext *ctx, const UiTheme *theme) {
    ctx->theme = *theme;
    ctx->settle = true;
}

const UiTheme *ui_get_theme(const UiContext *ctx) {
    return &ctx->theme;
}

/* --- commands and the text arena ---------------------------------------------------- */

UiCommand *ui__push_cmd(UiContext *c, UiCommandKind kind) {
    if (c->cmd_count == c->cmd_cap) {
        int cap = c->cmd_cap ? c->cmd_cap * 2 : 256;
        UiCommand *n = realloc(c->cmds, (size_t)cap * sizeof *n);
        if (!n) {
            return NULL;
        }
        c->cmds = n;
        c->cmd_cap = cap;
    }
    UiCommand *cmd = &c->cmds[c->cmd_count++];
    memset(cmd, 0, sizeof *cmd);
    cmd->kind = kind;
    return cmd;
}

void ui__rect(UiContext *c, UiRect r, float radius, uint32_t color) {
    UiCommand *cmd = ui__push_cmd(c, UI_CMD_RECT);
    if (cmd) {
        cmd->rect = r;
        cmd->radius = radius;
        ui_color_to_floats(color, cmd->rgba);
    }
}

void ui__outline(UiContext *c, UiRect r, float radius, float thickness, uint32_t color) {
    UiCommand *cmd = ui__push_cmd(c, UI_CMD_OUTLINE);
    if (cmd) {
        cmd->rect = r;
        cmd->radius = radius;
        cmd->thickness = thickness;
        ui_color_to_floats(color, cmd->rgba);
    }
}

void ui__line(UiContext *c, float x0, float y0, float x1, float y1, float thickness,
              uint32_t color) {
    UiCommand *cmd = ui__push_cmd(c, UI_CMD_LINE);
    if (cmd) {
        cmd->x0 = x0;
        cmd->y0 = y0;
        cmd->x1 = x1;
        cmd->y1 = y1;
        cmd->thickness = thickness;
        ui_color_to_floats(color, cmd->rgba);
    }
}

/* Blocks are never moved or freed during a frame, so text pointers handed out earlier in
 * the frame stay valid while later text is added. */
const char *ui__arena_copy(UiContext *c, const char *s, int len) {
    size_t n = (size_t)(len > 0 ? len : 0);
    UiArenaBlock **link = &c->arena;
    for (UiArenaBlock *b = c->arena; b; b = b->next) {
        if (b->cap - b->used >= n) {
            char *dst = b->data + b->used;
            memcpy(dst, s, n);
            b->used += n;
            return dst;
        }
        link = &b->next;
    }
    size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    UiArenaBlock *b = malloc(sizeof *b + cap);
    if (!b) {
        return NULL;
    }
    b->next = NULL;
    b->cap = cap;
    b->used = n;
    memcpy(b->data, s, n);
    *link = b;
    return b->data;
}

void ui__text_cmd(UiContext *c, float x, float y, int font, float size_px, const char *s, int len,
                  float w, uint32_t color) {
    if (!s) {
        return;
    }
    UiCommand *cmd = ui__push_cmd(c, UI_CMD_TEXT);
    if (cmd) {
        cmd->rect = (UiRect){x, y, w, ui__line_h(size_px)};
        cmd->font = font;
        cmd->size_px = size_px;
        cmd->text = s;
        cmd->len = len;
        ui_color_to_floats(color, cmd->rgba);
    }
}

UiRect ui__clip(const UiContext *c) {
    if (c->clip_depth > 0) {
        return c->clips[c->clip_depth - 1];
    }
    UiRect screen = {0.0f, 0.0f, (float)c->w, (float)c->h};
    return screen;
}

void ui__clip_push(UiContext *c, UiRect r) {
    UiRect cr = ui__intersect(r, ui__clip(c));
    assert(c->clip_depth < UI_MAX_CLIPS);
    if (c->clip_depth < UI_MAX_CLIPS) {
        c->clips[c->clip_depth++] = cr;
    }
    UiCommand *cmd = ui__push_cmd(c, UI_CMD_CLIP_PUSH);
    if (cmd) {
        cmd->rect = cr;
    }
}

void ui__clip_pop(UiContext *c) {
    assert(c->clip_depth > 0);
    if (c->clip_depth > 0) {
        c->clip_depth--;
    }
    UiCommand *cmd = ui__push_cmd(c, UI_CMD_CLIP_POP);
    if (cmd) {
        cmd->rect = ui__clip(c);
    }
}

void ui__describe(UiContext *c, const char *s, int len) {
    size_t n = len < 0 ? strlen(s) : (size_t)len;
    if (c->desc_len + n + 1 > c->desc_cap) {
        size_t cap = c->desc_cap ? c->desc_cap : 1024;
        while (cap < c->desc_len + n + 1) {
            cap *= 2;
        }
        char *d = realloc(c->desc, cap);
        if (!d) {
            return;
        }
        c->desc = d;
        c->desc_cap = cap;
    }
    memcpy(c->desc + c->desc_len, s, n);
    c->desc_len += n;
    c->desc[c->desc_len] = '\0';
}

size_t ui_describe(const UiContext *ctx, char *out, size_t cap) {
    if (out && cap > 0) {
        size_t n = ctx->desc_len < cap - 1 ? ctx->desc_len : cap - 1;
        if (n > 0) {
            memcpy(out, ctx->desc, n);
        }
        out[n] = '\0';
    }
    return ctx->desc_len;
}

const UiCommand *ui_commands(const UiContext *ctx, int *out_count) {
    *out_count = ctx->cmd_count;
    return ctx->cmds;
}

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* What the commands would draw, without the text pointers (which change every frame). */
static uint64_t hash_commands(const UiContext *c) {
    uint64_t h = 14695981039346656037ull;
    h = hash_bytes(h, &c->w, sizeof c->w);
    h = hash_bytes(h, &c->h, sizeof c->h);
    for (int i = 0; i < c->cmd_count; i++) {
        UiCommand cmd = c->cmds[i];
        const char *text = cmd.text;
        cmd.text = NULL;
        h = hash_bytes(h, &cmd, sizeof cmd);
        if (text) {
            h = hash_bytes(h, text, (size_t)cmd.len);
        }
    }
    return h;
}

/* --- layers, hits, focus ------------------------------------------------------------ */

UiId ui__current_layer(const UiContext *c) {
    return c->layer_depth > 0 ? c->layer_stack[c->layer_depth - 1] : 0;
}

UiId ui__layer_at(const UiContext *c, float x, float y) {
    for (int i = c->prev_layer_count - 1; i >= 0; i--) {
        if (ui__contains(c->prev_layers[i].rect, x, y)) {
            return c->prev_layers[i].id;
        }
    }
    return 0;
}

void ui__add_hit(UiContext *c, UiRect r) {
    if (c->hit_count < UI_MAX_HITS && r.w > 0.0f && r.h > 0.0f) {
        c->hits[c->hit_count++] = r;
    }
}

static bool over_ui(const UiContext *c, float x, float y) {
    for (int i = 0; i < c->layer_count; i++) {
        if (ui__contains(c->layers[i].rect, x, y)) {
            return true;
        }
    }
    for (int i = 0; i < c->hit_count; i++) {
        if (ui__contains(c->hits[i], x, y)) {
            return true;
        }
    }
    return false;
}

/* Over anything the last frame drew that takes presses. */
static bool over_prev_ui(const UiContext *c, float x, float y) {
    for (int i = 0; i < c->prev_layer_count; i++) {
        if (ui__contains(c->prev_layers[i].rect, x, y)) {
            return true;
        }
    }
    for (int i = 0; i < c->prev_hit_count; i++) {
        if (ui__contains(c->prev_hits[i], x, y)) {
            return true;
        }
    }
    return false;
}

static float dist(float x0, float y0, float x1, float y1) {
    return hypotf(x1 - x0, y1 - y0);
}

/* Tab moved focus onto a widget outside its region's view: scroll (shown next frame). */
static void scroll_into_view(UiContext *c, UiScrollFrame *f, UiRect r) {
    float ring = ui__s(c, c->theme.focus_px);
    r = (UiRect){r.x, r.y - ring, r.w, r.h + 2.0f * ring};
    float before = f->state->offset;
    if (r.y < f->view.y) {
        f->state->offset -= f->view.y - r.y;
    } else if (r.y + r.h > f->view.y + f->view.h) {
        f->state->offset += r.y + r.h - (f->view.y + f->view.h);
    }
    if (f->state->offset != before) {
        c->settle = true;
    }
}

UiInteract ui__interact(UiContext *c, UiId id, UiRect r, bool focusable, bool disabled) {
    UiInteract res = {.pointer = -1};
    UiRect vr = ui__intersect(r, ui__clip(c));
    ui__add_hit(c, vr);
    if (disabled) {
        return res;
    }
    if (focusable && c->focus_count < UI_MAX_FOCUS) {
        c->focus_order[c->focus_count++] = id;
    }
    UiId layer = ui__current_layer(c);
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        UiPointer *p = &c->ptr[i];
        if (p->went_down && p->left && p->active == 0 && ui__contains(vr, p->down_x, p->down_y) &&
            ui__layer_at(c, p->down_x, p->down_y) == layer) {
            p->active = id;
            res.pressed = true;
            c->pressed_this_frame = id;
            if (focusable && c->focus != id) {
                c->focus = id;
                c->caret = -1;
            }
            c->focus_visible = false;
        }
        if (p->active != id) {
            continue;
        }
        res.pointer = i;
        if (p->down) {
            res.held = true;
        } else {
            /* released: a click if it let go inside */
            res.clicked = ui__contains(vr, p->up_x, p->up_y);
            p->active = 0;
            c->settle = true;
        }
    }
    const UiPointer *m = &c->ptr[INPUT_MOUSE_ID];
    if ((m->active == 0 || m->active == id) && ui__contains(vr, m->x, m->y) &&
        ui__layer_at(c, m->x, m->y) == layer && (!m->down || m->active == id)) {
        res.hovered = true;
    }
    if (c->focus == id) {
        res.focused = true;
        if (c->focus_moved && c->scroll_depth > 0) {
            scroll_into_view(c, c->scroll_open[c->scroll_depth - 1], r);
        }
        if (c->input && !c->focus_is_text) {
            for (int i = 0; i < c->input->count; i++) {
                const InputEvent *e = &c->input->events[i];
                if (c->key_target[i] == id && !c->used[i] && e->kind == INPUT_KEY_PRESS &&
                    (e->key == INPUT_KEY_ENTER || e->key == INPUT_KEY_SPACE)) {
                    c->used[i] = true;
                    res.clicked = true;
                    c->settle = true;
                }
            }
        }
    }
    return res;
}

void ui__draw_focus(UiContext *c, UiId id, UiRect r, bool inset) {
    if (c->focus != id || !c->focus_visible) {
        return;
    }
    float t = ui__s(c, c->theme.focus_px);
    float g = inset ? 0.0f : t;
    UiRect o = {r.x - g, r.y - g, r.w + 2.0f * g, r.h + 2.0f * g};
    ui__outline(c, o, ui__s(c, c->theme.radius_px) + g, t, c->theme.focus);
}

/* --- the frame ---------------------------------------------------------------------- */

static void release_all(UiContext *c) {
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        UiPointer *p = &c->ptr[i];
        p->down = false;
        p->active = 0;
        p->scroll = 0;
    }
}

static void move_focus(UiContext *c, bool backwards) {
    int n = c->prev_focus_count;
    if (n == 0) {
        return;
    }
    int at = -1;
    for (int i = 0; i < n; i++) {
        if (c->prev_focus_order[i] == c->focus) {
            at = i;
            break;
        }
    }
    int next;
    if (at < 0) {
        next = backwards ? n - 1 : 0;
    } else {
        next = backwards ? (at + n - 1) % n : (at + 1) % n;
    }
    c->focus = c->prev_focus_order[next];
    c->focus_visible = true;
    c->focus_moved = true;
    c->focus_is_text = false; /* the field says so again when it runs */
    c->caret = -1;
    c->settle = true;
}

static void begin_pointer_event(UiContext *c, const InputEvent *e, int index) {
    if (e->pointer_id < 0 || e->pointer_id >= UI_MAX_POINTERS) {
        return;
    }
    UiPointer *p = &c->ptr[e->pointer_id];
    if (e->kind == INPUT_POINTER_DOWN) {
        bool others = false;
        for (int i = 0; i < UI_MAX_POINTERS; i++) {
            if (c->ptr[i].down && i != e->pointer_id) {
                c->ptr[i].multi = true;
                others = true;
            }
        }
        p->down = true;
        p->went_down = true;
        p->left = e->pointer_id != INPUT_MOUSE_ID || e->button == INPUT_BUTTON_LEFT;
        p->dragged = false;
        p->multi = others;
        p->x = p->down_x = e->x_px;
        p->y = p->down_y = e->y_px;
        p->active = 0;
        p->scroll = 0;
        for (int i = c->prev_region_count - 1; i >= 0; i--) {
            if (ui__contains(c->prev_regions[i].rect, p->x, p->y)) {
                p->scroll = c->prev_regions[i].id;
                break;
            }
        }
        p->scroll_stolen = false;
        c->any_went_down = true;
        if (c->focus && !over_prev_ui(c, p->x, p->y)) {
            c->focus = 0; /* a press on the 3-D view: drop focus now, not a frame late */
        }
        return;
    }
    p->x = e->x_px;
    p->y = e->y_px;
    if (p->down && dist(p->down_x, p->down_y, p->x, p->y) > c->slop) {
        p->dragged = true;
    }
    if (e->kind == INPUT_POINTER_UP && p->down) {
        p->down = false;
        p->went_up = true;
        p->up_x = e->x_px;
        p->up_y = e->y_px;
        c->tap_event[index] = p->left && !p->dragged && !p->multi;
    }
}

static void begin_key_event(UiContext *c, const InputEvent *e, int index) {
    if (e->kind == INPUT_KEY_PRESS && e->key == INPUT_KEY_TAB) {
        if (c->prev_focus_count > 0) {
            move_focus(c, e->shift);
            c->used[index] = true;
        }
        return;
    }
    if (e->kind == INPUT_KEY_PRESS && e->key == INPUT_KEY_ESCAPE) {
        if (c->focus && c->focus_is_text) {
            c->focus = 0; /* first leave the field */
            c->used[index] = true;
            c->settle = true;
            return;
        }
        for (int i = c->prev_layer_count - 1; i >= 0; i--) {
            if (c->prev_layers[i].closable) {
                c->close_request = c->prev_layers[i].id;
                c->used[index] = true;
                c->settle = true;
                break;
            }
        }
        return;
    }
    if (c->focus) {
        c->key_target[index] = c->focus;
    }
}

void ui_begin(UiContext *ctx, const InputFrame *input, int w_px, int h_px, float ui_scale,
              float dt_sec) {
    UiContext *c = ctx;
    assert(!c->in_frame);
    c->in_frame = true;
    c->input = input;
    c->w = w_px > 0 ? w_px : 1;
    c->h = h_px > 0 ? h_px : 1;
    c->scale = ui_scale > 0.0f ? ui_scale : 1.0f;
    c->time_sec += dt_sec > 0.0f ? dt_sec : 0.0f;
    c->frame++;
    c->slop = ui__s(c, SLOP_PX);
    c->cmd_count = 0;
    c->desc_len = 0;
    for (UiArenaBlock *b = c->arena; b; b = b->next) {
        b->used = 0;
    }
    c->settle = false;
    c->redraw = false;
    c->id_depth = 0;
    c->focus_count = 0;
    c->pressed_this_frame = 0;
    c->any_went_down = false;
    c->layer_count = 0;
    c->layer_depth = 0;
    c->close_request = 0;
    c->hit_count = 0;
    c->clip_depth = 0;
    c->scroll_depth = 0;
    c->list_depth = 0;
    c->region_count = 0;
    c->focus_moved = false;
    c->panel_depth = 0;
    c->has_next_rect = c->has_next_width = false;
    c->bg_tap = c->bg_double = false;
    memset(c->used, 0, sizeof c->used);
    memset(c->key_target, 0, sizeof c->key_target);
    memset(c->tap_event, 0, sizeof c->tap_event);
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        UiPointer *p = &c->ptr[i];
        p->went_down = p->went_up = false;
        p->owned_frame = false;
        p->down_at_begin = p->down;
        p->prev_x = p->x;
        p->prev_y = p->y;
    }
    int n = input ? input->count : 0;
    for (int i = 0; i < n; i++) {
        const InputEvent *e = &input->events[i];
        switch (e->kind) {
            case INPUT_POINTER_DOWN:
            case INPUT_POINTER_MOVE:
            case INPUT_POINTER_UP:
                begin_pointer_event(c, e, i);
                break;
            case INPUT_KEY_PRESS:
            case INPUT_TEXT:
                begin_key_event(c, e, i);
                break;
            case INPUT_FOCUS_LOST:
                release_all(c);
                c->redraw = true;
                break;
            case INPUT_RESIZE:
            case INPUT_EXPOSE:
            case INPUT_FOCUS_GAINED:
                c->redraw = true;
                break;
            default:
                break;
        }
    }
    float pad = ui__s(c, c->theme.padding_px);
    c->layout_depth = 0;
    ui__layout_push(c, UI_LAYOUT_STACK,
                    (UiRect){pad, pad, (float)c->w - 2.0f * pad, (float)c->h - 2.0f * pad});
    c->last_rect = (UiRect){0};
}

/* Who each pointer event belongs to, in event order; background taps and double-taps. */
static void settle_events(UiContext *c) {
    bool own[UI_MAX_POINTERS], down[UI_MAX_POINTERS];
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        own[i] = c->ptr[i].owned;
        down[i] = c->ptr[i].down_at_begin;
    }
    int n = c->input ? c->input->count : 0;
    for (int i = 0; i < n; i++) {
        const InputEvent *e = &c->input->events[i];
        bool pointer = e->kind == INPUT_POINTER_DOWN || e->kind == INPUT_POINTER_MOVE ||
                       e->kind == INPUT_POINTER_UP;
        if (pointer && e->pointer_id >= 0 && e->pointer_id < UI_MAX_POINTERS) {
            int pid = e->pointer_id;
            if (e->kind == INPUT_POINTER_DOWN) {
                own[pid] = over_ui(c, e->x_px, e->y_px);
            }
            /* a mouse moving with no button down belongs to nobody */
            bool hover_move = e->kind == INPUT_POINTER_MOVE && !down[pid];
            if (e->kind != INPUT_POINTER_MOVE) {
                down[pid] = e->kind == INPUT_POINTER_DOWN;
            }
            if (own[pid] && !hover_move) {
                c->used[i] = true;
                c->ptr[pid].owned_frame = true;
            }
            if (e->kind == INPUT_POINTER_UP && c->tap_event[i] && !own[pid]) {
                if (c->time_sec - c->last_tap_time <= DOUBLE_TAP_SEC &&
                    dist(c->last_tap_x, c->last_tap_y, e->x_px, e->y_px) <=
                        ui__s(c, DOUBLE_TAP_PX)) {
                    c->bg_double = true;
                    c->bg_double_x = e->x_px;
                    c->bg_double_y = e->y_px;
                    c->last_tap_time = -1e9; /* a third tap starts a new pair */
                } else {
                    c->last_tap_time = c->time_sec;
                    c->last_tap_x = e->x_px;
                    c->last_tap_y = e->y_px;
                }
                c->bg_tap = true;
                c->bg_tap_x = e->x_px;
                c->bg_tap_y = e->y_px;
            }
        } else if (e->kind == INPUT_WHEEL && !c->used[i] && over_ui(c, e->x_px, e->y_px)) {
            c->used[i] = true;
        }
    }
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        c->ptr[i].owned = own[i];
    }
}

void ui_end(UiContext *ctx) {
    UiContext *c = ctx;
    assert(c->in_frame);
    assert(c->layout_depth == 1 && "a begin without its end (area, row, columns, list, panel)");
    assert(c->id_depth == 0 && "ui_push_id without ui_pop_id");
    c->in_frame = false;
    settle_events(c);
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        UiPointer *p = &c->ptr[i];
        if (!p->down && p->active) {
            p->active = 0; /* its widget went away before the release */
        }
    }
    /* a press that no widget took (the 3-D view, a card's background) takes focus away */
    if (c->any_went_down && c->pressed_this_frame == 0 && c->focus) {
        c->focus = 0;
        c->settle = true;
    }
    bool focus_alive = false;
    for (int i = 0; i < c->focus_count; i++) {
        focus_alive |= c->focus_order[i] == c->focus;
    }
    if (c->focus && !focus_alive && c->frame > 1) {
        c->focus = 0;
        c->settle = true;
    }
    if (!c->focus) {
        c->focus_is_text = false;
    }
    memcpy(c->prev_focus_order, c->focus_order, sizeof c->focus_order);
    c->prev_focus_count = c->focus_count;
    memcpy(c->prev_layers, c->layers, sizeof c->layers);
    memcpy(c->prev_hits, c->hits, (size_t)c->hit_count * sizeof c->hits[0]);
    memcpy(c->prev_regions, c->regions, (size_t)c->region_count * sizeof c->regions[0]);
    c->prev_region_count = c->region_count;
    c->prev_hit_count = c->hit_count;
    c->prev_layer_count = c->layer_count;
    uint64_t h = hash_commands(c);
    c->redraw = c->redraw || h != c->last_hash;
    c->last_hash = h;
}

bool ui_redraw_needed(const UiContext *ctx) {
    return ctx->redraw;
}

bool ui_is_animating(const UiContext *ctx) {
    return ctx->settle;
}

bool ui_pointer_consumed(const UiContext *ctx, int pointer_id) {
    if (pointer_id < 0 || pointer_id >= UI_MAX_POINTERS) {
        return false;
    }
    const UiPointer *p = &ctx->ptr[pointer_id];
    return p->owned_frame || (p->down && p->owned);
}

bool ui_wants_pointer(const UiContext *ctx) {
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        if (ui_pointer_consumed(ctx, i)) {
            return true;
        }
    }
    const UiPointer *m = &ctx->ptr[INPUT_MOUSE_ID];
    return over_ui(ctx, m->x, m->y);
}

bool ui_wants_text_input(const UiContext *ctx) {
    return ctx->focus != 0 && ctx->focus_is_text;
}

bool ui_event_consumed(const UiContext *ctx, int event_index) {
    return event_index >= 0 && event_index < INPUT_MAX_EVENTS && ctx->used[event_index];
}

void ui_filter_input(const UiContext *ctx, const InputFrame *in, InputFrame *out) {
    assert(in != out);
    *out = *in;
    out->count = 0;
    for (int i = 0; i < in->count; i++) {
        if (!ctx->used[i]) {
            out->events[out->count++] = in->events[i];
        }
    }
}

bool ui_background_tap(const UiContext *ctx, float *out_x, float *out_y) {
    if (ctx->bg_tap) {
        *out_x = ctx->bg_tap_x;
        *out_y = ctx->bg_tap_y;
    }
    return ctx->bg_tap;
}

bool ui_background_double_tap(const UiContext *ctx, float *out_x, float *out_y) {
    if (ctx->bg_double) {
        *out_x = ctx->bg_double_x;
        *out_y = ctx->bg_double_y;
    }
    return ctx->bg_double;
}
