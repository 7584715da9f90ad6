/* The two themes and the WCAG contrast arithmetic that tests hold them to. */
#include <math.h>

#include "ui/ui.h"

void ui_color_to_floats(uint32_t rgba, float out_rgba[4]) {
    for (int i = 0; i < 4; i++) {
        out_rgba[i] = (float)((rgba >> (24 - 8 * i)) & 0xFFu) / 255.0f;
    }
}

static float channel_linear(uint32_t v8) {
    float c = (float)v8 / 255.0f;
    return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}

/* WCAG 2 relative luminance of an sRGB colour. */
static float luminance(uint32_t rgba) {
    return 0.2126f * channel_linear((rgba >> 24) & 0xFFu) +
           0.7152f * channel_linear((rgba >> 16) & 0xFFu) +
           0.0722f * channel_linear((rgba >> 8) & 0xFFu);
}

float ui_contrast_ratio(uint32_t a, uint32_t b) {
    float la = luminance(a), lb = luminance(b);
    float hi = fmaxf(la, lb), lo = fminf(la, lb);
    return (hi + 0.05f) / (lo + 0.05f);
}

static void metrics(UiTheme *t) {
    t->font_px = 18.0f;
    t->title_px = 22.0f;
    t->small_px = 15.0f;
    t->padding_px = 12.0f;
    t->spacing_px = 8.0f;
    t->radius_px = 8.0f;
    t->border_px = 1.0f;
    t->focus_px = 3.0f;
    /* DESIGN: every touch target at least 48 logical pixels at scale 1.0 */
    t->min_target_px = 48.0f;
}

/* Contrast (WCAG 2): text on panel 15.0:1, on widget 13.3, on hover 12.0, on pressed 10.5;
 * muted text on panel 7.1, on widget 6.3; white on selected 6.8, on danger 6.5; focus ring
 * on panel 4.8, borders 3.3. */
void ui_theme_default(UiTheme *out_theme) {
    UiTheme *t = out_theme;
    t->panel_bg = 0xF7F9FBFF;
    t->widget_bg = 0xE6ECF2FF;
    t->widget_hover = 0xD8E1EAFF;
    t->widget_active = 0xC8D4E0FF;
    t->selected_bg = 0x1F5F8BFF;
    t->danger_bg = 0xB3261EFF;
    t->text = 0x1A2330FF;
    t->text_muted = 0x4A5666FF;
    t->text_on_selected = 0xFFFFFFFF;
    t->text_on_danger = 0xFFFFFFFF;
    t->border = 0x7D8B9BFF;
    t->focus = 0xB45309FF;
    t->track = 0xAAB7C4FF;
    t->callout_line = 0x1A2330FF;
    metrics(t);
}

/* Contrast: text 21:1 (16.8 on hover, 13.6 pressed), muted 12.6, white on selected 21,
 * on danger 10.0; focus ring 9.0; borders 21. */
void ui_theme_high_contrast(UiTheme *out_theme) {
    UiTheme *t = out_theme;
    t->panel_bg = 0xFFFFFFFF;
    t->widget_bg = 0xFFFFFFFF;
    t->widget_hover = 0xE6E6E6FF;
    t->widget_active = 0xD0D0D0FF;
    t->selected_bg = 0x000000FF;
    t->danger_bg = 0x8B0000FF;
    t->text = 0x000000FF;
    t->text_muted = 0x333333FF;
    t->text_on_selected = 0xFFFFFFFF;
    t->text_on_danger = 0xFFFFFFFF;
    t->border = 0x000000FF;
    t->focus = 0x0033CCFF;
    t->track = 0x808080FF; /* 3.9:1 on white, and distinct from the black filled part */
    t->callout_line = 0x000000FF;
    metrics(t);
    t->border_px = 2.0f;
    t->focus_px = 4.0f;
}
