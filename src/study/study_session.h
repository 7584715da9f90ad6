/* study_session: one sitting of study mode. Builds the queue (items the Leitner boxes say
 * are due first, then new questions from the generator), takes answers (an option, or a
 * structure tapped on the model), keeps the score, records every answer in the Leitner
 * boxes, and brings a missed question back a few questions later in the same sitting.
 * Pure: no SDL, no GL, no files (the caller loads and saves the boxes). */
#ifndef PAINMAP_STUDY_STUDY_SESSION_H
#define PAINMAP_STUDY_STUDY_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "study/leitner.h"
#include "study/quiz.h"

/* A missed question comes back after this many others (once per sitting). */
#define STUDY_RETRY_AFTER 3

typedef struct StudySession {
    QuizQuestion *queue;
    int count, cap;
    int current; /* index into queue; == count when the sitting is over */
    int asked, right;
    bool answered; /* the current question has its answer: show the feedback */
    bool last_correct;
    int chosen;               /* option chosen, or -1 for a tap that matched no option */
    char tapped[QUIZ_ID_MAX]; /* structure tapped for a tap question, "" otherwise */
    QuizRng rng;
} StudySession;

/* Starts a sitting of up to count questions (count >= 1): due items of srs (may be NULL)
 * on day today first, then new ones generated from seed. False when out of memory or when
 * no question could be made (count == 0 then). Frees what s held before. */
bool study_session_start(StudySession *s, const QuizData *data, const Leitner *srs, long today,
                         uint64_t seed, int count);
void study_session_free(StudySession *s);

/* The question on screen, or NULL when the sitting is over. */
const QuizQuestion *study_session_current(const StudySession *s);
/* Answers the current question with option index option. Returns whether it was right;
 * records it in srs (may be NULL) on day today. Ignored (false) once answered. */
bool study_session_answer(StudySession *s, int option, Leitner *srs, long today);
/* Answers a tap question with the structure tapped (a scene or content id). Same rules. */
bool study_session_answer_tap(StudySession *s, const char *structure_id, Leitner *srs, long today);
/* Moves on to the next question (queueing a missed one again first). */
void study_session_next(StudySession *s);
bool study_session_done(const StudySession *s);

#endif
