/* Layout (stacks, rows, columns, areas) and scroll regions of the ui_ module. */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "ui/ui.h"
#include "ui/ui_internal.h"

/* --- layout ------------------------------------------------------------------------- */

UiLayout *ui__layout(UiContext *c) {
    assert(c->layout_depth > 0);
    return &c->layouts[c->layout_depth - 1];
}

void ui__layout_push(UiContext *c, UiLayoutMode mode, UiRect r) {
    assert(c->layout_depth < UI_MAX_LAYOUTS);
    if (c->layout_depth >= UI_MAX_LAYOUTS) {
        return;
    }
    UiLayout *l = &c->layouts[c->layout_depth++];
    memset(l, 0, sizeof *l);
    l->mode = mode;
    l->rect = r;
    l->outer = r;
    l->cur_x = r.x;
    l->cur_y = r.y;
    l->max_x = r.x;
    l->max_y = r.y;
    l->avail_bottom = r.y + r.h;
    l->cols = 1;
}

UiLayout *ui__layout_pop(UiContext *c) {
    assert(c->layout_depth > 1);
    if (c->layout_depth <= 1) {
        return &c->layouts[0];
    }
    return &c->layouts[--c->layout_depth];
}

/* A child container ended: the parent continues below it. */
static void layout_advance_past(UiContext *c, const UiLayout *child) {
    UiLayout *l = ui__layout(c);
    float sp = ui__s(c, c->theme.spacing_px);
    float bottom = child->max_y;
    if (bottom <= child->outer.y) {
        return; /* nothing was placed */
    }
    UiRect r = {child->outer.x, child->outer.y, child->max_x - child->outer.x,
                bottom - child->outer.y};
    if (l->mode == UI_LAYOUT_ROW) {
        l->cur_x = r.x + r.w + sp;
        l->line_h = fmaxf(l->line_h, r.h);
    } else {
        l->cur_y = bottom + sp;
    }
    l->max_x = fmaxf(l->max_x, r.x + r.w);
    l->max_y = fmaxf(l->max_y, bottom);
    c->last_rect = r;
}

float ui__layout_width(const UiContext *c, float nat_w, bool fill) {
    if (c->has_next_rect) {
        return fmaxf(c->next_rect.w, nat_w);
    }
    if (c->has_next_width) {
        return fmaxf(c->next_width, nat_w);
    }
    const UiLayout *l = &c->layouts[c->layout_depth - 1];
    if (l->mode == UI_LAYOUT_ROW || !fill) {
        return nat_w;
    }
    return fmaxf(l->rect.w, nat_w);
}

UiRect ui__layout_next(UiContext *c, float nat_w, float nat_h, bool fill) {
    UiLayout *l = ui__layout(c);
    float w = ui__layout_width(c, nat_w, fill);
    float sp = ui__s(c, c->theme.spacing_px);
    UiRect r;
    if (c->has_next_rect) {
        r = c->next_rect;
        r.w = w;
        r.h = fmaxf(r.h, nat_h);
    } else if (l->mode == UI_LAYOUT_ROW) {
        if (l->cur_x > l->rect.x && l->cur_x + w > l->rect.x + l->rect.w) {
            l->cur_x = l->rect.x;
            l->cur_y += l->line_h + sp;
            l->line_h = 0.0f;
        }
        r = (UiRect){l->cur_x, l->cur_y, w, nat_h};
        l->cur_x += w + sp;
        l->line_h = fmaxf(l->line_h, nat_h);
    } else {
        r = (UiRect){l->rect.x, l->cur_y, w, nat_h};
        l->cur_y += nat_h + sp;
    }
    if (!c->has_next_rect) {
        l->max_x = fmaxf(l->max_x, r.x + r.w);
        l->max_y = fmaxf(l->max_y, r.y + r.h);
    }
    c->has_next_rect = false;
    c->has_next_width = false;
    c->last_rect = r;
    return r;
}

void ui_area_begin(UiContext *ctx, UiRect r) {
    if (r.h <= 0.0f) {
        r.h = 1e9f; /* open-ended */
    }
    ui__layout_push(ctx, UI_LAYOUT_STACK, r);
}

void ui_area_end(UiContext *ctx) {
    UiLayout *child = ui__layout_pop(ctx);
    ctx->last_rect = (UiRect){child->outer.x, child->outer.y, child->max_x - child->outer.x,
                              child->max_y - child->outer.y};
}

void ui_row_begin(UiContext *ctx) {
    UiLayout *l = ui__layout(ctx);
    UiRect r = {l->mode == UI_LAYOUT_ROW ? l->cur_x : l->rect.x, l->cur_y,
                l->mode == UI_LAYOUT_ROW ? l->rect.x + l->rect.w - l->cur_x : l->rect.w,
                l->rect.h - (l->cur_y - l->rect.y)};
    float avail = l->avail_bottom;
    ui__layout_push(ctx, UI_LAYOUT_ROW, r);
    ui__layout(ctx)->avail_bottom = avail;
}

void ui_row_end(UiContext *ctx) {
    UiLayout *child = ui__layout_pop(ctx);
    layout_advance_past(ctx, child);
}

void ui_columns_begin(UiContext *ctx, int n) {
    assert(n >= 1);
    if (n < 1) {
        n = 1;
    }
    UiLayout *l = ui__layout(ctx);
    float sp = ui__s(ctx, ctx->theme.spacing_px);
    UiRect outer = {l->rect.x, l->cur_y, l->rect.w, l->rect.h - (l->cur_y - l->rect.y)};
    float cw = (outer.w - sp * (float)(n - 1)) / (float)n;
    UiRect first = {outer.x, outer.y, fmaxf(cw, 0.0f), outer.h};
    float avail = l->avail_bottom;
    ui__layout_push(ctx, UI_LAYOUT_COLUMNS, first);
    UiLayout *cl = ui__layout(ctx);
    cl->avail_bottom = avail;
    cl->outer = outer;
    cl->cols = n;
}

void ui_column_next(UiContext *ctx) {
    UiLayout *l = ui__layout(ctx);
    assert(l->mode == UI_LAYOUT_COLUMNS);
    if (l->mode != UI_LAYOUT_COLUMNS || l->col + 1 >= l->cols) {
        return;
    }
    l->col++;
    l->rect.x = l->outer.x + (l->rect.w + ui__s(ctx, ctx->theme.spacing_px)) * (float)l->col;
    l->cur_x = l->rect.x;
    l->cur_y = l->outer.y;
}

void ui_columns_end(UiContext *ctx) {
    UiLayout *child = ui__layout_pop(ctx);
    layout_advance_past(ctx, child);
}

void ui_spacer(UiContext *ctx, float logical_px) {
    UiLayout *l = ui__layout(ctx);
    float s = ui__s(ctx, logical_px);
    if (l->mode == UI_LAYOUT_ROW) {
        l->cur_x += s;
    } else {
        l->cur_y += s;
        l->max_y = fmaxf(l->max_y, l->cur_y);
    }
}

void ui_set_next_rect(UiContext *ctx, UiRect r) {
    ctx->next_rect = r;
    ctx->has_next_rect = true;
}

void ui_set_next_width(UiContext *ctx, float w_px) {
    ctx->next_width = w_px;
    ctx->has_next_width = true;
}

UiRect ui_last_rect(const UiContext *ctx) {
    return ctx->last_rect;
}

float ui_available_width(const UiContext *ctx) {
    const UiLayout *l = &ctx->layouts[ctx->layout_depth - 1];
    if (l->mode == UI_LAYOUT_ROW) {
        return fmaxf(0.0f, l->rect.x + l->rect.w - l->cur_x);
    }
    return l->rect.w;
}

/* --- scrolling ---------------------------------------------------------------------- */

UiScroll *ui__scroll_state(UiContext *c, UiId id) {
    UiScroll *free_slot = NULL, *oldest = &c->scrolls[0];
    for (int i = 0; i < UI_MAX_SCROLLS; i++) {
        UiScroll *s = &c->scrolls[i];
        if (s->id == id) {
            s->last_frame = c->frame;
            return s;
        }
        if (s->id == 0 && !free_slot) {
            free_slot = s;
        }
        if (s->last_frame < oldest->last_frame) {
            oldest = s;
        }
    }
    UiScroll *s = free_slot ? free_slot : oldest;
    memset(s, 0, sizeof *s);
    s->id = id;
    s->last_frame = c->frame;
    return s;
}

static float scroll_max(const UiScroll *s, float view_h) {
    return fmaxf(0.0f, s->content_h - view_h);
}

void ui__scroll_begin(UiContext *c, UiId id, UiRect view, float margin_x, float inset_y,
                      UiScrollFrame *out) {
    UiScroll *s = ui__scroll_state(c, id);
    UiRect vr = ui__intersect(view, ui__clip(c));
    UiId layer = ui__current_layer(c);
    for (int i = 0; i < UI_MAX_POINTERS; i++) {
        UiPointer *p = &c->ptr[i];
        /* a region new this frame claims a press no region of the last frame claimed */
        if (p->went_down && p->scroll == 0 && ui__contains(vr, p->down_x, p->down_y) &&
            ui__layer_at(c, p->down_x, p->down_y) == layer) {
            p->scroll = id;
        }
        if (p->scroll != id || (!p->down && !p->went_up)) {
            continue;
        }
        float dy = p->y - p->down_y, dx = p->x - p->down_x;
        if (!p->scroll_stolen && fabsf(dy) > c->slop && fabsf(dy) > fabsf(dx)) {
            /* the finger is scrolling, not tapping: take it from the item under it */
            p->scroll_stolen = true;
            p->active = id;
            s->offset += p->down_y - p->y;
            c->settle = true;
        } else if (p->scroll_stolen && p->active == id) {
            s->offset += p->prev_y - p->y;
        }
        if (p->active == id && !p->down) {
            p->active = 0;
        }
    }
    s->offset = fminf(fmaxf(s->offset, 0.0f), scroll_max(s, view.h));
    ui__add_hit(c, vr);
    if (c->region_count < UI_MAX_SCROLLS) {
        c->regions[c->region_count++] = (UiLayer){id, vr, false};
    }
    out->state = s;
    out->view = view;
    out->content_top = view.y - s->offset;
    out->inset_y = inset_y;
    /* the clip reaches margin_x past the sides, and the content starts inset_y down, so the
     * focus ring around a full-width widget is never cut off */
    ui__clip_push(c, (UiRect){view.x - margin_x, view.y, view.w + 2.0f * margin_x, view.h});
    out->clip_cmd = c->cmd_count - 1;
    ui__layout_push(c, UI_LAYOUT_STACK, (UiRect){view.x, out->content_top + inset_y, view.w, 1e9f});
    ui__layout(c)->avail_bottom = out->content_top + view.h;
    out->layout_depth = c->layout_depth;
    assert(c->scroll_depth < UI_MAX_LAYOUTS);
    if (c->scroll_depth < UI_MAX_LAYOUTS) {
        c->scroll_open[c->scroll_depth++] = out;
    }
}

float ui__scroll_end(UiContext *c, UiScrollFrame *f) {
    assert(c->layout_depth == f->layout_depth);
    assert(c->scroll_depth > 0 && c->scroll_open[c->scroll_depth - 1] == f);
    if (c->scroll_depth > 0) {
        c->scroll_depth--;
    }
    UiLayout *l = ui__layout_pop(c);
    float content_h = l->max_y > l->outer.y ? l->max_y - f->content_top + f->inset_y : 0.0f;
    UiScroll *s = f->state;
    s->content_h = content_h;
    UiRect vr = ui__intersect(f->view, ui__clip(c));
    UiId layer = ui__current_layer(c);
    if (c->input) {
        for (int i = 0; i < c->input->count; i++) {
            const InputEvent *e = &c->input->events[i];
            if (e->kind != INPUT_WHEEL || c->used[i] || !ui__contains(vr, e->x_px, e->y_px) ||
                ui__layer_at(c, e->x_px, e->y_px) != layer) {
                continue;
            }
            c->used[i] = true;
            float before = s->offset;
            s->offset -= e->wheel_y * ui__s(c, 48.0f);
            s->offset = fminf(fmaxf(s->offset, 0.0f), scroll_max(s, f->view.h));
            if (s->offset != before) {
                c->settle = true;
            }
        }
    }
    ui__clip_pop(c);
    return content_h;
}
