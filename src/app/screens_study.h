/* screens_study: the study mode card of the viewer. Shows one question at a time from a
 * study sitting (study/study_session), its options as large buttons, takes a structure
 * tapped on the model for "find the structure" questions, then gives the feedback with the
 * explanation and its source, the score, and the next question. Marks the question on the
 * model (highlights the structure, paints the zone, marks the point). Keeps the Leitner
 * boxes in the user directory (none in kiosk use). Owns the study assets, the sitting and
 * the boxes; the viewer's screens call it. */
#ifndef PAINMAP_APP_SCREENS_STUDY_H
#define PAINMAP_APP_SCREENS_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/refview.h"
#include "app/scene.h"
#include "app/viewer.h"
#include "study/leitner.h"
#include "study/study_assets.h"
#include "study/study_session.h"
#include "ui/ui.h"

enum { STUDY_SCREEN_QUESTIONS = 10 };

typedef struct StudyScreen {
    bool open;
    bool ready; /* the study assets loaded */
    StudyAssets assets;
    QuizData data;
    StudySession session;
    Leitner srs;
    char progress_path[4096];     /* "" = progress is not kept */
    long today;                   /* days since 1970-01-01 */
    uint64_t seed;                /* of the sitting under way */
    char status[512];             /* a load or save problem to show, "" = none */
    int shown_at;                 /* the sitting's question index last put on the model */
    bool shown_answer;            /* after a "find it" answer the right structure was turned to */
    int marked_item, marked_zone; /* the marks last put on the model (-1 = none) */
    bool marked_point;
    float marked_point_mm[3];
    unsigned saved_see_through; /* the scene's see-through layers before the card opened */
    bool changed;               /* the marks on the model changed this frame */
} StudyScreen;

/* Loads the study words, skin points and nerve exits from assets_dir beside rv's loaded
 * assets, and the progress file in user_dir (NULL: none is kept, e.g. the kiosk). False
 * (err says why) when study mode cannot run; the screen then shows nothing. */
bool study_screen_init(StudyScreen *ss, const char *assets_dir, const RefView *rv,
                       const char *user_dir, char *err, size_t err_cap);
void study_screen_shutdown(StudyScreen *ss);

/* Opens the card with a new sitting of STUDY_SCREEN_QUESTIONS questions: due items first,
 * then new ones from seed. Only structures the scene has are highlighted or asked for.
 * While it is open, a question about a structure turns the camera to it and makes the
 * muscle and bone layers around it see-through; closing gives the see-through layers back.
 * today: days since 1970-01-01 (leitner_day_from_unix(time(NULL))). */
void study_screen_open(StudyScreen *ss, Scene *scene, RefView *rv, uint64_t seed, long today);
/* Closes the card, saves the progress and takes the marks off the model. */
void study_screen_close(StudyScreen *ss, Scene *scene, RefView *rv);
bool study_screen_is_open(const StudyScreen *ss);

/* Builds the card at r (r.h <= 0: as tall as its content) between ui_begin and ui_end and
 * puts the question's marks on the scene and rv (call it after anything else that sets
 * scene->highlighted or rv's marks this frame). Makes the layer of a highlighted
 * structure visible. True when the picture must be redrawn. */
bool study_screen_draw(StudyScreen *ss, UiContext *ui, Viewer *v, Scene *scene, RefView *rv,
                       UiRect r);

/* True while the question on screen waits for a structure tapped on the model. */
bool study_screen_wants_pick(const StudyScreen *ss);
/* A structure tapped on the model (its scene id) while the card is open: answers a "find
 * the structure" question. True when it was used as an answer (then do not select it). */
bool study_screen_on_pick(StudyScreen *ss, const char *structure_id);
/* Answers the question on screen with option index option (what its button does). */
bool study_screen_choose(StudyScreen *ss, int option);
/* Moves on (what the Next button does); after the last question the card shows the score. */
void study_screen_next(StudyScreen *ss);

#endif
