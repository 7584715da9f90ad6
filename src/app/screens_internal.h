/* screens_internal: the pieces of the viewer's screens that the kiosk's patient path
 * reuses (not a public API). */
#ifndef PAINMAP_APP_SCREENS_INTERNAL_H
#define PAINMAP_APP_SCREENS_INTERNAL_H

#include "app/screens.h"

/* A UI string of the content, or fallback when the content is missing. */
const char *screens_text(const RefView *rv, const char *key, const char *fallback);
/* A source's name in plain or student words. */
const char *screens_source_label(const Screens *s, const ContentSource *src);
/* The where-it-hurts card at r: every source that refers to the chosen point or zone. */
void screens_where_card(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                        UiRect r);
/* The playback bar between x0 and x1 at the bottom of an h pixel tall screen. */
void screens_playback_bar(Screens *s, UiContext *ui, RefView *rv, float x0, float x1, float h);
/* The red-flags card. */
void screens_redflags_card(Screens *s, UiContext *ui, RefView *rv, float w, float h);
/* Recomputes the where-it-hurts list when the viewer reports a new point or zone. */
void screens_refresh_where(Screens *s, Viewer *v, RefView *rv);

#endif
