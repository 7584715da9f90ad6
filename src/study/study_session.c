#include "study/study_session.h"

#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

void study_session_free(StudySession *s) {
    if (s) {
        free(s->queue);
        memset(s, 0, sizeof *s);
    }
}

static bool queued(const StudySession *s, const char *item) {
    for (int i = 0; i < s->count; i++) {
        if (strcmp(s->queue[i].item, item) == 0) {
            return true;
        }
    }
    return false;
}

bool study_session_start(StudySession *s, const QuizData *data, const Leitner *srs, long today,
                         uint64_t seed, int count) {
    study_session_free(s);
    if (count < 1) {
        return false;
    }
    /* room for every question asked twice (a miss comes back once) */
    s->cap = count * 2;
    s->queue = calloc((size_t)s->cap, sizeof *s->queue);
    QuizQuestion *fresh = calloc((size_t)count, sizeof *fresh);
    const char **due = calloc((size_t)count, sizeof *due);
    if (!s->queue || !fresh || !due) {
        free(fresh);
        free(due);
        study_session_free(s);
        return false;
    }
    quiz_rng_seed(&s->rng, seed ^ 0x5EED5EED5EEDull);
    s->chosen = -1;
    int nd = srs ? leitner_due(srs, today, due, count) : 0;
    for (int i = 0; i < nd && i < count && s->count < count; i++) {
        if (!queued(s, due[i]) && quiz_make_item(data, due[i], &s->rng, &s->queue[s->count])) {
            s->count++;
        }
    }
    int nf = quiz_generate(data, seed, count, fresh);
    for (int i = 0; i < nf && s->count < count; i++) {
        if (!queued(s, fresh[i].item)) {
            s->queue[s->count++] = fresh[i];
        }
    }
    free(fresh);
    free(due);
    return s->count > 0;
}

const QuizQuestion *study_session_current(const StudySession *s) {
    return s->current < s->count ? &s->queue[s->current] : NULL;
}

static bool settle(StudySession *s, bool correct, Leitner *srs, long today) {
    const QuizQuestion *q = &s->queue[s->current];
    s->answered = true;
    s->last_correct = correct;
    s->asked++;
    s->right += correct;
    if (srs) {
        leitner_record(srs, q->item, correct, today);
    }
    return correct;
}

bool study_session_answer(StudySession *s, int option, Leitner *srs, long today) {
    const QuizQuestion *q = study_session_current(s);
    if (!q || s->answered || option < 0 || option >= q->option_count) {
        return false;
    }
    s->chosen = option;
    s->tapped[0] = '\0';
    return settle(s, option == q->correct, srs, today);
}

bool study_session_answer_tap(StudySession *s, const char *structure_id, Leitner *srs, long today) {
    const QuizQuestion *q = study_session_current(s);
    if (!q || s->answered || q->answer_mode != QUIZ_ANSWER_TAP || !structure_id) {
        return false;
    }
    s->chosen = -1;
    for (int i = 0; i < q->option_count; i++) {
        if (strcmp(q->options[i].id, structure_id) == 0) {
            s->chosen = i;
        }
    }
    str_copy(s->tapped, sizeof s->tapped, structure_id);
    return settle(s, strcmp(structure_id, q->options[q->correct].id) == 0, srs, today);
}

/* How many times item is in the queue. */
static int times_queued(const StudySession *s, const char *item) {
    int n = 0;
    for (int i = 0; i < s->count; i++) {
        n += strcmp(s->queue[i].item, item) == 0;
    }
    return n;
}

void study_session_next(StudySession *s) {
    if (s->current >= s->count) {
        return;
    }
    if (s->answered && !s->last_correct && s->count < s->cap &&
        times_queued(s, s->queue[s->current].item) == 1) {
        /* the same question again a little later, its options in a new order */
        int at = s->current + 1 + STUDY_RETRY_AFTER;
        if (at > s->count) {
            at = s->count;
        }
        QuizQuestion again = s->queue[s->current];
        int order[QUIZ_OPTIONS_MAX];
        for (int i = 0; i < again.option_count; i++) {
            order[i] = i;
        }
        for (int i = again.option_count - 1; i > 0; i--) {
            int j = quiz_rng_below(&s->rng, i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        QuizQuestion shuffled = again;
        for (int i = 0; i < again.option_count; i++) {
            shuffled.options[i] = again.options[order[i]];
            if (order[i] == again.correct) {
                shuffled.correct = i;
            }
        }
        memmove(&s->queue[at + 1], &s->queue[at], (size_t)(s->count - at) * sizeof *s->queue);
        s->queue[at] = shuffled;
        s->count++;
    }
    s->current++;
    s->answered = false;
    s->last_correct = false;
    s->chosen = -1;
    s->tapped[0] = '\0';
}

bool study_session_done(const StudySession *s) {
    return s->current >= s->count;
}
