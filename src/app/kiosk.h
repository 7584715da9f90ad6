/* kiosk: the patient's path on a clinic tablet (painmap --kiosk): welcome, language, "where
 * does it hurt?", what is known to send pain there (with the animation), the red-flags
 * questions and a "show this to your therapist" summary. No settings, no typing. It cannot
 * be quit from the screen, and after some idle minutes it starts over and forgets everything
 * the patient did. Owns only the patient path's state. */
#ifndef PAINMAP_APP_KIOSK_H
#define PAINMAP_APP_KIOSK_H

#include <stdbool.h>

#include "app/refview.h"
#include "app/scene.h"
#include "app/screens.h"
#include "app/viewer.h"
#include "core/pin.h"
#include "ui/input.h"
#include "ui/ui.h"

typedef enum {
    KIOSK_WELCOME,
    KIOSK_LANGUAGE,
    KIOSK_WHERE,
    KIOSK_FLAGS,
    KIOSK_SUMMARY,
    KIOSK_STEP_COUNT
} KioskStep;

enum { KIOSK_MAX_FLAGS = 96 };

typedef struct {
    bool enabled;        /* --kiosk */
    bool unlocked;       /* a therapist entered the PIN: the full viewer until locked again */
    char pin_path[4096]; /* where the PIN hash lives ("" = none can be set) */
    bool pin_open;       /* the PIN pad is shown */
    char pin[16];        /* digits typed so far (wiped after each try) */
    char pin_message[160];
    PinGuard guard;
    double clock_sec;       /* kiosk time, for the PIN back-off */
    double corner_hold_sec; /* how long a finger or the mouse has held the top-left corner */
    bool corner_down;
    KioskStep step;
    double idle_sec;                /* since the last touch */
    bool flag_yes[KIOSK_MAX_FLAGS]; /* red-flag items the patient marked, in content order */
    int resets;                     /* how many times it started over (for tests) */
} Kiosk;

void kiosk_init(Kiosk *k, bool enabled);
/* Builds the patient path's UI for this frame (instead of the viewer's screens). */
void kiosk_build(Kiosk *k, Screens *s, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv);
/* Counts idle time; after the settings' idle minutes without input it starts over. Returns
 * true when it did (the picture must be redrawn). */
bool kiosk_tick(Kiosk *k, Screens *s, Viewer *v, const Scene *scene, RefView *rv, bool had_input,
                float dt_sec);
/* Watches this frame's input for the staff gesture: a press held for 3 seconds on the top
 * left corner opens the PIN pad. */
void kiosk_observe(Kiosk *k, const InputFrame *input, float dt_sec, float ui_scale);
/* Forgets everything about the current patient and goes back to the welcome screen. */
void kiosk_reset(Kiosk *k, Screens *s, Viewer *v, const Scene *scene, RefView *rv);
/* Milliseconds the app may sleep waiting for input before the idle reset is due. */
int kiosk_wait_ms(const Kiosk *k, const Screens *s);

#endif
