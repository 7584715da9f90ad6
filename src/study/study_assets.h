/* study_assets: what study mode loads beside the referral assets: the points on the skin
 * (anatomy/skin_points.json) that dermatome questions mark, the study words
 * (content/<locale>/study.json) and the nerve-exit table derived from the shapes. Fills a
 * QuizData from them and a loaded RefAssets. Owns what it loads. No SDL, no GL. */
#ifndef PAINMAP_STUDY_STUDY_ASSETS_H
#define PAINMAP_STUDY_STUDY_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

#include "anatomy/landmarks.h"
#include "referral/ref_assets.h"
#include "study/nerve_exit.h"
#include "study/quiz.h"
#include "study/study_text.h"

typedef struct StudyAssets {
    LandmarkSet skin;
    StudyText text;
    NerveExits exits;
    bool have_exits; /* false: the shapes could not be read; no nerve questions */
} StudyAssets;

/* Loads from assets_dir; landmarks are the referral assets' (they resolve the shapes'
 * named points). False (err says why) when the study words or the skin points cannot be
 * read: study mode cannot run. A failed nerve-exit derivation only drops that question kind
 * (err gets a warning, have_exits false, and the call still returns true). */
bool study_assets_load(const char *assets_dir, const char *locale, const LandmarkSet *landmarks,
                       StudyAssets *out, char *err, size_t err_cap);
void study_assets_free(StudyAssets *sa);

/* The QuizData for these and the loaded referral assets, with dermatome map map (an index
 * in the engine; -1 = the default map). has_mesh stays NULL: set it when a model is known. */
void study_quiz_data(const StudyAssets *sa, const RefAssets *ra, int map, QuizData *out);

#endif
