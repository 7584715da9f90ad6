/* Readability: our syllable counter and Flesch-Kincaid grade on known words and sentences,
 * then every patient-facing text of the shipped content at grade 8 or below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/readability.h"
#include "referral/ref_assets.h"

#define MAX_GRADE 8.0

static void test_syllables(void **state) {
    (void)state;
    static const struct {
        const char *word;
        int want;
    } cases[] = {
        {"the", 1},    {"pain", 1},    {"stool", 1},  {"make", 1},       {"used", 1},
        {"muscle", 2}, {"buttock", 2}, {"table", 2},  {"needed", 2},     {"patient", 2},
        {"boxes", 2},  {"urine", 2},   {"region", 2}, {"nation", 2},     {"referral", 3},
        {"medial", 3}, {"periods", 3}, {"area", 3},   {"piriformis", 4}, {"osteoporosis", 6},
        {"every", 3},  {"you", 1},     {"yes", 1},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = text_syllables(cases[i].word, (int)strlen(cases[i].word));
        if (got != cases[i].want) {
            print_error("%s: want %d syllables, got %d\n", cases[i].word, cases[i].want, got);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_int_equal(text_syllables("", 0), 0);
}

static void test_grade(void **state) {
    (void)state;
    TextStats st = text_stats("The cat sat on the mat. It was warm!");
    assert_int_equal(st.words, 9);
    assert_int_equal(st.sentences, 2);
    assert_int_equal(st.syllables, 9);
    /* 0.39 * 4.5 + 11.8 * 1 - 15.59 */
    assert_float_equal(text_fk_grade("The cat sat on the mat. It was warm!"), -2.035, 1e-9);
    assert_true(text_fk_grade("Intervertebral foraminal stenosis compromises radicular "
                              "vascularization considerably.") > 16.0);
    assert_float_equal(text_fk_grade(""), 0.0, 1e-12);
    /* no final full stop still makes one sentence */
    assert_int_equal(text_stats("Deep buttock muscle").sentences, 1);
}

static int g_bad;

static void check(const char *what, const char *id, const char *text) {
    if (!text || !text[0]) {
        return;
    }
    double grade = text_fk_grade(text);
    if (grade > MAX_GRADE) {
        print_error("%s %s: grade %.1f > %.0f: %s\n", what, id, grade, MAX_GRADE, text);
        g_bad++;
    }
}

static void test_patient_texts(void **state) {
    (void)state;
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    assert_non_null(dir);
    RefAssets a;
    ContentDiag diag = {0};
    ref_assets_load(dir, "en", NULL, 0, &a, &diag);
    content_diag_free(&diag);
    const ContentDb *db = &a.content;
    assert_true(db->structure_count > 0 && db->source_count > 0);
    g_bad = 0;
    for (int i = 0; i < db->structure_count; i++) {
        check("structure plain_name", db->structures[i].id, db->structures[i].plain_name);
        check("structure patient_text", db->structures[i].id, db->structures[i].patient_text);
    }
    for (int i = 0; i < db->zone_count; i++) {
        check("zone plain_name", db->zones[i].id, db->zones[i].plain_name);
    }
    for (int i = 0; i < db->source_count; i++) {
        const ContentSource *s = &db->sources[i];
        check("source plain_name", s->id, s->plain_name);
        check("source summary_patient", s->id, s->summary_patient);
        for (int p = 0; p < CONTENT_PHASE_COUNT; p++) {
            check("source caption", s->id, s->captions[p]);
        }
    }
    int items = 0;
    for (int g = 0; g < db->redflag_group_count; g++) {
        const ContentRedFlagGroup *gr = &db->redflag_groups[g];
        check("red flag title", gr->id, gr->title);
        check("red flag action", gr->id, gr->action);
        for (int k = 0; k < gr->item_count; k++) {
            check("red flag item", gr->items[k].id, gr->items[k].text);
            items++;
        }
    }
    assert_true(items > 0);
    assert_non_null(db->meta.disclaimer);
    assert_true(db->meta.disclaimer[0] != '\0');
    check("disclaimer", "meta", db->meta.disclaimer);
    ref_assets_free(&a);
    assert_int_equal(g_bad, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syllables),
        cmocka_unit_test(test_grade),
        cmocka_unit_test(test_patient_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
