/* Study quizzes: the same seed gives the same quiz and different seeds differ; every
 * question has exactly one right option, and that option is re-derived here from the
 * content database itself (the zone lists of each source, the structures' fields, the
 * dermatome weights at the point) and, for the piriformis question, checked against the
 * anatomy as the textbooks give it. Also the study words and the template filler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"
#include "referral/ref_assets.h"
#include "study/nerve_exit.h"
#include "study/quiz.h"
#include "study/study_assets.h"
#include "study/study_text.h"

static RefAssets g_ra;
static StudyAssets g_sa;
static QuizData g_data;

enum { N = 40, SEEDS = 60 };

static int setup(void **state) {
    (void)state;
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    if (!dir) {
        fail_msg("PAINMAP_ASSETS_DIR is not set (run through ctest)");
    }
    ContentDiag diag = {0};
    bool ok = ref_assets_load(dir, "en", NULL, 0, &g_ra, &diag);
    content_diag_free(&diag);
    char err[1024];
    if (!ok || !g_ra.engine_ready ||
        !study_assets_load(dir, "en", &g_ra.landmarks, &g_sa, err, sizeof err)) {
        print_error("could not load the assets: %s\n", ok ? err : "content");
        return -1;
    }
    if (!g_sa.have_exits) {
        print_error("nerve exits: %s\n", err);
        return -1;
    }
    study_quiz_data(&g_sa, &g_ra, -1, &g_data);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    study_assets_free(&g_sa);
    ref_assets_free(&g_ra);
    return 0;
}

static bool same_question(const QuizQuestion *a, const QuizQuestion *b) {
    if (a->kind != b->kind || strcmp(a->item, b->item) || strcmp(a->prompt, b->prompt) ||
        a->option_count != b->option_count || a->correct != b->correct ||
        strcmp(a->explanation, b->explanation) || strcmp(a->citation, b->citation)) {
        return false;
    }
    for (int i = 0; i < a->option_count; i++) {
        if (strcmp(a->options[i].id, b->options[i].id) ||
            strcmp(a->options[i].label, b->options[i].label)) {
            return false;
        }
    }
    return true;
}

static void test_same_seed_same_quiz(void **state) {
    (void)state;
    QuizQuestion *a = calloc(N, sizeof *a), *b = calloc(N, sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    int na = quiz_generate(&g_data, 42, N, a);
    int nb = quiz_generate(&g_data, 42, N, b);
    assert_int_equal(na, N);
    assert_int_equal(nb, na);
    for (int i = 0; i < na; i++) {
        if (!same_question(&a[i], &b[i])) {
            fail_msg("seed 42, question %d differs between two runs: '%s' vs '%s'", i + 1,
                     a[i].item, b[i].item);
        }
    }
    free(a);
    free(b);
}

static void test_different_seeds_differ(void **state) {
    (void)state;
    QuizQuestion *a = calloc(N, sizeof *a), *b = calloc(N, sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    for (uint64_t seed = 0; seed < 10; seed++) {
        int na = quiz_generate(&g_data, seed, 10, a);
        int nb = quiz_generate(&g_data, seed + 1, 10, b);
        bool differ = na != nb;
        for (int i = 0; i < na && !differ; i++) {
            differ = !same_question(&a[i], &b[i]);
        }
        if (!differ) {
            fail_msg("seeds %llu and %llu give the same quiz", (unsigned long long)seed,
                     (unsigned long long)seed + 1);
        }
    }
    free(a);
    free(b);
}

static void test_every_kind_appears(void **state) {
    (void)state;
    QuizQuestion q[QUIZ_KIND_COUNT];
    for (uint64_t seed = 0; seed < 20; seed++) {
        int n = quiz_generate(&g_data, seed, QUIZ_KIND_COUNT, q);
        assert_int_equal(n, QUIZ_KIND_COUNT);
        bool seen[QUIZ_KIND_COUNT] = {false};
        for (int i = 0; i < n; i++) {
            seen[q[i].kind] = true;
        }
        for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
            if (!seen[k]) {
                fail_msg("seed %llu: %d questions but no '%s' question", (unsigned long long)seed,
                         n, quiz_kind_id((QuizKind)k));
            }
        }
    }
}

/* ---- the right answer, derived again from the content ------------------------------- */

static const ContentDb *db(void) {
    return &g_ra.content;
}

static bool source_refers(int source, int zone) {
    const ContentSource *s = &db()->sources[source];
    for (int i = 0; i < s->primary.count; i++) {
        if (s->primary.items[i] == zone) {
            return true;
        }
    }
    for (int i = 0; i < s->spillover.count; i++) {
        if (s->spillover.items[i] == zone) {
            return true;
        }
    }
    return false;
}

static const char *field_of(const ContentStructure *s, QuizKind kind) {
    return kind == QUIZ_ORIGIN ? s->origin : kind == QUIZ_INSERTION ? s->insertion : s->nerve;
}

/* What the textbooks say (content-facts: sciatic, pudendal, inferior gluteal and posterior
 * femoral cutaneous nerves leave below piriformis; the superior gluteal nerve above it) and
 * the branches that carry fibres which left below (neither right nor plainly wrong). */
static bool leaves_below(const char *base) {
    static const char *const below[] = {"sciatic_nerve", "pudendal_nerve", "inferior_gluteal_nerve",
                                        "posterior_femoral_cutaneous_nerve"};
    for (size_t i = 0; i < sizeof below / sizeof below[0]; i++) {
        if (!strcmp(base, below[i])) {
            return true;
        }
    }
    return false;
}

static bool branch_of_below(const char *base) {
    static const char *const br[] = {"tibial_nerve", "common_fibular_nerve",
                                     "inferior_rectal_nerve", "perineal_nerve", "dorsal_nerve"};
    for (size_t i = 0; i < sizeof br / sizeof br[0]; i++) {
        if (!strcmp(base, br[i])) {
            return true;
        }
    }
    return false;
}

static void check_question(const QuizQuestion *q, unsigned long long seed, int number) {
    char where[256];
    snprintf(where, sizeof where, "seed %llu q%d %s", seed, number, q->item);
    if (q->option_count < 2 || q->option_count > QUIZ_OPTIONS_MAX || q->correct < 0 ||
        q->correct >= q->option_count) {
        fail_msg("%s: %d options, correct %d", where, q->option_count, q->correct);
    }
    for (int i = 0; i < q->option_count; i++) {
        for (int j = i + 1; j < q->option_count; j++) {
            if (!strcmp(q->options[i].label, q->options[j].label) ||
                !strcmp(q->options[i].id, q->options[j].id)) {
                fail_msg("%s: options %d and %d are the same ('%s')", where, i, j,
                         q->options[i].label);
            }
        }
    }
    if (!q->prompt[0] || !q->explanation[0] || content_find_citation(db(), q->citation) < 0) {
        fail_msg("%s: prompt, explanation or citation missing (citation '%s')", where, q->citation);
    }
    if (strchr(q->prompt, '{')) {
        fail_msg("%s: unfilled blank in the prompt: %s", where, q->prompt);
    }
    const QuizOption *right = &q->options[q->correct];
    switch (q->kind) {
        case QUIZ_NAME_STRUCTURE:
        case QUIZ_TAP_STRUCTURE: {
            int s = content_find_structure(db(), q->subject);
            assert_true(s >= 0);
            if (strcmp(right->id, q->subject) || strcmp(right->label, db()->structures[s].name)) {
                fail_msg("%s: right option '%s' is not %s", where, right->label, q->subject);
            }
            for (int i = 0; i < q->option_count; i++) {
                int o = content_find_structure(db(), q->options[i].id);
                if (o < 0 ||
                    (i != q->correct && (!strcmp(q->options[i].id, q->subject) ||
                                         !strcmp(q->options[i].label, db()->structures[s].name)))) {
                    fail_msg("%s: option %d '%s' is wrong or also right", where, i,
                             q->options[i].id);
                }
            }
            if (q->kind == QUIZ_TAP_STRUCTURE) {
                assert_int_equal(q->answer_mode, QUIZ_ANSWER_TAP);
            } else {
                assert_string_equal(q->highlight, q->subject);
            }
            break;
        }
        case QUIZ_ZONE_SOURCE: {
            int z = content_find_zone(db(), q->zone);
            assert_true(z >= 0);
            for (int i = 0; i < q->option_count; i++) {
                int src = content_find_source(db(), q->options[i].id);
                assert_true(src >= 0);
                if (source_refers(src, z) != (i == q->correct)) {
                    fail_msg("%s: option %d %s %s to %s", where, i, q->options[i].id,
                             i == q->correct ? "is marked right but does not refer"
                                             : "is marked wrong but refers",
                             q->zone);
                }
            }
            break;
        }
        case QUIZ_DERMATOME: {
            assert_true(q->has_point);
            int map = ref_map_find(&g_ra.engine, q->map);
            assert_true(map >= 0);
            for (int i = 0; i < q->option_count; i++) {
                int z = content_find_zone(db(), q->options[i].id);
                assert_true(z >= 0);
                assert_string_equal(db()->zones[z].kind, "dermatome");
                float w = ref_zone_weight(&g_ra.engine, z, map, q->point_mm);
                if (i == q->correct ? w < QUIZ_DERM_MIN : w > QUIZ_DERM_OTHER_MAX) {
                    fail_msg("%s: option %s weighs %.2f at the point", where, q->options[i].id,
                             (double)w);
                }
            }
            break;
        }
        case QUIZ_ORIGIN:
        case QUIZ_INSERTION:
        case QUIZ_INNERVATION: {
            int s = content_find_structure(db(), q->subject);
            assert_true(s >= 0);
            const char *truth = field_of(&db()->structures[s], q->kind);
            for (int i = 0; i < q->option_count; i++) {
                int o = content_find_structure(db(), q->options[i].id);
                assert_true(o >= 0);
                const char *text = field_of(&db()->structures[o], q->kind);
                /* each label is that structure's own text (innervation adds the segments) */
                if (!str_has_prefix(q->options[i].label, text)) {
                    fail_msg("%s: option '%s' is not %s's text", where, q->options[i].label,
                             q->options[i].id);
                }
                bool says_truth =
                    str_has_prefix(q->options[i].label, truth) && strcmp(text, truth) == 0;
                if (says_truth != (i == q->correct)) {
                    fail_msg("%s: option %d '%s' right=%d but marked %d", where, i,
                             q->options[i].label, says_truth, i == q->correct);
                }
            }
            break;
        }
        case QUIZ_NERVE_BELOW_PIRIFORMIS: {
            for (int i = 0; i < q->option_count; i++) {
                int o = content_find_structure(db(), q->options[i].id);
                assert_true(o >= 0);
                const char *base = db()->structures[o].base_id;
                if (leaves_below(base) != (i == q->correct) || branch_of_below(base)) {
                    fail_msg("%s: option %s is marked %s", where, base,
                             i == q->correct ? "right" : "wrong");
                }
            }
            break;
        }
        case QUIZ_KIND_COUNT:
            fail_msg("%s: no kind", where);
    }
}

static void test_one_right_answer_that_agrees_with_content(void **state) {
    (void)state;
    QuizQuestion *q = calloc(N, sizeof *q);
    assert_non_null(q);
    int per_kind[QUIZ_KIND_COUNT] = {0};
    for (uint64_t seed = 0; seed < SEEDS; seed++) {
        int n = quiz_generate(&g_data, seed, N, q);
        assert_int_equal(n, N);
        for (int i = 0; i < n; i++) {
            check_question(&q[i], (unsigned long long)seed, i + 1);
            per_kind[q[i].kind]++;
        }
    }
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
        if (per_kind[k] < SEEDS) {
            fail_msg("only %d '%s' questions in %d quizzes", per_kind[k], quiz_kind_id((QuizKind)k),
                     SEEDS);
        }
    }
    free(q);
}

/* Every subject of every kind, not only the ones a seed happens to draw. */
static void test_every_subject(void **state) {
    (void)state;
    QuizRng rng;
    quiz_rng_seed(&rng, 7);
    int made = 0;
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
        int n = quiz_subject_count(&g_data, (QuizKind)k);
        for (int s = 0; s < n; s++) {
            QuizQuestion q;
            if (quiz_make(&g_data, (QuizKind)k, s, &rng, &q)) {
                check_question(&q, 7, s);
                made++;
                /* the item key rebuilds the same question */
                QuizQuestion again;
                assert_true(quiz_make_item(&g_data, q.item, &rng, &again));
                assert_int_equal(again.kind, q.kind);
                assert_string_equal(again.subject, q.subject);
            }
        }
    }
    assert_true(made > 100);
}

static void test_bad_requests(void **state) {
    (void)state;
    QuizRng rng;
    quiz_rng_seed(&rng, 1);
    QuizQuestion q;
    assert_false(quiz_make(&g_data, QUIZ_ORIGIN, -1, &rng, &q));
    assert_false(quiz_make(&g_data, QUIZ_ORIGIN, 100000, &rng, &q));
    assert_false(quiz_make_item(&g_data, "origin:no_such_muscle", &rng, &q));
    assert_false(quiz_make_item(&g_data, "no_such_kind:piriformis_r", &rng, &q));
    assert_false(quiz_make_item(&g_data, "piriformis_r", &rng, &q));
    /* a bone has no origin, a joint cannot be shown */
    assert_false(quiz_make_item(&g_data, "origin:sacrum", &rng, &q));
    assert_false(quiz_make_item(&g_data, "name_structure:si_joint_r", &rng, &q));
    assert_true(quiz_make_item(&g_data, "origin:piriformis_r", &rng, &q));
    assert_int_equal(quiz_kind_find("dermatome"), QUIZ_DERMATOME);
    assert_int_equal(quiz_kind_find("nope"), -1);
    /* without the optional parts those kinds give nothing */
    QuizData bare = g_data;
    bare.skin = NULL;
    bare.exits = NULL;
    assert_int_equal(quiz_subject_count(&bare, QUIZ_DERMATOME), 0);
    assert_int_equal(quiz_subject_count(&bare, QUIZ_NERVE_BELOW_PIRIFORMIS), 0);
    QuizQuestion qs[QUIZ_KIND_COUNT];
    int n = quiz_generate(&bare, 3, QUIZ_KIND_COUNT, qs);
    for (int i = 0; i < n; i++) {
        assert_true(qs[i].kind != QUIZ_DERMATOME && qs[i].kind != QUIZ_NERVE_BELOW_PIRIFORMIS);
    }
}

static void test_rng(void **state) {
    (void)state;
    QuizRng a, b;
    quiz_rng_seed(&a, 123);
    quiz_rng_seed(&b, 123);
    int hist[6] = {0};
    for (int i = 0; i < 6000; i++) {
        uint64_t x = quiz_rng_next(&a);
        assert_true(x == quiz_rng_next(&b));
        int d = quiz_rng_below(&a, 6);
        quiz_rng_below(&b, 6);
        assert_in_range(d, 0, 5);
        hist[d]++;
    }
    for (int i = 0; i < 6; i++) {
        assert_in_range(hist[i], 800, 1200);
    }
    /* the first value of seed 0 is splitmix64's published first output */
    quiz_rng_seed(&a, 0);
    assert_true(quiz_rng_next(&a) == 0xE220A8397B1DCDAFull);
}

/* ---- nerve exits from the shapes ----------------------------------------------------- */

static void test_nerve_exits_match_anatomy(void **state) {
    (void)state;
    const NerveExits *e = &g_sa.exits;
    static const struct {
        const char *id;
        NerveExitKind kind;
    } expect[] = {
        {"sciatic_nerve", NERVE_EXIT_BELOW},
        {"pudendal_nerve", NERVE_EXIT_BELOW},
        {"inferior_gluteal_nerve", NERVE_EXIT_BELOW},
        {"posterior_femoral_cutaneous_nerve", NERVE_EXIT_BELOW},
        {"superior_gluteal_nerve", NERVE_EXIT_ABOVE},
        {"femoral_nerve", NERVE_EXIT_NONE},
        {"obturator_nerve", NERVE_EXIT_NONE},
        {"lateral_femoral_cutaneous_nerve", NERVE_EXIT_NONE},
        {"genitofemoral_nerve", NERVE_EXIT_NONE},
    };
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        const NerveExit *x = nerve_exit_find(e, expect[i].id);
        if (!x || x->kind != expect[i].kind) {
            fail_msg("%s: expected exit kind %d, derived %d", expect[i].id, expect[i].kind,
                     x ? (int)x->kind : -1);
        }
    }
    static const char *const carry[] = {"tibial_nerve", "common_fibular_nerve",
                                        "inferior_rectal_nerve", "perineal_nerve", "dorsal_nerve"};
    for (size_t i = 0; i < sizeof carry / sizeof carry[0]; i++) {
        const NerveExit *x = nerve_exit_find(e, carry[i]);
        assert_non_null(x);
        if (!nerve_exit_carries_below(e, (int)(x - e->items))) {
            fail_msg("%s should count as a branch of a nerve that leaves below", carry[i]);
        }
    }
    const NerveExit *sgn = nerve_exit_find(e, "superior_gluteal_nerve");
    assert_false(nerve_exit_carries_below(e, (int)(sgn - e->items)));
    assert_null(nerve_exit_find(e, "piriformis"));
}

static void test_nerve_exit_bad_input(void **state) {
    (void)state;
    NerveExits x;
    char err[256];
    const char *muscles = "{\"structures\":[{\"id\":\"piriformis\",\"parts\":[{\"tube\":{\"pts\":"
                          "[[0,0,0],[-10,0,-20]]}}]}]}";
    assert_false(
        nerve_exit_derive("{", 1, muscles, strlen(muscles), &g_ra.landmarks, &x, err, sizeof err));
    assert_non_null(strstr(err, "shapes_nerves.json"));
    const char *nerves = "{\"structures\":[{\"id\":\"n\",\"kind\":\"nerve\",\"parts\":[{\"tube\":"
                         "{\"pts\":[\"no_such_landmark\",[0,0,0]]}}]}]}";
    assert_false(nerve_exit_derive(nerves, strlen(nerves), muscles, strlen(muscles),
                                   &g_ra.landmarks, &x, err, sizeof err));
    assert_non_null(strstr(err, "pts[0]"));
    const char *none = "{\"structures\":[]}";
    assert_false(nerve_exit_derive(none, strlen(none), none, strlen(none), &g_ra.landmarks, &x, err,
                                   sizeof err));
    assert_non_null(strstr(err, "piriformis"));
    /* a tiny made-up pelvis: one nerve passes behind the muscle below it, one above */
    const char *two = "{\"structures\":["
                      "{\"id\":\"low\",\"kind\":\"nerve\",\"parts\":[{\"tube\":{\"pts\":"
                      "[[-5,-10,0],[-5,-10,-40]]}}]},"
                      "{\"id\":\"high\",\"kind\":\"nerve\",\"parts\":[{\"tube\":{\"pts\":"
                      "[[-5,10,0],[-5,10,-40]]}}]},"
                      "{\"id\":\"far\",\"kind\":\"nerve\",\"parts\":[{\"tube\":{\"pts\":"
                      "[[-5,300,0],[-5,300,-40]]}}]}]}";
    assert_true(nerve_exit_derive(two, strlen(two), muscles, strlen(muscles), &g_ra.landmarks, &x,
                                  err, sizeof err));
    assert_int_equal(nerve_exit_find(&x, "low")->kind, NERVE_EXIT_BELOW);
    assert_int_equal(nerve_exit_find(&x, "high")->kind, NERVE_EXIT_ABOVE);
    assert_int_equal(nerve_exit_find(&x, "far")->kind, NERVE_EXIT_NONE);
}

/* ---- the words -------------------------------------------------------------------------- */

static void test_english_words_complete(void **state) {
    (void)state;
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/content/en/study.json", dir);
    char *data = NULL;
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc(len + 1);
    assert_int_equal(fread(data, 1, len, f), len);
    fclose(f);
    StudyText t = {0};
    assert_true(study_text_parse(data, len, "study.json", &t, err, sizeof err));
    free(data);
    for (const char *const *k = study_text_required_keys(); *k; k++) {
        if (study_text_get(&t, *k) == *k) {
            fail_msg("content/en/study.json lacks the string '%s'", *k);
        }
    }
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
        char key[64];
        snprintf(key, sizeof key, "kind_%s", quiz_kind_id((QuizKind)k));
        if (!strcmp(study_text_get(&t, key), key)) {
            fail_msg("content/en/study.json lacks the kind name '%s'", key);
        }
    }
    assert_non_null(study_text_point(&t, "key_l4"));
    assert_null(study_text_point(&t, "no_such_point"));
    study_text_free(&t);
}

static void test_text_parse_errors_and_fallback(void **state) {
    (void)state;
    StudyText t = {0};
    char err[256];
    assert_false(study_text_parse("[", 1, "x.json", &t, err, sizeof err));
    assert_non_null(strstr(err, "x.json"));
    const char *bad_schema = "{\"schema\":2,\"strings\":{}}";
    assert_false(study_text_parse(bad_schema, strlen(bad_schema), "x.json", &t, err, sizeof err));
    assert_non_null(strstr(err, "schema"));
    const char *not_string = "{\"schema\":1,\"strings\":{\"a\":3}}";
    assert_false(study_text_parse(not_string, strlen(not_string), "x.json", &t, err, sizeof err));
    assert_non_null(strstr(err, "strings.a"));
    assert_int_equal(t.string_count, 0);
    /* the first file's words win; the second fills the gaps */
    const char *es = "{\"schema\":1,\"strings\":{\"next\":\"Siguiente\"}}";
    const char *en = "{\"schema\":1,\"strings\":{\"next\":\"Next\",\"check\":\"Check\"}}";
    assert_true(study_text_parse(es, strlen(es), "es", &t, err, sizeof err));
    assert_true(study_text_parse(en, strlen(en), "en", &t, err, sizeof err));
    assert_string_equal(study_text_get(&t, "next"), "Siguiente");
    assert_string_equal(study_text_get(&t, "check"), "Check");
    assert_string_equal(study_text_get(&t, "missing"), "missing");
    study_text_free(&t);
}

static void test_format(void **state) {
    (void)state;
    char out[64];
    const char *names[2] = {"a", "bb"};
    const char *values[2] = {"X", "long value"};
    assert_true(study_format(out, sizeof out, "{bb} then {a}, {c} stays", names, values, 2));
    assert_string_equal(out, "long value then X, {c} stays");
    assert_true(study_format(out, sizeof out, "no blanks { here", names, values, 2));
    assert_string_equal(out, "no blanks { here");
    /* cut, but never inside a UTF-8 sequence ("é" is two bytes) */
    char small[6];
    const char *v[1] = {"\xC3\xA9\xC3\xA9\xC3\xA9"};
    const char *nm[1] = {"x"};
    assert_false(study_format(small, sizeof small, "{x}", nm, v, 1));
    assert_string_equal(small, "\xC3\xA9\xC3\xA9");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_quiz),
        cmocka_unit_test(test_different_seeds_differ),
        cmocka_unit_test(test_every_kind_appears),
        cmocka_unit_test(test_one_right_answer_that_agrees_with_content),
        cmocka_unit_test(test_every_subject),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_rng),
        cmocka_unit_test(test_nerve_exits_match_anatomy),
        cmocka_unit_test(test_nerve_exit_bad_input),
        cmocka_unit_test(test_english_words_complete),
        cmocka_unit_test(test_text_parse_errors_and_fallback),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
