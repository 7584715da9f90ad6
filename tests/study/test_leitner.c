/* Spaced repetition: Leitner boxes move up on a right answer and back to box 1 on a miss,
 * due items come out lowest box first, the progress file round-trips, refuses damage with
 * a path and a reason, is written atomically with mode 0600; and a study sitting asks due
 * items first, keeps score and brings a miss back a few questions later. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "referral/ref_assets.h"
#include "study/leitner.h"
#include "study/study_assets.h"
#include "study/study_session.h"

static void test_intervals_and_days(void **state) {
    (void)state;
    static const int expect[] = {0, 1, 3, 7, 21};
    for (int b = 1; b <= LEITNER_BOXES; b++) {
        assert_int_equal(leitner_interval_days(b), expect[b - 1]);
    }
    assert_int_equal(leitner_interval_days(0), 0);
    assert_int_equal(leitner_interval_days(99), 21);
    assert_int_equal(leitner_day_from_unix(0), 0);
    assert_int_equal(leitner_day_from_unix(86399), 0);
    assert_int_equal(leitner_day_from_unix(86400), 1);
    assert_int_equal(leitner_day_from_unix(-1), -1);
    assert_int_equal(leitner_day_from_unix(1763856000LL), 20415); /* 2025-11-23 */
}

static void test_boxes_move(void **state) {
    (void)state;
    Leitner l;
    leitner_init(&l);
    long day = 100;
    /* right, right, right: boxes 2, 3, 4, due after 1, 3, 7 days */
    assert_true(leitner_record(&l, "origin:piriformis_r", true, day));
    const LeitnerItem *it = leitner_find(&l, "origin:piriformis_r");
    assert_non_null(it);
    assert_int_equal(it->box, 2);
    assert_int_equal(it->due_day, day + 1);
    assert_false(leitner_is_due(&l, "origin:piriformis_r", day));
    assert_true(leitner_is_due(&l, "origin:piriformis_r", day + 1));
    assert_true(leitner_record(&l, "origin:piriformis_r", true, day + 1));
    assert_int_equal(it->box, 3);
    assert_int_equal(it->due_day, day + 4);
    assert_true(leitner_record(&l, "origin:piriformis_r", true, day + 4));
    assert_int_equal(it->box, 4);
    assert_int_equal(it->due_day, day + 11);
    /* a miss: back to box 1, due the same day (it comes back sooner) */
    assert_true(leitner_record(&l, "origin:piriformis_r", false, day + 11));
    assert_int_equal(it->box, 1);
    assert_int_equal(it->due_day, day + 11);
    assert_int_equal(it->seen, 4);
    assert_int_equal(it->missed, 1);
    /* the top box holds */
    for (int i = 0; i < 10; i++) {
        leitner_record(&l, "x:y", true, day);
    }
    assert_int_equal(leitner_find(&l, "x:y")->box, LEITNER_BOXES);
    assert_int_equal(leitner_find(&l, "x:y")->due_day, day + 21);
    /* a new item missed at once is due at once */
    assert_true(leitner_record(&l, "new:item", false, day));
    assert_true(leitner_is_due(&l, "new:item", day));
    assert_false(leitner_is_due(&l, "never:seen", day));
    assert_false(leitner_record(&l, "", true, day));
    char longkey[LEITNER_ITEM_MAX + 8];
    memset(longkey, 'k', sizeof longkey - 1);
    longkey[sizeof longkey - 1] = '\0';
    assert_false(leitner_record(&l, longkey, true, day));
    leitner_free(&l);
}

static void test_due_order(void **state) {
    (void)state;
    Leitner l;
    leitner_init(&l);
    leitner_record(&l, "b:missed", false, 10); /* box 1, due 10 */
    leitner_record(&l, "a:known", true, 5);    /* box 2, due 6 */
    leitner_record(&l, "c:missed", false, 8);  /* box 1, due 8 */
    leitner_record(&l, "d:later", true, 10);   /* box 2, due 11: not due */
    leitner_record(&l, "e:missed", false, 8);  /* box 1, due 8 */
    const char *due[8];
    int n = leitner_due(&l, 10, due, 8);
    assert_int_equal(n, 4);
    assert_string_equal(due[0], "c:missed"); /* box 1, longest overdue, then by key */
    assert_string_equal(due[1], "e:missed");
    assert_string_equal(due[2], "b:missed");
    assert_string_equal(due[3], "a:known");
    assert_int_equal(leitner_due(&l, 10, due, 2), 4); /* the total, even past cap */
    assert_int_equal(leitner_due(&l, 0, due, 8), 0);
    leitner_free(&l);
}

static void test_json_round_trip(void **state) {
    (void)state;
    Leitner l, back;
    leitner_init(&l);
    leitner_init(&back);
    leitner_record(&l, "dermatome:key_l4_r", true, 20000);
    leitner_record(&l, "zone_source:zone_buttock_l", false, 20001);
    leitner_record(&l, "zone_source:zone_buttock_l", true, 20002);
    char *text = leitner_to_json(&l);
    assert_non_null(text);
    char err[256];
    assert_true(leitner_parse(text, strlen(text), "p.json", &back, err, sizeof err));
    assert_int_equal(back.count, 2);
    for (int i = 0; i < l.count; i++) {
        const LeitnerItem *a = &l.items[i], *b = leitner_find(&back, a->item);
        assert_non_null(b);
        assert_int_equal(a->box, b->box);
        assert_int_equal(a->due_day, b->due_day);
        assert_int_equal(a->last_day, b->last_day);
        assert_int_equal(a->seen, b->seen);
        assert_int_equal(a->missed, b->missed);
    }
    free(text);
    leitner_free(&l);
    leitner_free(&back);
}

static void test_parse_refuses_damage(void **state) {
    (void)state;
    static const struct {
        const char *json, *msg;
    } cases[] = {
        {"{", "not valid JSON"},
        {"[]", "expected an object"},
        {"{\"schema\":2,\"items\":[]}", "schema"},
        {"{\"schema\":1}", "items"},
        {"{\"schema\":1,\"items\":[{\"item\":\"\",\"box\":1,\"due_day\":1,\"last_day\":1,"
         "\"seen\":1,\"missed\":0}]}",
         "items[0].item"},
        {"{\"schema\":1,\"items\":[{\"item\":\"a:b\",\"box\":0,\"due_day\":1,\"last_day\":1,"
         "\"seen\":1,\"missed\":0}]}",
         "items[0].box"},
        {"{\"schema\":1,\"items\":[{\"item\":\"a:b\",\"box\":6,\"due_day\":1,\"last_day\":1,"
         "\"seen\":1,\"missed\":0}]}",
         "items[0].box"},
        {"{\"schema\":1,\"items\":[{\"item\":\"a:b\",\"box\":1,\"due_day\":1.5,\"last_day\":1,"
         "\"seen\":1,\"missed\":0}]}",
         "whole days"},
        {"{\"schema\":1,\"items\":[{\"item\":\"a:b\",\"box\":1,\"due_day\":1,\"last_day\":1,"
         "\"seen\":1,\"missed\":2}]}",
         "missed <= seen"},
        {"{\"schema\":1,\"items\":[{\"item\":\"a:b\",\"box\":1,\"due_day\":1,\"last_day\":1,"
         "\"seen\":1,\"missed\":0},{\"item\":\"a:b\",\"box\":1,\"due_day\":1,\"last_day\":1,"
         "\"seen\":1,\"missed\":0}]}",
         "listed twice"},
    };
    Leitner l;
    leitner_init(&l);
    leitner_record(&l, "keep:me", true, 1);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        if (leitner_parse(cases[i].json, strlen(cases[i].json), "p.json", &l, err, sizeof err)) {
            fail_msg("case %zu parsed: %s", i, cases[i].json);
        }
        if (!strstr(err, cases[i].msg) || strncmp(err, "p.json", 6) != 0) {
            fail_msg("case %zu: expected '%s' in the message, got '%s'", i, cases[i].msg, err);
        }
        assert_non_null(leitner_find(&l, "keep:me")); /* out untouched */
    }
    leitner_free(&l);
}

static void test_file_private_and_atomic(void **state) {
    (void)state;
    char dir[] = "/tmp/painmap-study-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, LEITNER_FILE_NAME);
    Leitner l;
    leitner_init(&l);
    /* no file yet: a fresh start */
    assert_true(leitner_load(path, &l, err, sizeof err));
    assert_int_equal(l.count, 0);
    leitner_record(&l, "origin:iliacus_l", false, 42);
    mode_t old = umask(0);
    bool saved = leitner_save(path, &l, err, sizeof err);
    umask(old);
    assert_true(saved);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_not_equal(access(tmp, F_OK), 0);
    Leitner back;
    leitner_init(&back);
    assert_true(leitner_load(path, &back, err, sizeof err));
    assert_int_equal(back.count, 1);
    assert_int_equal(leitner_find(&back, "origin:iliacus_l")->missed, 1);
    /* a damaged file is refused with its path; the last good one is never half-overwritten */
    const char junk[] = "{\"schema\":1,\"items\":[";
    char damaged[300];
    snprintf(damaged, sizeof damaged, "%s/damaged.json", dir);
    assert_true(file_write_atomic(damaged, junk, sizeof junk - 1, err, sizeof err));
    assert_false(leitner_load(damaged, &back, err, sizeof err));
    assert_non_null(strstr(err, "damaged.json"));
    assert_int_equal(back.count, 0);
    /* a folder where the file should be cannot be written */
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_false(leitner_save(sub, &l, err, sizeof err));
    rmdir(sub);
    remove(damaged);
    remove(path);
    rmdir(dir);
    leitner_free(&l);
    leitner_free(&back);
}

/* ---- a sitting ------------------------------------------------------------------------ */

static RefAssets g_ra;
static StudyAssets g_sa;
static QuizData g_data;

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
    if (!ok || !study_assets_load(dir, "en", &g_ra.landmarks, &g_sa, err, sizeof err)) {
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

static int wrong_option(const QuizQuestion *q) {
    return (q->correct + 1) % q->option_count;
}

static void test_session_due_first_and_retry(void **state) {
    (void)state;
    Leitner srs;
    leitner_init(&srs);
    long today = 500;
    leitner_record(&srs, "origin:gluteus_medius_l", false, today - 3); /* box 1: due */
    leitner_record(&srs, "dermatome:key_l4_r", true, today - 1);       /* box 2: due today */
    leitner_record(&srs, "insertion:piriformis_r", true, today);       /* due tomorrow */
    StudySession s = {0};
    assert_true(study_session_start(&s, &g_data, &srs, today, 9, 8));
    assert_int_equal(s.count, 8);
    assert_string_equal(s.queue[0].item, "origin:gluteus_medius_l");
    assert_string_equal(s.queue[1].item, "dermatome:key_l4_r");
    for (int i = 2; i < s.count; i++) {
        assert_string_not_equal(s.queue[i].item, "insertion:piriformis_r");
    }
    /* miss the first: it comes back after STUDY_RETRY_AFTER others, options reshuffled */
    const QuizQuestion *q = study_session_current(&s);
    char first[QUIZ_ITEM_MAX];
    snprintf(first, sizeof first, "%s", q->item);
    char right_id[QUIZ_ID_MAX];
    snprintf(right_id, sizeof right_id, "%s", q->options[q->correct].id);
    assert_false(study_session_answer(&s, wrong_option(q), &srs, today));
    assert_true(s.answered);
    assert_false(study_session_answer(&s, q->correct, &srs, today)); /* once only */
    assert_int_equal(s.asked, 1);
    assert_int_equal(s.right, 0);
    study_session_next(&s);
    assert_int_equal(s.count, 9);
    assert_string_equal(s.queue[1 + STUDY_RETRY_AFTER].item, first);
    const QuizQuestion *again = &s.queue[1 + STUDY_RETRY_AFTER];
    assert_string_equal(again->options[again->correct].id, right_id);
    /* answer everything right from here on; the retried one does not come a third time */
    int asked = 1;
    while (!study_session_done(&s)) {
        q = study_session_current(&s);
        if (q->answer_mode == QUIZ_ANSWER_TAP) {
            assert_true(study_session_answer_tap(&s, q->options[q->correct].id, &srs, today));
        } else {
            assert_true(study_session_answer(&s, q->correct, &srs, today));
        }
        study_session_next(&s);
        asked++;
    }
    assert_int_equal(asked, 9);
    assert_int_equal(s.asked, 9);
    assert_int_equal(s.right, 8);
    assert_null(study_session_current(&s));
    /* the miss then the right answer: box 2 */
    assert_int_equal(leitner_find(&srs, first)->box, 2);
    assert_int_equal(leitner_find(&srs, first)->missed, 2);
    study_session_free(&s);
    leitner_free(&srs);
}

static void test_session_taps(void **state) {
    (void)state;
    StudySession s = {0};
    /* find a sitting with a tap question */
    bool found = false;
    for (uint64_t seed = 0; seed < 20 && !found; seed++) {
        assert_true(study_session_start(&s, &g_data, NULL, 0, seed, 8));
        for (; !study_session_done(&s); study_session_next(&s)) {
            const QuizQuestion *q = study_session_current(&s);
            if (q->answer_mode != QUIZ_ANSWER_TAP) {
                continue;
            }
            found = true;
            /* a tap on something that is not among the options is still an answer */
            assert_false(study_session_answer_tap(&s, "femur_r_not_listed", NULL, 0));
            assert_int_equal(s.chosen, -1);
            assert_string_equal(s.tapped, "femur_r_not_listed");
            assert_int_equal(s.asked, 1);
            break;
        }
    }
    assert_true(found);
    /* a tap does not answer a choice question */
    assert_true(study_session_start(&s, &g_data, NULL, 0, 1, 8));
    for (; !study_session_done(&s); study_session_next(&s)) {
        if (study_session_current(&s)->answer_mode == QUIZ_ANSWER_CHOICE) {
            assert_false(study_session_answer_tap(&s, "piriformis_r", NULL, 0));
            assert_false(s.answered);
            assert_false(study_session_answer(&s, 99, NULL, 0));
            assert_false(s.answered);
            break;
        }
    }
    study_session_free(&s);
    /* nothing to ask */
    assert_false(study_session_start(&s, &g_data, NULL, 0, 1, 0));
    study_session_free(&s);
}

static void test_session_same_seed_same_sitting(void **state) {
    (void)state;
    StudySession a = {0}, b = {0};
    assert_true(study_session_start(&a, &g_data, NULL, 0, 77, 10));
    assert_true(study_session_start(&b, &g_data, NULL, 0, 77, 10));
    assert_int_equal(a.count, b.count);
    for (int i = 0; i < a.count; i++) {
        assert_string_equal(a.queue[i].item, b.queue[i].item);
        assert_int_equal(a.queue[i].correct, b.queue[i].correct);
    }
    study_session_free(&a);
    study_session_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intervals_and_days),
        cmocka_unit_test(test_boxes_move),
        cmocka_unit_test(test_due_order),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_parse_refuses_damage),
        cmocka_unit_test(test_file_private_and_atomic),
        cmocka_unit_test(test_session_due_first_and_retry),
        cmocka_unit_test(test_session_taps),
        cmocka_unit_test(test_session_same_seed_same_sitting),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
