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
#include "core/paths.h"

static char g_dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/painmap-fileio-XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_write_then_read(void **state) {
    (void)state;
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/a.txt", g_dir);
    assert_true(file_write_atomic(path, "hello", 5, err, sizeof err));
    assert_true(file_write_atomic(path, "world!", 6, err, sizeof err));
    char *data = NULL;
    size_t len = 0;
    assert_true(file_read_all(path, &data, &len, err, sizeof err));
    assert_int_equal(len, 6);
    assert_string_equal(data, "world!");
    free(data);
    char tmp[320];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_false(file_is_regular(tmp));
}

static void test_failed_write_keeps_old_file(void **state) {
    (void)state;
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/keep.txt", g_dir);
    assert_true(file_write_atomic(path, "old", 3, err, sizeof err));
    /* a directory where the temporary file must go makes the write fail */
    char tmp[320];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(mkdir(tmp, 0700), 0);
    assert_false(file_write_atomic(path, "new", 3, err, sizeof err));
    assert_non_null(strstr(err, "keep.txt"));
    char *data = NULL;
    size_t len = 0;
    assert_true(file_read_all(path, &data, &len, err, sizeof err));
    assert_string_equal(data, "old");
    free(data);
    rmdir(tmp);
}

static void test_read_errors_name_the_file(void **state) {
    (void)state;
    char path[300], err[512];
    char *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/missing.json", g_dir);
    assert_false(file_read_all(path, &data, &len, err, sizeof err));
    assert_non_null(strstr(err, "missing.json"));
    assert_null(data);
    assert_false(file_read_all(g_dir, &data, &len, err, sizeof err));
    assert_non_null(strstr(err, "is a directory"));
}

static void test_paths(void **state) {
    (void)state;
    char out[4096], err[8192];
    unsetenv("PAINMAP_ASSETS_DIR");
    assert_false(
        paths_find_assets("/no/such/painmap/assets", "/tmp", out, sizeof out, err, sizeof err));
    assert_non_null(strstr(err, "/no/such/painmap/assets"));
    assert_true(paths_find_assets(g_dir, "/tmp", out, sizeof out, err, sizeof err));
    assert_string_equal(out, g_dir);
    char assets[300];
    snprintf(assets, sizeof assets, "%s/assets", g_dir);
    assert_int_equal(mkdir(assets, 0700), 0);
    assert_true(paths_find_assets(NULL, g_dir, out, sizeof out, err, sizeof err));
    assert_string_equal(out, assets);
    assert_false(paths_find_assets(NULL, "/no/such", out, sizeof out, err, sizeof err));
    assert_non_null(strstr(err, "--assets-dir"));
    rmdir(assets);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_then_read),
        cmocka_unit_test(test_failed_write_keeps_old_file),
        cmocka_unit_test(test_read_errors_name_the_file),
        cmocka_unit_test(test_paths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
