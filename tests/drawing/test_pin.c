/* Therapist PIN: Argon2id hashes that verify and refuse, the private PIN file, damaged and
 * missing files, and the back-off schedule after wrong tries. */
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
#include "core/pin.h"

static char g_dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/painmap-pin-XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_valid(void **state) {
    (void)state;
    assert_true(pin_is_valid("1234"));
    assert_true(pin_is_valid("123456789012"));
    assert_false(pin_is_valid("123"));
    assert_false(pin_is_valid("1234567890123"));
    assert_false(pin_is_valid("12a4"));
    assert_false(pin_is_valid(" 1234"));
    assert_false(pin_is_valid(""));
    assert_false(pin_is_valid(NULL));
    char hash[PIN_HASH_MAX], err[256];
    assert_false(pin_hash("12", hash, sizeof hash, err, sizeof err));
    assert_string_equal(err, "a PIN is 4 to 12 digits");
}

static void test_hash_verify(void **state) {
    (void)state;
    char a[PIN_HASH_MAX], b[PIN_HASH_MAX], err[256];
    assert_true(pin_hash("4711", a, sizeof a, err, sizeof err));
    assert_true(pin_hash("4711", b, sizeof b, err, sizeof err));
    assert_true(strncmp(a, "$argon2id$", 10) == 0);
    assert_string_not_equal(a, b); /* salted */
    assert_null(strstr(a, "4711"));
    assert_true(pin_hash_verify(a, "4711"));
    assert_true(pin_hash_verify(b, "4711"));
    assert_false(pin_hash_verify(a, "4712"));
    assert_false(pin_hash_verify(a, "47110"));
    assert_false(pin_hash_verify("garbage", "4711"));
}

static void test_file(void **state) {
    (void)state;
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/pin", g_dir);
    assert_false(pin_is_set(path));
    assert_int_equal(pin_check(path, "1234", err, sizeof err), PIN_NOT_SET);
    assert_true(pin_set(path, "246810", err, sizeof err));
    assert_true(pin_is_set(path));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *data = NULL;
    size_t len = 0;
    assert_true(file_read_all(path, &data, &len, err, sizeof err));
    assert_null(strstr(data, "246810"));
    assert_true(strncmp(data, "$argon2id$", 10) == 0);
    free(data);
    assert_int_equal(pin_check(path, "246810", err, sizeof err), PIN_MATCH);
    assert_int_equal(pin_check(path, "246811", err, sizeof err), PIN_WRONG);
    assert_int_equal(pin_check(path, "", err, sizeof err), PIN_WRONG);
    assert_int_equal(pin_check(path, "abcd", err, sizeof err), PIN_WRONG);
    /* a new PIN replaces the old one */
    assert_true(pin_set(path, "1357", err, sizeof err));
    assert_int_equal(pin_check(path, "246810", err, sizeof err), PIN_WRONG);
    assert_int_equal(pin_check(path, "1357", err, sizeof err), PIN_MATCH);
    /* an invalid PIN is refused and the file kept */
    assert_false(pin_set(path, "12", err, sizeof err));
    assert_int_equal(pin_check(path, "1357", err, sizeof err), PIN_MATCH);
    /* damaged files */
    const char *bad[] = {"", "1357\n", "$argon2i$v=19$m=4096,t=3,p=1$abc$def\n", "$argon2id$"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_true(file_write_atomic(path, bad[i], strlen(bad[i]), err, sizeof err));
        PinCheck r = pin_check(path, "1357", err, sizeof err);
        if (i < 3) {
            assert_int_equal(r, PIN_FAILED);
            assert_non_null(strstr(err, "not a PIN hash"));
        } else {
            assert_true(r == PIN_WRONG || r == PIN_FAILED); /* a prefix alone never matches */
        }
    }
    /* a folder where the file should be */
    char dir[320];
    snprintf(dir, sizeof dir, "%s/pin_dir", g_dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(pin_check(dir, "1357", err, sizeof err), PIN_NOT_SET);
}

static void test_backoff(void **state) {
    (void)state;
    const int want[][2] = {{0, 0},   {1, 0},   {4, 0},    {5, 30},   {6, 60},    {7, 120},
                           {8, 240}, {9, 480}, {10, 900}, {11, 900}, {100, 900}, {-1, 0}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int got = pin_backoff_sec(want[i][0]);
        if (got != want[i][1]) {
            fail_msg("after %d wrong tries: expected %d s, got %d s", want[i][0], want[i][1], got);
        }
    }
    PinGuard g;
    pin_guard_init(&g);
    double t = 100.0;
    for (int i = 0; i < 4; i++) {
        pin_guard_record(&g, false, t);
        assert_true(pin_guard_wait_sec(&g, t) == 0.0);
    }
    pin_guard_record(&g, false, t); /* the fifth wrong PIN */
    assert_true(pin_guard_wait_sec(&g, t) == 30.0);
    assert_true(pin_guard_wait_sec(&g, t + 10.0) == 20.0);
    assert_true(pin_guard_wait_sec(&g, t + 31.0) == 0.0);
    pin_guard_record(&g, false, t + 31.0);
    assert_true(pin_guard_wait_sec(&g, t + 31.0) == 60.0);
    pin_guard_record(&g, true, t + 100.0);
    assert_int_equal(g.wrong, 0);
    assert_true(pin_guard_wait_sec(&g, t + 100.0) == 0.0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_hash_verify),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_backoff),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
