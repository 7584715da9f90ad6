/* screens: painmap's viewer UI built with the ui_ toolkit: the mode switch, layers and
 * views, the info card of a selected structure, the source picker, the playback bar with
 * its plain-words caption, the where-it-hurts list, search, the red-flags card and About.
 * Reads and changes the Viewer, the RefView and the playback state; owns only its panel
 * flags and the last where-it-hurts result. */
#ifndef PAINMAP_APP_SCREENS_H
#define PAINMAP_APP_SCREENS_H

#include <stdbool.h>

#include "app/paint.h"
#include "app/refview.h"
#include "app/scene.h"
#include "app/screens_study.h"
#include "app/viewer.h"
#include "core/settings.h"
#include "ui/ui.h"

enum { SCREENS_WHERE_MAX = 48, SCREENS_LOCALES_MAX = 8 };
enum { SCREENS_TEXT_NONE, SCREENS_TEXT_COPY, SCREENS_TEXT_SPEAK, SCREENS_TEXT_STOP };

typedef struct {
    bool playing;
    bool loop;
    float speed; /* 0.5, 1 or 2 */
    float t_sec;
} Playback;

typedef struct Screens {
    bool layers_open;
    bool sources_open;
    bool redflags_open;
    bool search_open;
    bool focus_search; /* put the caret in the search field next frame */
    bool about_open;
    bool info_open;
    bool where_open;
    bool student; /* student texts instead of plain patient texts */
    char search[96];
    int last_selected;
    RefMatch where[SCREENS_WHERE_MAX];
    int where_count;
    int where_total;
    int where_zone; /* content zone whose where-it-hurts list is shown (-1 = a tapped point) */
    Playback play;
    int compare_source; /* a second source shown beside the first (-1 = none) */
    Settings settings;
    bool settings_open;
    bool settings_changed;  /* the user changed a setting: save and apply it */
    bool picking_compare;   /* the source picker chooses the compare source */
    bool changed;           /* something the 3-D picture depends on changed this frame */
    float bar_reserve_px;   /* height kept free at the bottom while a source plays */
    float reserve_right_px; /* width kept free on the right while a source plays (landscape) */
    float top_px;           /* where the space below the bar begins */
    bool was_split;         /* the last frame showed two halves (compare) */
    PaintState paint;       /* the pain drawing (Draw mode) and, for staff, the saved ones */
    bool staff;             /* saving, handouts and saved drawings are offered (not to patients) */
    StudyScreen *study;     /* the quiz card, owned by the session (NULL: no study mode) */
    /* the languages installed (codes and their own names) and the one shown */
    char locales[SCREENS_LOCALES_MAX][16];
    char locale_names[SCREENS_LOCALES_MAX][48];
    int locale_count;
    const char *locale_now;
    char want_locale[16]; /* a language chosen this frame (the kiosk's first step) */
    char home_locale[16]; /* the language a kiosk goes back to for the next patient */
    bool text_open;       /* the text view: what is on the screen in words */
    int text_request;     /* SCREENS_TEXT_COPY / _SPEAK / _STOP, carried out by the session */
    bool speech_ok;       /* speech-dispatcher answers: reading aloud is offered */
} Screens;

void screens_init(Screens *s);
/* Frees what the screens own (the drawing is wiped first). screens_init may follow. */
void screens_free(Screens *s);
/* Builds this frame's UI between ui_begin and ui_end. */
void screens_build(Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv);
/* What is on the screen in words, one line each (for the text view, the clipboard and speech).
 * Returns the length written (at most cap - 1). */
size_t screens_screen_text(const Screens *s, const Viewer *v, const Scene *scene, const RefView *rv,
                           char *out, size_t cap);
/* Switches between Explore, Where it hurts and Draw. */
void screens_set_mode(Screens *s, Viewer *v, RefView *rv, ViewerMode mode);
/* Starts a source's animation from the beginning and turns to a view that shows it. */
void screens_play_source(Screens *s, Viewer *v, const Scene *scene, RefView *rv, int source);
/* Advances playback by dt; true while it moves (the picture must be redrawn). */
bool screens_advance(Screens *s, float dt_sec);
/* The animation time to show: the playback time, or with reduced motion the end of the
 * phase it is in, so each phase appears whole instead of moving. */
float screens_display_time(const Screens *s);

#endif
