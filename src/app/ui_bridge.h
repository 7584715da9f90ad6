/* ui_bridge: connects the ui_ toolkit to the platform's fonts (measuring) and to the
 * overlay (drawing its command list). Owns nothing. */
#ifndef PAINMAP_APP_UI_BRIDGE_H
#define PAINMAP_APP_UI_BRIDGE_H

#include "app/overlay.h"
#include "ui/ui.h"

/* A UiMeasureFn backed by SDL_ttf (user is unused). */
float ui_bridge_measure(void *user, int font, float size_px, const char *text, int len_bytes);
/* Draws a frame's UI commands into the overlay, clips included. */
void ui_bridge_draw(Overlay *o, const UiCommand *cmds, int count);

#endif
