#include "app/ui_bridge.h"

#include "platform/plat_text.h"

float ui_bridge_measure(void *user, int font, float size_px, const char *text, int len_bytes) {
    (void)user;
    return plat_text_measure(font, size_px, text, len_bytes);
}

void ui_bridge_draw(Overlay *o, const UiCommand *cmds, int count) {
    for (int i = 0; i < count; i++) {
        const UiCommand *c = &cmds[i];
        switch (c->kind) {
            case UI_CMD_RECT:
                overlay_rect(o, c->rect.x, c->rect.y, c->rect.w, c->rect.h, c->radius, c->rgba);
                break;
            case UI_CMD_OUTLINE:
                overlay_outline(o, c->rect.x, c->rect.y, c->rect.w, c->rect.h, c->radius,
                                c->thickness, c->rgba);
                break;
            case UI_CMD_TEXT:
                overlay_text(o, c->font, c->size_px, c->rect.x, c->rect.y, c->rect.h, c->text,
                             c->len, c->rgba);
                break;
            case UI_CMD_LINE:
                overlay_line(o, c->x0, c->y0, c->x1, c->y1, c->thickness, c->rgba);
                break;
            case UI_CMD_CLIP_PUSH:
            case UI_CMD_CLIP_POP:
                /* both carry the clip now in effect; an empty rect lifts it */
                overlay_clip(o, c->rect.x, c->rect.y, c->rect.w, c->rect.h);
                break;
        }
    }
}
