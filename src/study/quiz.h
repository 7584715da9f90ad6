/* quiz: study questions generated from the content, never written by hand. Each question
 * has a prompt, up to QUIZ_OPTIONS_MAX options of which exactly one is right, the index of
 * that one, an explanation and the id of the citation behind it. The generator is
 * deterministic: its own PRNG (splitmix64), seeded by the caller, so a seed always gives
 * the same quiz. Reads the content, the referral engine, the skin points, the study
 * words and the nerve-exit table; owns nothing. No SDL, no GL. */
#ifndef PAINMAP_STUDY_QUIZ_H
#define PAINMAP_STUDY_QUIZ_H

#include <stdbool.h>
#include <stdint.h>

#include "anatomy/landmarks.h"
#include "content/content.h"
#include "referral/referral.h"
#include "study/nerve_exit.h"
#include "study/study_text.h"

enum {
    QUIZ_OPTIONS_MAX = 4,
    QUIZ_ID_MAX = 64,
    QUIZ_ITEM_MAX = 128,
    QUIZ_LABEL_MAX = 400,
    QUIZ_PROMPT_MAX = 512,
    QUIZ_EXPLAIN_MAX = 1600,
};

typedef enum {
    QUIZ_NAME_STRUCTURE = 0,     /* name the highlighted structure */
    QUIZ_TAP_STRUCTURE,          /* tap the structure that is named */
    QUIZ_ZONE_SOURCE,            /* which of these refers pain to this zone */
    QUIZ_DERMATOME,              /* which dermatome is at this point */
    QUIZ_ORIGIN,                 /* where does this muscle arise */
    QUIZ_INSERTION,              /* where does it insert */
    QUIZ_INNERVATION,            /* which nerve supplies it */
    QUIZ_NERVE_BELOW_PIRIFORMIS, /* which nerve leaves the pelvis below piriformis */
    QUIZ_KIND_COUNT
} QuizKind;

typedef enum {
    QUIZ_ANSWER_CHOICE = 0, /* tap one of the options */
    QUIZ_ANSWER_TAP,        /* tap the structure on the model (options[correct].id) */
} QuizAnswerMode;

typedef struct QuizOption {
    char id[QUIZ_ID_MAX]; /* what the option stands for: a structure, source or zone id */
    char label[QUIZ_LABEL_MAX];
} QuizOption;

typedef struct QuizQuestion {
    QuizKind kind;
    QuizAnswerMode answer_mode;
    char item[QUIZ_ITEM_MAX];    /* "kind:subject": the spaced-repetition key */
    char subject[QUIZ_ID_MAX];   /* the id asked about (structure, zone or landmark) */
    char highlight[QUIZ_ID_MAX]; /* structure to highlight on the model, "" = none */
    char zone[QUIZ_ID_MAX];      /* zone to show on the skin, "" = none */
    char map[QUIZ_ID_MAX];       /* dermatome map of a dermatome question */
    bool has_point;              /* a point to mark on the model */
    float point_mm[3];
    char prompt[QUIZ_PROMPT_MAX];
    QuizOption options[QUIZ_OPTIONS_MAX];
    int option_count;
    int correct; /* index into options */
    char explanation[QUIZ_EXPLAIN_MAX];
    char citation[QUIZ_ID_MAX]; /* citation id backing the answer, "" if the entry has none */
} QuizQuestion;

/* Everything a question is made from. Optional: skin (no dermatome questions without it),
 * exits (no nerve question), has_mesh (NULL: every structure but joints and the skin can be
 * highlighted and tapped). */
typedef struct QuizData {
    const ContentDb *content;
    const RefEngine *engine;
    const LandmarkSet *skin; /* points on the skin (anatomy/skin_points.json) */
    const StudyText *text;
    const NerveExits *exits;
    int map; /* dermatome map index in the engine */
    bool (*has_mesh)(const char *structure_id, void *user);
    void *has_mesh_user;
} QuizData;

/* A dermatome question's point must lie this deep in its dermatome (weight), and every
 * distractor must weigh no more than QUIZ_DERM_OTHER_MAX there. */
#define QUIZ_DERM_MIN       0.6f
#define QUIZ_DERM_OTHER_MAX 0.05f

typedef struct QuizRng {
    uint64_t state;
} QuizRng;

void quiz_rng_seed(QuizRng *rng, uint64_t seed);
uint64_t quiz_rng_next(QuizRng *rng);
/* Uniform in [0, n), n > 0. */
int quiz_rng_below(QuizRng *rng, int n);

/* "name_structure", ... (stable ids used in item keys and --json). */
const char *quiz_kind_id(QuizKind kind);
/* The kind with this id, or -1. */
int quiz_kind_find(const char *id);

/* How many subjects a kind can ask about (structures, zones, points ...), feasible or not. */
int quiz_subject_count(const QuizData *data, QuizKind kind);
/* Builds the question of a kind about subject (0 .. count-1), distractors and option order
 * drawn from rng. False when that subject cannot give a question with exactly one right
 * answer and enough wrong ones (e.g. a zone every source refers to). */
bool quiz_make(const QuizData *data, QuizKind kind, int subject, QuizRng *rng, QuizQuestion *out);
/* Builds the question for a spaced-repetition item key ("zone_source:zone_buttock_r"). */
bool quiz_make_item(const QuizData *data, const char *item, QuizRng *rng, QuizQuestion *out);
/* A whole quiz: count questions, kinds taken in turn from a shuffled order so every kind
 * that has a question appears, no item twice. Returns how many were made (< count only
 * when the content runs out). */
int quiz_generate(const QuizData *data, uint64_t seed, int count, QuizQuestion *out);

#endif
