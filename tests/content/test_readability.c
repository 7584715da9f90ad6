/* Readability: our syllable counter and Flesch-Kincaid grade on known words and sentences,
 * then every patient-facing text of the shipped content at grade 8 or below; the Spanish
 * syllable counter and Szigriszt-Pazos perspicuity (INFLESZ), then the Spanish patient
 * texts: fairly easy on average, none very hard. */
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
/* INFLESZ: a floor for any patient sentence of 6 words or more, and the average wanted */
#define MIN_INFLESZ      35.0
#define MIN_INFLESZ_MEAN 65.0

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

static void test_syllables_es(void **state) {
    (void)state;
    static const struct {
        const char *word;
        int want;
    } cases[] = {
        {"músculo", 3},      {"piriforme", 4},      {"caída", 3},  {"oído", 3},
        {"cuidado", 3},      {"queso", 2},          {"guerra", 2}, {"vergüenza", 3},
        {"pingüino", 3},     {"ciática", 3},        {"raíz", 2},   {"día", 2},
        {"aire", 2},         {"país", 2},           {"y", 1},      {"muy", 1},
        {"ayuda", 3},        {"leer", 2},           {"poeta", 3},  {"sacroilíaca", 5},
        {"Articulación", 5}, {"adormecimiento", 6}, {"ÍNDICE", 3}, {"niño", 2},
        {"ahí", 2},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = text_syllables_es(cases[i].word, (int)strlen(cases[i].word));
        if (got != cases[i].want) {
            print_error("%s: want %d syllables, got %d\n", cases[i].word, cases[i].want, got);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_int_equal(text_syllables_es("", 0), 0);
    TextStats st = text_stats_es("El gato se sentó. ¿Está bien?");
    assert_int_equal(st.words, 6);
    assert_int_equal(st.sentences, 2);
    assert_int_equal(st.syllables, 9);
    /* 206.835 - 62.3 * 9/6 - 6/2 */
    assert_float_equal(text_inflesz("El gato se sentó. ¿Está bien?"), 110.385, 1e-9);
    assert_true(text_inflesz("La radiculopatía lumbosacra compromete la vascularización "
                             "intrarradicular considerablemente.") < 20.0);
    assert_float_equal(text_inflesz(""), 0.0, 1e-12);
}

static void test_patient_texts_es(void **state) {
    (void)state;
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    assert_non_null(dir);
    RefAssets a;
    ContentDiag diag = {0};
    ref_assets_load(dir, "es", NULL, 0, &a, &diag);
    content_diag_free(&diag);
    const ContentDb *db = &a.content;
    const char *texts[1024];
    int n = 0;
    for (int i = 0; i < db->structure_count && n < 1024; i++) {
        texts[n++] = db->structures[i].patient_text;
    }
    for (int i = 0; i < db->zone_count && n < 1024; i++) {
        texts[n++] = db->zones[i].text;
    }
    for (int i = 0; i < db->source_count; i++) {
        const ContentSource *s = &db->sources[i];
        if (n + 1 + CONTENT_PHASE_COUNT > 1024) {
            break;
        }
        texts[n++] = s->summary_patient;
        for (int p = 0; p < CONTENT_PHASE_COUNT; p++) {
            texts[n++] = s->captions[p];
        }
    }
    for (int g = 0; g < db->redflag_group_count; g++) {
        const ContentRedFlagGroup *gr = &db->redflag_groups[g];
        for (int k = -1; k < gr->item_count && n < 1024; k++) {
            texts[n++] = k < 0 ? gr->action : gr->items[k].text;
        }
    }
    if (n < 1024) {
        texts[n++] = db->meta.disclaimer;
    }
    int counted = 0, bad = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (!texts[i] || text_stats_es(texts[i]).words < 6) {
            continue;
        }
        double v = text_inflesz(texts[i]);
        sum += v;
        counted++;
        if (v < MIN_INFLESZ) {
            print_error("INFLESZ %.1f < %.0f: %s\n", v, MIN_INFLESZ, texts[i]);
            bad++;
        }
    }
    assert_true(counted > 200);
    print_message("  %d Spanish patient texts, mean INFLESZ %.1f\n", counted, sum / counted);
    assert_true(sum / counted >= MIN_INFLESZ_MEAN);
    assert_int_equal(bad, 0);
    ref_assets_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syllables),        cmocka_unit_test(test_grade),
        cmocka_unit_test(test_patient_texts),    cmocka_unit_test(test_syllables_es),
        cmocka_unit_test(test_patient_texts_es),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
