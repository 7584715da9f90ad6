/* ui_internal: the context's state and the helpers shared by ui.c (frame, input, ids,
 * commands), ui_layout.c (layout, scrolling) and ui_widgets.c (the widgets). Private to src/ui; the
 * app includes ui/ui.h only. No SDL, no GL. */
#ifndef PAINMAP_UI_UI_INTERNAL_H
#define PAINMAP_UI_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui.h"

enum {
    UI_MAX_POINTERS = 11,
    UI_MAX_IDS = 32,
    UI_MAX_LAYOUTS = 32,
    UI_MAX_LAYERS = 16,
    UI_MAX_FOCUS = 256,
    UI_MAX_HITS = 512,
    UI_MAX_SCROLLS = 32,
    UI_MAX_CLIPS = 16,
    UI_MEASURE_CACHE = 4096, /* a power of two */
};

typedef struct {
    bool down;
    bool went_down, went_up; /* this frame */
    bool left;               /* left button or a finger: may click and tap */
    bool dragged;            /* moved beyond the slop since it went down */
    bool multi;              /* another pointer was down at the same time */
    bool owned;              /* went down on the UI */
    bool owned_frame;        /* belonged to the UI at some point this frame */
    bool down_at_begin;      /* was down when the frame began */
    float x, y;              /* now */
    float prev_x, prev_y;    /* at the start of the frame */
    float down_x, down_y;
    float up_x, up_y;
    UiId active; /* the widget holding it */
    UiId scroll; /* the innermost scroll region it went down in */
    bool scroll_stolen;
} UiPointer;

typedef enum { UI_LAYOUT_STACK, UI_LAYOUT_ROW, UI_LAYOUT_COLUMNS } UiLayoutMode;

typedef struct {
    UiLayoutMode mode;
    UiRect rect; /* content area (h may be huge for open-ended containers) */
    float cur_x, cur_y;
    float line_h;       /* rows: height of the current line */
    float max_x, max_y; /* extent of what was placed */
    int col, cols;      /* columns */
    UiRect outer;       /* columns: the whole row of columns */
    float avail_bottom; /* where \"the rest of the container\" ends (y) */
    float col_max_y;
} UiLayout;

typedef struct {
    UiId id;
    UiRect rect;
    bool closable; /* Escape may close it */
} UiLayer;

typedef struct {
    UiId id;
    float offset;    /* pixels scrolled down */
    float content_h; /* from the last frame it was seen */
    unsigned last_frame;
} UiScroll;

/* An open scroll region (a list or a panel's body). */
typedef struct {
    UiScroll *state;
    UiRect view; /* visible rect */
    float content_top;
    int clip_cmd; /* index of its CLIP_PUSH, patched when the height is settled */
    int layout_depth;
    UiRect outer; /* lists: the whole list */
    float inset_y;
} UiScrollFrame;

typedef struct {
    UiId id;
    bool *open;
    int bg_cmd, outline_cmd;
    UiRect rect;
    bool auto_h;
    float max_h;
    UiScrollFrame body;
} UiPanelFrame;

typedef struct UiArenaBlock UiArenaBlock;

typedef struct {
    bool hovered; /* the mouse is over it and it may take a press */
    bool held;    /* a pointer that went down on it is still down */
    bool clicked; /* released inside, or activated from the keyboard */
    bool pressed; /* went down on it this frame */
    bool focused; /* has keyboard focus */
    int pointer;  /* the pointer holding it, -1 if none */
} UiInteract;

struct UiContext {
    UiMeasureFn measure;
    void *measure_user;
    struct {
        uint64_t key; /* 0 = empty */
        float w;
    } measured[UI_MEASURE_CACHE];
    UiTheme theme;

    /* frame */
    const InputFrame *input;
    int w, h;
    float scale;
    double time_sec;
    unsigned frame;
    bool in_frame;

    /* commands and text */
    UiCommand *cmds;
    int cmd_count, cmd_cap;
    char *desc; /* this frame's widgets in words (ui_describe) */
    size_t desc_len, desc_cap;
    UiArenaBlock *arena;
    uint64_t last_hash;
    bool redraw;
    bool settle; /* something changed that the next frame shows */

    /* pointers and gestures */
    UiPointer ptr[UI_MAX_POINTERS];
    float slop;
    bool tap_event[INPUT_MAX_EVENTS]; /* an UP that ended a tap */
    bool bg_tap, bg_double;
    float bg_tap_x, bg_tap_y, bg_double_x, bg_double_y;
    double last_tap_time;
    float last_tap_x, last_tap_y;

    /* events: which the UI used; which widget keys went to */
    bool used[INPUT_MAX_EVENTS];
    UiId key_target[INPUT_MAX_EVENTS];

    /* ids */
    UiId id_stack[UI_MAX_IDS];
    int id_depth;

    /* focus */
    UiId focus;
    bool focus_visible;
    bool focus_is_text;
    bool focus_moved; /* by Tab this frame: scroll the focused widget into view */
    UiId focus_order[UI_MAX_FOCUS], prev_focus_order[UI_MAX_FOCUS];
    int focus_count, prev_focus_count;
    UiId pressed_this_frame; /* a widget a pointer went down on */
    bool any_went_down;
    int caret; /* byte offset in the focused text field */
    float text_scroll;

    /* layers (panels): this frame's and the last frame's, bottom to top */
    UiLayer layers[UI_MAX_LAYERS], prev_layers[UI_MAX_LAYERS];
    int layer_count, prev_layer_count;
    UiId layer_stack[UI_MAX_LAYERS];
    int layer_depth;
    UiId close_request;

    /* hit rects of this frame's widgets (visible parts), for who owns a press */
    UiRect hits[UI_MAX_HITS], prev_hits[UI_MAX_HITS];
    int hit_count, prev_hit_count;

    /* layout */
    UiLayout layouts[UI_MAX_LAYOUTS];
    int layout_depth;
    bool has_next_rect, has_next_width;
    UiRect next_rect;
    float next_width;
    UiRect last_rect;

    /* clips */
    UiRect clips[UI_MAX_CLIPS];
    int clip_depth;

    /* scrolling */
    UiScroll scrolls[UI_MAX_SCROLLS];
    UiScrollFrame lists[UI_MAX_LAYOUTS]; /* open lists */
    int list_depth;
    UiScrollFrame *scroll_open[UI_MAX_LAYOUTS]; /* open scroll regions, lists and cards */
    int scroll_depth;
    /* every scroll region's visible rect in the order they began, this frame and the last:
     * the last one under a press (the innermost, or the one on the top card) takes it */
    UiLayer regions[UI_MAX_SCROLLS], prev_regions[UI_MAX_SCROLLS];
    int region_count, prev_region_count;
    UiPanelFrame panels[UI_MAX_LAYERS];
    int panel_depth;
};

/* --- helpers (ui.c) ------------------------------------------------------------------ */
float ui__s(const UiContext *c, float logical_px);
UiRect ui__intersect(UiRect a, UiRect b);
bool ui__contains(UiRect r, float x, float y);
UiId ui__hash(UiId seed, const char *s, size_t len);
/* The id of a label ("Text##key" -> key) and the length of its visible part. */
UiId ui__label_id(const UiContext *c, const char *label, int *out_visible_len);
float ui__measure(UiContext *c, int font, float size_px, const char *s, int len);
/* ui__measure as a UiMeasureFn; user is the context. */
float ui__measure_cb(void *user, int font, float size_px, const char *s, int len);
float ui__line_h(float size_px);
UiCommand *ui__push_cmd(UiContext *c, UiCommandKind kind);
void ui__rect(UiContext *c, UiRect r, float radius, uint32_t color);
void ui__outline(UiContext *c, UiRect r, float radius, float thickness, uint32_t color);
void ui__line(UiContext *c, float x0, float y0, float x1, float y1, float thickness,
              uint32_t color);
/* Copies text into the frame's arena; NULL when out of memory. */
const char *ui__arena_copy(UiContext *c, const char *s, int len);
/* Appends a piece of this frame's description; len < 0: up to the NUL. */
void ui__describe(UiContext *c, const char *s, int len);
/* A text command for s (already in the arena) at the top-left of its line box. */
void ui__text_cmd(UiContext *c, float x, float y, int font, float size_px, const char *s, int len,
                  float w, uint32_t color);
void ui__clip_push(UiContext *c, UiRect r);
void ui__clip_pop(UiContext *c);
UiRect ui__clip(const UiContext *c);
/* The layout's next slot for a widget of natural size; fill: take the stack's width. */
UiRect ui__layout_next(UiContext *c, float nat_w, float nat_h, bool fill);
/* The width the next widget gets in a stack (for wrapping text before placing it). */
float ui__layout_width(const UiContext *c, float nat_w, bool fill);
void ui__layout_push(UiContext *c, UiLayoutMode mode, UiRect r);
UiLayout *ui__layout_pop(UiContext *c);
UiLayout *ui__layout(UiContext *c);
UiId ui__current_layer(const UiContext *c);
/* The topmost panel of the last frame under (x, y); 0 = none (the screen). */
UiId ui__layer_at(const UiContext *c, float x, float y);
void ui__add_hit(UiContext *c, UiRect r);
/* Presses, releases, hover and keyboard activation for a widget at r. */
UiInteract ui__interact(UiContext *c, UiId id, UiRect r, bool focusable, bool disabled);
/* The focus ring around r (inside it when inset, e.g. rows of a clipped list). */
void ui__draw_focus(UiContext *c, UiId id, UiRect r, bool inset);
UiScroll *ui__scroll_state(UiContext *c, UiId id);
/* Opens a scroll region showing view; its clip reaches margin_x beyond the sides and its
 * content starts inset_y below the top (room for focus rings). */
void ui__scroll_begin(UiContext *c, UiId id, UiRect view, float margin_x, float inset_y,
                      UiScrollFrame *out);
/* Ends a scroll region; returns its content height. */
float ui__scroll_end(UiContext *c, UiScrollFrame *f);

#endif
