/* painmap quiz --seed N [--count K] [--json] [--map ID] [--locale L] [--assets-dir DIR]: a quiz
 * made from the content, printed with its answer key. The same seed always prints the same quiz, so
 * tests can check every question against the content. Never opens a window. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "app/app_internal.h"
#include "core/paths.h"
#include "core/strutil.h"
#include "platform/plat.h"
#include "referral/ref_assets.h"
#include "study/quiz.h"
#include "study/study_assets.h"

enum { QUIZ_COUNT_MAX = 200, QUIZ_COUNT_DEFAULT = 10 };

typedef struct {
    long seed;
    bool seed_set;
    long count;
    bool json;
    const char *map;
    const char *locale;
    const char *assets_dir;
} QuizOpts;

static int usage(const char *what) {
    fprintf(stderr, "painmap: error: %s\n", what);
    fprintf(stderr, "usage: painmap quiz --seed N [--count K] [--map ID] [--locale L] [--json] "
                    "[--assets-dir DIR]\n");
    return EXIT_INPUT;
}

static int parse(int argc, char **argv, QuizOpts *o) {
    memset(o, 0, sizeof *o);
    o->count = QUIZ_COUNT_DEFAULT;
    char msg[256];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            o->json = true;
            continue;
        }
        bool known = !strcmp(a, "--seed") || !strcmp(a, "--count") || !strcmp(a, "--map") ||
                     !strcmp(a, "--locale") || !strcmp(a, "--assets-dir");
        if (!known) {
            snprintf(msg, sizeof msg, "unknown option '%s' for painmap quiz", a);
            return usage(msg);
        }
        if (i + 1 >= argc) {
            snprintf(msg, sizeof msg, "%s: missing value", a);
            return usage(msg);
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--seed")) {
            if (!str_parse_int(v, 0, 2147483647L, &o->seed)) {
                snprintf(msg, sizeof msg,
                         "--seed: expected a whole number from 0 to 2147483647, "
                         "got '%s'",
                         v);
                return usage(msg);
            }
            o->seed_set = true;
        } else if (!strcmp(a, "--count")) {
            if (!str_parse_int(v, 1, QUIZ_COUNT_MAX, &o->count)) {
                snprintf(msg, sizeof msg, "--count: expected 1 to %d questions, got '%s'",
                         QUIZ_COUNT_MAX, v);
                return usage(msg);
            }
        } else if (!strcmp(a, "--map")) {
            o->map = v;
        } else if (!strcmp(a, "--locale")) {
            o->locale = v;
        } else {
            o->assets_dir = v;
        }
    }
    if (!o->seed_set) {
        return usage("painmap quiz needs --seed N (the same seed gives the same quiz)");
    }
    return EXIT_OK;
}

static cJSON *question_json(const QuizQuestion *q, int number) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "number", number);
    cJSON_AddStringToObject(o, "kind", quiz_kind_id(q->kind));
    cJSON_AddStringToObject(o, "item", q->item);
    cJSON_AddStringToObject(o, "answer_mode", q->answer_mode == QUIZ_ANSWER_TAP ? "tap" : "choice");
    cJSON_AddStringToObject(o, "subject", q->subject);
    cJSON_AddStringToObject(o, "highlight", q->highlight);
    cJSON_AddStringToObject(o, "zone", q->zone);
    if (q->has_point) {
        cJSON *p = cJSON_AddObjectToObject(o, "point");
        cJSON_AddStringToObject(p, "landmark", q->subject);
        cJSON_AddItemToObject(p, "pos_mm", cJSON_CreateFloatArray(q->point_mm, 3));
        cJSON_AddStringToObject(p, "map", q->map);
    } else {
        cJSON_AddNullToObject(o, "point");
    }
    cJSON_AddStringToObject(o, "prompt", q->prompt);
    cJSON *opts = cJSON_AddArrayToObject(o, "options");
    for (int i = 0; i < q->option_count; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", q->options[i].id);
        cJSON_AddStringToObject(x, "label", q->options[i].label);
        cJSON_AddItemToArray(opts, x);
    }
    cJSON_AddNumberToObject(o, "correct", q->correct);
    cJSON_AddStringToObject(o, "answer_id", q->options[q->correct].id);
    cJSON_AddStringToObject(o, "explanation", q->explanation);
    cJSON_AddStringToObject(o, "citation", q->citation);
    return o;
}

static void print_text(const QuizQuestion *qs, int n, long seed, const char *map_id) {
    printf("painmap quiz: seed %ld, %d question%s, dermatome map %s\n", seed, n, n == 1 ? "" : "s",
           map_id);
    for (int i = 0; i < n; i++) {
        const QuizQuestion *q = &qs[i];
        printf("\n%d. [%s] %s\n", i + 1, quiz_kind_id(q->kind), q->prompt);
        if (q->highlight[0]) {
            printf("   highlighted: %s\n", q->highlight);
        }
        if (q->zone[0]) {
            printf("   zone shown: %s\n", q->zone);
        }
        if (q->has_point) {
            printf("   point: %s (%.0f, %.0f, %.0f) mm\n", q->subject, (double)q->point_mm[0],
                   (double)q->point_mm[1], (double)q->point_mm[2]);
        }
        if (q->answer_mode == QUIZ_ANSWER_TAP) {
            printf("   answer by tapping the model, or choose:\n");
        }
        for (int k = 0; k < q->option_count; k++) {
            printf("   %c. %s\n", 'A' + k, q->options[k].label);
        }
        printf("   answer: %c (%s)\n", 'A' + q->correct, q->options[q->correct].id);
        printf("   why: %s\n", q->explanation);
        printf("   source: %s\n", q->citation[0] ? q->citation : "-");
    }
}

int app_quiz_main(int argc, char **argv) {
    QuizOpts o;
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK) {
        return rc;
    }
    char assets_dir[4096], err[8192];
    if (!paths_find_assets(o.assets_dir, plat_exe_dir(), assets_dir, sizeof assets_dir, err,
                           sizeof err)) {
        fprintf(stderr, "painmap: error: %s\n", err);
        return EXIT_ENV;
    }
    if (o.locale) {
        /* a language painmap has no folder for is a bad value, not a silent English quiz */
        char content_dir[4200], locales[32][CONTENT_LOCALE_CAP];
        snprintf(content_dir, sizeof content_dir, "%s/content", assets_dir);
        int n = content_list_locales(content_dir, locales, 32);
        bool found = false;
        for (int i = 0; i < n && !found; i++) {
            found = strcmp(locales[i], o.locale) == 0;
        }
        if (!found) {
            fprintf(stderr, "painmap: error: unknown locale '%s' (locales:", o.locale);
            for (int i = 0; i < n; i++) {
                fprintf(stderr, " %s", locales[i]);
            }
            fprintf(stderr, ")\n");
            return EXIT_INPUT;
        }
    }
    RefAssets *ra = calloc(1, sizeof *ra);
    StudyAssets *sa = calloc(1, sizeof *sa);
    QuizQuestion *qs = calloc((size_t)o.count, sizeof *qs);
    if (!ra || !sa || !qs) {
        free(ra);
        free(sa);
        free(qs);
        fprintf(stderr, "painmap: error: out of memory\n");
        return EXIT_ENV;
    }
    ContentDiag diag = {0};
    const char *locale = o.locale ? o.locale : "en";
    ref_assets_load(assets_dir, locale, NULL, 0, ra, &diag);
    if (diag.count > 0) {
        fprintf(stderr,
                "painmap: warning: the assets have %d problem(s); run 'painmap check-content'\n",
                diag.count);
    }
    content_diag_free(&diag);
    rc = EXIT_OK;
    if (!ra->engine_ready) {
        fprintf(stderr, "painmap: error: could not load the content in %s\n", assets_dir);
        rc = EXIT_ENV;
    } else if (!study_assets_load(assets_dir, locale, &ra->landmarks, sa, err, sizeof err)) {
        fprintf(stderr, "painmap: error: %s\n", err);
        rc = EXIT_ENV;
    }
    int map = rc == EXIT_OK ? ref_map_find(&ra->engine, o.map) : -1;
    if (rc == EXIT_OK && map < 0) {
        fprintf(stderr,
                "painmap: error: unknown dermatome map '%s' (maps: keegan_garrett, "
                "lee_2008)\n",
                o.map);
        rc = EXIT_INPUT;
    }
    if (rc == EXIT_OK) {
        if (!sa->have_exits) {
            fprintf(stderr, "painmap: warning: %s (no nerve-exit questions)\n", err);
        }
        QuizData data;
        study_quiz_data(sa, ra, map, &data);
        int n = quiz_generate(&data, (uint64_t)o.seed, (int)o.count, qs);
        if (n < o.count) {
            fprintf(stderr, "painmap: warning: the content gives only %d different questions\n", n);
        }
        const char *map_id = ra->engine.shapes->map_ids[map];
        if (o.json) {
            cJSON *root = cJSON_CreateObject();
            cJSON_AddNumberToObject(root, "seed", (double)o.seed);
            cJSON_AddNumberToObject(root, "count", n);
            cJSON_AddStringToObject(root, "map", map_id);
            cJSON *arr = cJSON_AddArrayToObject(root, "questions");
            for (int i = 0; i < n; i++) {
                cJSON_AddItemToArray(arr, question_json(&qs[i], i + 1));
            }
            char *text = cJSON_Print(root);
            if (text) {
                puts(text);
                cJSON_free(text);
            } else {
                rc = EXIT_ENV;
            }
            cJSON_Delete(root);
        } else {
            print_text(qs, n, o.seed, map_id);
        }
    }
    study_assets_free(sa);
    ref_assets_free(ra);
    free(ra);
    free(sa);
    free(qs);
    return rc;
}
