/* ui: a small immediate-mode UI toolkit. Each frame the app calls widgets between ui_begin
 * and ui_end; they read that frame's InputFrame, return what happened, and append draw
 * commands (boxes, outlines, text runs, lines, clips) to a list the renderer executes.
 * Owns its command list, a per-frame text arena and the state that outlives a frame (the
 * pressed and focused widget, scroll offsets, the caret). Never draws; no SDL, no GL. */
#ifndef PAINMAP_UI_UI_H
#define PAINMAP_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/input.h"
#include "ui/ui_text.h"

/* A frame, in the app:
 *     ui_begin(ui, &input, w_px, h_px, dpi_scale * font_scale, dt_sec);
 *     if (ui_segmented(ui, "mode", modes, 3, &mode)) { ... }
 *     if (ui_panel_begin(ui, "Piriformis", (UiRect){x, y, w, 0}, &card_open)) {
 *         ui_label(ui, text);
 *         if (ui_button(ui, "Play##play")) { ... }
 *         ui_panel_end(ui);
 *     }
 *     ui_end(ui);
 *     ui_filter_input(ui, &input, &scene_input);   // what the 3-D view may use
 *     if (ui_background_tap(ui, &x, &y)) { pick at x, y }
 *     draw when ui_redraw_needed(ui) (or the scene changed): ui_commands(ui, &n)
 *     keep building frames without waiting for input while ui_is_animating(ui). */

/* A widget's identity: a hash of its id string within the current id scope. */
typedef uint32_t UiId;

/* A rectangle in drawable pixels, origin top-left, y down. */
typedef struct {
    float x, y, w, h;
} UiRect;

typedef struct {
    float w, h;
} UiSize;

typedef enum {
    UI_CMD_RECT,      /* filled box with rounded corners: rect, radius, rgba */
    UI_CMD_OUTLINE,   /* box outline inside rect's edge: rect, radius, thickness, rgba */
    UI_CMD_TEXT,      /* one line of text: rect, font, size_px, text, len, rgba */
    UI_CMD_LINE,      /* segment with round ends: x0, y0, x1, y1, thickness, rgba */
    UI_CMD_CLIP_PUSH, /* from here on draw only inside rect */
    UI_CMD_CLIP_POP,  /* back to the enclosing clip, given again in rect */
} UiCommandKind;

/* One draw command; plain data. For UI_CMD_TEXT, rect is the line box: rect.x is where the
 * text starts, rect.y the TOP of the line box, rect.w the measured advance and rect.h the
 * line height (size_px * UI_LINE_HEIGHT); draw the run with the font's own height
 * (ascent + descent) centred vertically in the box. text points into the context's
 * per-frame arena (not NUL-terminated; use len) and stays valid until the next ui_begin.
 * For clips, rect is the whole clip now in effect (already intersected with the outer one),
 * so the renderer can set its scissor from rect on both PUSH and POP. */
typedef struct {
    UiCommandKind kind;
    float rgba[4]; /* sRGB 0..1, straight alpha; unused by clips */
    UiRect rect;
    float radius;    /* RECT, OUTLINE */
    float thickness; /* OUTLINE, LINE */
    float x0, y0, x1, y1;
    int font; /* UI_FONT_REGULAR or UI_FONT_BOLD */
    float size_px;
    const char *text;
    int len;
} UiCommand;

#define UI_LINE_HEIGHT 1.25f

/* Colours are 0xRRGGBBAA (sRGB). Sizes are logical pixels at ui_scale 1.0; the context
 * multiplies them by ui_scale. Every text colour meets WCAG 4.5:1 on the backgrounds it is
 * drawn on (7:1 in the high-contrast theme); tests/ui/test_theme.c checks the pairs. */
typedef struct {
    uint32_t panel_bg;         /* cards and panels */
    uint32_t widget_bg;        /* buttons, fields, list items at rest */
    uint32_t widget_hover;     /* under the mouse */
    uint32_t widget_active;    /* pressed */
    uint32_t selected_bg;      /* a selected button, segment, list item; a toggle that is on */
    uint32_t danger_bg;        /* the red-flags button */
    uint32_t text;             /* on panel_bg, widget_bg, widget_hover, widget_active */
    uint32_t text_muted;       /* captions, placeholders: on panel_bg and widget_bg */
    uint32_t text_on_selected; /* on selected_bg */
    uint32_t text_on_danger;   /* on danger_bg */
    uint32_t border;           /* widget outlines */
    uint32_t focus;            /* keyboard focus ring (3:1 or more against panel_bg) */
    uint32_t track;            /* slider track */
    uint32_t callout_line;     /* label leader lines over the 3-D view */
    float font_px;             /* body text */
    float title_px;            /* panel titles */
    float small_px;            /* captions */
    float padding_px;          /* inside widgets and panels */
    float spacing_px;          /* between consecutive widgets */
    float radius_px;           /* corner radius */
    float border_px;
    float focus_px;      /* focus ring thickness */
    float min_target_px; /* smallest touch target side */
} UiTheme;

/* The calm default theme. */
void ui_theme_default(UiTheme *out_theme);
/* A high-contrast theme: near-black on white, every text pair at least 7:1. */
void ui_theme_high_contrast(UiTheme *out_theme);
/* WCAG 2 contrast ratio of two opaque 0xRRGGBBAA colours (1..21). */
float ui_contrast_ratio(uint32_t a, uint32_t b);
/* 0xRRGGBBAA -> four floats 0..1. */
void ui_color_to_floats(uint32_t rgba, float out_rgba[4]);

typedef struct UiContext UiContext;

typedef struct {
    UiMeasureFn measure;  /* required: text advance width */
    void *measure_user;   /* passed back to measure */
    const UiTheme *theme; /* NULL = ui_theme_default */
} UiDesc;

/* A new context; NULL when out of memory or when desc->measure is missing. */
UiContext *ui_create(const UiDesc *desc);
/* Frees the context; NULL is fine. */
void ui_destroy(UiContext *ctx);
/* Switches theme (copied); takes effect from the next widget on. */
void ui_set_theme(UiContext *ctx, const UiTheme *theme);
/* The theme in use, unscaled. */
const UiTheme *ui_get_theme(const UiContext *ctx);
/* Text widths are cached; call this when the measure callback's answers change (another
 * font was loaded). */
void ui_forget_text_sizes(UiContext *ctx);

/* Starts a frame: reads input's events (pointer, wheel, keys, text; input may be NULL),
 * for a w_px x h_px drawable, ui_scale = display DPI scale x the user's font scale, dt_sec
 * since the previous frame (taps and double-taps are timed with it). Resets the commands;
 * text pointers from the previous frame die here. */
void ui_begin(UiContext *ctx, const InputFrame *input, int w_px, int h_px, float ui_scale,
              float dt_sec);
/* Ends the frame: settles focus, scrolling and which events the UI used. */
void ui_end(UiContext *ctx);
/* The frame's draw commands, in painting order; valid until the next ui_begin. */
const UiCommand *ui_commands(const UiContext *ctx, int *out_count);

/* --- what the app needs to know after ui_end ---------------------------------------- */
/* True when this frame's commands differ from the previous frame's: draw it. */
bool ui_redraw_needed(const UiContext *ctx);
/* True when the UI wants another frame without waiting for input (a widget changed state
 * that widgets drawn earlier in the frame may not show yet, a scroll or a panel closed). */
bool ui_is_animating(const UiContext *ctx);
/* True when the pointer (0 mouse, 1.. fingers) went down on the UI and is held by it, or
 * was released from it this frame: the app must not orbit or pick with it. */
bool ui_pointer_consumed(const UiContext *ctx, int pointer_id);
/* True when any pointer belongs to the UI or the mouse hovers a widget or panel. */
bool ui_wants_pointer(const UiContext *ctx);
/* True while a text field has keyboard focus (start the platform's text input / on-screen
 * keyboard; letters must not reach the app's shortcuts). */
bool ui_wants_text_input(const UiContext *ctx);
/* True when the UI used event event_index of this frame's input. */
bool ui_event_consumed(const UiContext *ctx, int event_index);
/* Copies the frame's input without the events the UI used (pointer events of pointers that
 * went down on the UI, wheel over the UI, keys for the focused widget, Tab, an Escape that
 * closed a panel); out gets the same sizes and flags. in and out must differ. */
void ui_filter_input(const UiContext *ctx, const InputFrame *in, InputFrame *out);
/* A tap (left button or finger; down and up within the drag slop, no second finger) that
 * landed outside every widget and panel this frame; false if none. */
bool ui_background_tap(const UiContext *ctx, float *out_x, float *out_y);
/* The second of two background taps within 300 ms and 20 px * scale; false if none.
 * The first tap of the pair was reported by ui_background_tap in its own frame. */
bool ui_background_double_tap(const UiContext *ctx, float *out_x, float *out_y);

/* This frame's widgets in words, one line each in painting order (e.g. "button: Play",
 * "checkbox: Loop (on)", "slider: scrub 35%", "card: Piriformis", "text: ..."), the focused one
 * marked "(focused)": for a copyable text view and speech. Writes at most cap bytes
 * (terminated); returns the full length, as snprintf does. */
size_t ui_describe(const UiContext *ctx, char *out, size_t cap);

/* --- ids --------------------------------------------------------------------------- */
/* The id that a widget labelled str gets in the current scope. A label "Text##key" shows
 * "Text" and takes its id from "key" only, so ids survive translation. */
UiId ui_id(const UiContext *ctx, const char *str);
/* Opens an id scope (e.g. one per list row) so equal labels in different rows differ. */
void ui_push_id(UiContext *ctx, const char *str);
/* Opens an id scope named by a number (a row index). */
void ui_push_id_int(UiContext *ctx, int n);
/* Closes the scope opened last. */
void ui_pop_id(UiContext *ctx);
/* Gives keyboard focus to the widget with this id string (e.g. the search field). */
void ui_set_focus(UiContext *ctx, const char *str);
/* True if the widget with this id string has keyboard focus. */
bool ui_has_focus(const UiContext *ctx, const char *str);

typedef struct {
    bool selected; /* drawn as chosen (e.g. the current view preset) */
    bool danger;   /* drawn in danger colours (the red-flags button) */
    bool bold;
    bool disabled; /* drawn dimmed, never clicks, skipped by Tab */
    bool inert;    /* a badge: drawn as asked (not dimmed), never clicks, skipped by Tab */
} UiButtonOpts;

/* --- layout ------------------------------------------------------------------------ */
/* The frame itself is a container: the screen minus padding, widgets stacked top down.
 * In a stack, widgets take the container's width (labels wrap to it); in a row, they take
 * their natural width and wrap onto a new line when the row is full. Widgets never shrink
 * below their text: if a container is too narrow, the widget is wider than it (see
 * ui_last_rect). */

/* Lays out the widgets that follow inside r (drawable pixels; r.h <= 0: open-ended),
 * stacked, with no background and without blocking the pointer between them. Pair with
 * ui_area_end; ui_last_rect then gives the extent of what was placed. */
void ui_area_begin(UiContext *ctx, UiRect r);
/* Closes the area; the layout goes on where it was before ui_area_begin. */
void ui_area_end(UiContext *ctx);
/* Places the widgets that follow left to right until ui_row_end. */
void ui_row_begin(UiContext *ctx);
/* Closes the row; what follows goes below its tallest line. */
void ui_row_end(UiContext *ctx);
/* Splits the width into n equal columns (n >= 1); ui_column_next moves to the next one;
 * ui_columns_end continues below the tallest. */
void ui_columns_begin(UiContext *ctx, int n);
/* Moves to the next column (ignored after the last). */
void ui_column_next(UiContext *ctx);
/* Closes the columns; what follows goes below the tallest. */
void ui_columns_end(UiContext *ctx);
/* Empty space of h logical pixels (scaled) in a stack, or width in a row. */
void ui_spacer(UiContext *ctx, float logical_px);
/* The next widget goes exactly at r (grown if its text needs more room). */
void ui_set_next_rect(UiContext *ctx, UiRect r);
/* The next widget is w_px wide (grown if its text needs more room). */
void ui_set_next_width(UiContext *ctx, float w_px);
/* Where the last widget went. */
UiRect ui_last_rect(const UiContext *ctx);
/* The width left for the next widget in the current container, in pixels. */
float ui_available_width(const UiContext *ctx);
/* A logical size in drawable pixels at this frame's scale. */
float ui_px(const UiContext *ctx, float logical_px);
/* The size a button with this label takes (for placing it before calling it). */
UiSize ui_button_size(UiContext *ctx, const char *label);
/* ui_button_size for a button drawn with these options (bold text is wider). */
UiSize ui_button_size_ex(UiContext *ctx, const char *label, const UiButtonOpts *opts);
/* Advance width of text in a font at size_px, through the app's measure callback. */
float ui_text_width(UiContext *ctx, int font, float size_px, const char *text);

/* --- widgets ----------------------------------------------------------------------- */

/* A push button; true on the frame it is clicked (released inside after going down on it,
 * or Enter/Space while focused). */
bool ui_button(UiContext *ctx, const char *label);
/* ui_button with options (opts may be NULL). */
bool ui_button_ex(UiContext *ctx, const char *label, const UiButtonOpts *opts);
/* A checkbox with its label; flips *on and returns true when clicked. */
bool ui_toggle(UiContext *ctx, const char *label, bool *on);
/* A segmented switch of count choices, always showing all of them; sets *selected and
 * returns true when the user picks another one. Stacks vertically if a row does not fit. */
bool ui_segmented(UiContext *ctx, const char *id, const char *const *labels, int count,
                  int *selected);

typedef enum {
    UI_TEXT_BODY,  /* regular, font_px, text colour */
    UI_TEXT_BOLD,  /* bold, font_px */
    UI_TEXT_TITLE, /* bold, title_px */
    UI_TEXT_MUTED, /* regular, small_px, muted colour (captions, notes) */
} UiTextStyle;

/* Body text word-wrapped to the container's width (or the next width); "" takes no room. */
void ui_label(UiContext *ctx, const char *text);
/* Text in a style, word-wrapped like ui_label. */
void ui_text(UiContext *ctx, const char *text, UiTextStyle style);

/* A legend entry: a colour swatch (0xRRGGBBAA) and its label, e.g. "Main pain area". */
void ui_swatch(UiContext *ctx, uint32_t color, const char *label);

/* A horizontal slider for *value in 0..1 (clamped): press or drag along it, or Left/Right
 * (by step) and Home while focused. True when *value changed. */
bool ui_slider(UiContext *ctx, const char *id, float *value, float step);

typedef enum {
    UI_TEXT_FIELD_CHANGED = 1,   /* the text changed this frame */
    UI_TEXT_FIELD_SUBMITTED = 2, /* Enter was pressed */
} UiTextFieldResult;

/* A one-line text field editing buf (NUL-terminated UTF-8, cap bytes in all): typing
 * inserts at the caret, Backspace removes the code point before it, Left/Right/Home move
 * it. A press focuses it. Returns a UiTextFieldResult mask (0 when nothing happened). */
int ui_text_field(UiContext *ctx, const char *id, char *buf, int cap, const char *placeholder);

/* A card with a title and a close button. rect.h <= 0 makes it as tall as its content (up to
 * the screen's bottom edge); content taller than the card scrolls. Tapping close, or Escape
 * for the top card, sets *open = false during the frame (the card is still drawn that frame:
 * react after ui_panel_end); with *open false on entry it returns false at once. open may be
 * NULL: no close button, Escape passes it by.
 * Returns true when the card is shown: then lay out its contents and call ui_panel_end.
 * Cards drawn later lie on top; a press inside a card never reaches the app or what is under
 * the card. The card's title is its id ("Title##key" as for buttons). */
bool ui_panel_begin(UiContext *ctx, const char *title, UiRect rect, bool *open);
/* Closes the card opened last; ui_last_rect then gives the card's rect. */
void ui_panel_end(UiContext *ctx);

/* A vertical list height_px tall that scrolls by drag or wheel; a drag that scrolls never
 * clicks an item. height_px <= 0 fills the rest of the container (down to the bottom of a
 * fixed-height card or area; 300 px * scale where the container is open-ended). Any widget
 * may go inside. */
void ui_list_begin(UiContext *ctx, const char *id, float height_px);
/* A full-width row of the list; true when tapped (not when the list was dragged). */
bool ui_list_item(UiContext *ctx, const char *label, bool selected);
/* Closes the list; ui_last_rect then gives the list's rect. */
void ui_list_end(UiContext *ctx);

/* A label for a point of the 3-D view (a structure's projected position): a small box set
 * off from (anchor_x, anchor_y) with a leader line to it, kept on screen. True when tapped. */
bool ui_callout(UiContext *ctx, const char *text, float anchor_x, float anchor_y);

#endif
