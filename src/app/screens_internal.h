/* screens_internal: the pieces of the viewer's screens that the kiosk's patient path
 * reuses (not a public API). */
#ifndef PAINMAP_APP_SCREENS_INTERNAL_H
#define PAINMAP_APP_SCREENS_INTERNAL_H

#include "app/screens.h"

/* A UI string from the content's ui.json (in the chosen language), or fallback when the
 * content could not be loaded. Only failure paths pass their own fallback: */
const char *screens_text(const RefView *rv, const char *key, const char *fallback);
/* A UI string from ui.json, or the key itself when it is missing (tests/lint checks that
 * every key the C code asks for exists in the English ui.json). */
const char *screens_tr(const RefView *rv, const char *key);
/* "text##key": a widget label whose id, and so its focus and state, survives translation.
 * Points into a small ring of buffers: use it at once. */
const char *screens_trid(const RefView *rv, const char *key);
#define TRID(rv, key) screens_trid((rv), (key))
/* The one text shown when the content itself (and so ui.json) could not be loaded. */
#define CONTENT_NOT_LOADED "The content could not be loaded."
/* Urgent signs must show even then, so they have an English text of their own. */
#define REDFLAGS_FALLBACK_TITLE "Urgent signs"
#define REDFLAGS_FALLBACK_TEXT                                                                     \
    "If you have new numbness between your legs, trouble passing urine or stool, or "              \
    "weakness in both legs, get emergency care now."
/* A source's name in plain or student words. */
const char *screens_source_label(const Screens *s, const ContentSource *src);
/* The where-it-hurts card at r: every source that refers to the chosen point or zone. */
void screens_where_card(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                        UiRect r);
/* Height of the playback panel on an h pixel tall screen. */
float screens_bar_height(UiContext *ui, float h);
/* Where the playback panel goes across the bottom, between x0 and x1 of an h pixel tall
 * screen. */
UiRect screens_bar_rect(UiContext *ui, float x0, float x1, float h);
/* The playback panel (caption, play, scrub, loop, speed, compare) in r. */
void screens_playback_bar(Screens *s, UiContext *ui, RefView *rv, UiRect r);
/* The red-flags card. */
void screens_redflags_card(Screens *s, UiContext *ui, RefView *rv, float w, float h);
/* "your left" and "your right" beside the body, on the sides where the body's own left and
 * right are, whichever way it is turned (the known trap of paper body maps); kept inside
 * free (the part of the screen no card covers). */
void screens_side_labels(UiContext *ui, Viewer *v, RefView *rv, UiRect free);
/* The text view card at r: the screen in words, with copy and read-aloud buttons. */
void screens_text_card(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                       UiRect r);
/* Recomputes the where-it-hurts list when the viewer reports a new point or zone. */
void screens_refresh_where(Screens *s, Viewer *v, RefView *rv);

#endif
