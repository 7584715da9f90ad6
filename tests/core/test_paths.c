/* paths: the data folder (--data-dir, PAINMAP_DATA_DIR), its layout, the order in which the
 * overrides win, the install layout beside the program, and the messages for missing,
 * misplaced and unreadable folders and files. */
#define _XOPEN_SOURCE 700
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

#include "core/paths.h"

static char g_dir[256];

static void clear_env(void) {
    unsetenv("PAINMAP_ASSETS_DIR");
    unsetenv("PAINMAP_SHADERS_DIR");
    unsetenv("PAINMAP_MODEL");
    unsetenv("PAINMAP_DATA_DIR");
    paths_set_data_dir(NULL);
}

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/painmap-paths-XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", g_dir, g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int before_each(void **state) {
    (void)state;
    clear_env();
    return 0;
}

/* g_dir/<rel>, written to out (a static buffer per call site is enough here). */
static const char *at(char *out, size_t cap, const char *rel) {
    int n = snprintf(out, cap, "%s/%s", g_dir, rel);
    assert_true(n > 0 && (size_t)n < cap);
    return out;
}

static void make_dir(const char *rel) {
    char p[512];
    assert_int_equal(mkdir(at(p, sizeof p, rel), 0700), 0);
}

static void make_file(const char *rel) {
    char p[512];
    FILE *f = fopen(at(p, sizeof p, rel), "wb");
    assert_non_null(f);
    fputs("x", f);
    fclose(f);
}

/* A complete data folder g_dir/<name>: assets/, shaders/mesh.vert, body.glb. */
static void make_data_dir(const char *name) {
    char p[512];
    make_dir(name);
    snprintf(p, sizeof p, "%s/assets", name);
    make_dir(p);
    snprintf(p, sizeof p, "%s/shaders", name);
    make_dir(p);
    snprintf(p, sizeof p, "%s/shaders/mesh.vert", name);
    make_file(p);
    snprintf(p, sizeof p, "%s/body.glb", name);
    make_file(p);
}

typedef struct {
    bool ok[3];
    char assets[4096], shaders[4096], model[4096];
    char err[3][8192];
} Found;

static void find_all(const char *cli_assets, const char *cli_model, const char *exe_dir, Found *f) {
    memset(f, 0, sizeof *f);
    f->ok[0] = paths_find_assets(cli_assets, exe_dir, f->assets, sizeof f->assets, f->err[0],
                                 sizeof f->err[0]);
    f->ok[1] = paths_find_shaders(f->ok[0] ? f->assets : "/no/such", exe_dir, f->shaders,
                                  sizeof f->shaders, f->err[1], sizeof f->err[1]);
    f->ok[2] = paths_find_model(cli_model, f->ok[0] ? f->assets : "/no/such", exe_dir, f->model,
                                sizeof f->model, f->err[2], sizeof f->err[2]);
}

/* The same file or folder, however the path is spelt. */
static void assert_same_place(const char *a, const char *b) {
    char ra[4096], rb[4096];
    assert_non_null(realpath(a, ra));
    assert_non_null(realpath(b, rb));
    assert_string_equal(ra, rb);
}

static void assert_contains(const char *text, const char *piece) {
    if (!strstr(text, piece)) {
        fail_msg("expected '%s' in: %s", piece, text);
    }
}

static void test_data_dir_layout(void **state) {
    (void)state;
    make_data_dir("data");
    char data[512], p[512];
    at(data, sizeof data, "data");
    paths_set_data_dir(data);
    const char *from = NULL;
    assert_string_equal(paths_find_data_dir(&from), data);
    assert_string_equal(from, "--data-dir");
    Found f;
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_string_equal(f.assets, at(p, sizeof p, "data/assets"));
    assert_string_equal(f.shaders, at(p, sizeof p, "data/shaders"));
    assert_string_equal(f.model, at(p, sizeof p, "data/body.glb"));

    /* the environment variable does the same when there is no option */
    paths_set_data_dir(NULL);
    setenv("PAINMAP_DATA_DIR", data, 1);
    assert_string_equal(paths_find_data_dir(&from), data);
    assert_string_equal(from, "PAINMAP_DATA_DIR");
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_string_equal(f.model, at(p, sizeof p, "data/body.glb"));
}

/* Options beat the environment; a specific option beats --data-dir; a specific variable
 * beats PAINMAP_DATA_DIR. */
static void test_precedence(void **state) {
    (void)state;
    make_data_dir("a");
    make_data_dir("b");
    char a[512], b[512], p[512], q[512];
    at(a, sizeof a, "a");
    at(b, sizeof b, "b");
    /* the test suite's own variables name other folders: --data-dir must win over them */
    setenv("PAINMAP_ASSETS_DIR", at(p, sizeof p, "b/assets"), 1);
    setenv("PAINMAP_SHADERS_DIR", at(p, sizeof p, "b/shaders"), 1);
    setenv("PAINMAP_MODEL", at(p, sizeof p, "b/body.glb"), 1);
    paths_set_data_dir(a);
    Found f;
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_string_equal(f.assets, at(p, sizeof p, "a/assets"));
    assert_string_equal(f.shaders, at(p, sizeof p, "a/shaders"));
    assert_string_equal(f.model, at(p, sizeof p, "a/body.glb"));
    /* --assets-dir and --model beat --data-dir */
    find_all(at(q, sizeof q, "b/assets"), at(p, sizeof p, "b/body.glb"), "/no/such/bin", &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_string_equal(f.assets, at(p, sizeof p, "b/assets"));
    assert_string_equal(f.shaders, at(p, sizeof p, "a/shaders"));
    assert_string_equal(f.model, at(p, sizeof p, "b/body.glb"));
    /* PAINMAP_DATA_DIR loses to the specific variables */
    paths_set_data_dir(NULL);
    setenv("PAINMAP_DATA_DIR", a, 1);
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_string_equal(f.assets, at(p, sizeof p, "b/assets"));
    assert_string_equal(f.shaders, at(p, sizeof p, "b/shaders"));
    assert_string_equal(f.model, at(p, sizeof p, "b/body.glb"));
    /* and wins over the places beside the program */
    unsetenv("PAINMAP_ASSETS_DIR");
    unsetenv("PAINMAP_SHADERS_DIR");
    unsetenv("PAINMAP_MODEL");
    find_all(NULL, NULL, b, &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_string_equal(f.assets, at(p, sizeof p, "a/assets"));
    assert_string_equal(f.model, at(p, sizeof p, "a/body.glb"));
}

/* Installed: <prefix>/bin/painmap and <prefix>/share/painmap/{assets,shaders,body.glb}; the
 * prefix can be anywhere (nothing absolute is compiled in). */
static void test_install_layout(void **state) {
    (void)state;
    make_dir("prefix");
    make_dir("prefix/bin");
    make_dir("prefix/share");
    make_data_dir("prefix/share/painmap");
    char bin[512], p[512];
    at(bin, sizeof bin, "prefix/bin");
    Found f;
    find_all(NULL, NULL, bin, &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_same_place(f.assets, at(p, sizeof p, "prefix/share/painmap/assets"));
    assert_same_place(f.shaders, at(p, sizeof p, "prefix/share/painmap/shaders"));
    assert_same_place(f.model, at(p, sizeof p, "prefix/share/painmap/body.glb"));
    /* moved elsewhere, it still finds its data */
    char moved[512];
    assert_int_equal(rename(at(p, sizeof p, "prefix"), at(moved, sizeof moved, "moved")), 0);
    at(bin, sizeof bin, "moved/bin");
    find_all(NULL, NULL, bin, &f);
    assert_true(f.ok[0] && f.ok[1] && f.ok[2]);
    assert_same_place(f.model, at(p, sizeof p, "moved/share/painmap/body.glb"));
    /* nothing anywhere: every place tried is named, with what to do */
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_false(f.ok[0]);
    assert_contains(f.err[0], "/no/such/bin/../share/painmap/assets");
    assert_contains(f.err[0], "--data-dir");
    assert_false(f.ok[1]);
    assert_contains(f.err[1], "/no/such/bin/../share/painmap/shaders");
    assert_false(f.ok[2]);
    assert_contains(f.err[2], "/no/such/bin/body.glb");
}

static void test_broken_data_dirs(void **state) {
    (void)state;
    char p[512], q[512];
    Found f;
    /* missing */
    paths_set_data_dir(at(p, sizeof p, "nothing"));
    find_all(NULL, NULL, "/no/such/bin", &f);
    for (int i = 0; i < 3; i++) {
        assert_false(f.ok[i]);
        assert_contains(f.err[i], p);
        assert_contains(f.err[i], "does not exist");
        assert_contains(f.err[i], "(from --data-dir)");
        assert_contains(f.err[i], "assets/, shaders/ and body.glb");
    }
    /* a file */
    make_file("plain");
    paths_set_data_dir(at(p, sizeof p, "plain"));
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_false(f.ok[0]);
    assert_contains(f.err[0], "is a file, not a folder");
    /* no assets folder, shaders without mesh.vert, no body.glb */
    make_dir("partial");
    make_dir("partial/shaders");
    paths_set_data_dir(at(p, sizeof p, "partial"));
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_false(f.ok[0]);
    assert_contains(f.err[0], at(q, sizeof q, "partial/assets"));
    assert_contains(f.err[0], "does not exist");
    assert_false(f.ok[1]);
    assert_contains(f.err[1], "holds no mesh.vert");
    assert_contains(f.err[1], at(q, sizeof q, "partial/shaders"));
    assert_false(f.ok[2]);
    assert_contains(f.err[2], at(q, sizeof q, "partial/body.glb"));
    assert_contains(f.err[2], "does not exist");
    /* body.glb that is a folder */
    make_data_dir("glbdir");
    assert_int_equal(unlink(at(q, sizeof q, "glbdir/body.glb")), 0);
    make_dir("glbdir/body.glb");
    paths_set_data_dir(at(p, sizeof p, "glbdir"));
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_true(f.ok[0] && f.ok[1]);
    assert_false(f.ok[2]);
    assert_contains(f.err[2], "is a folder, not a .glb file");
    /* a symbolic link loop cannot be read, even by root */
    assert_int_equal(symlink("loop", at(p, sizeof p, "loop")), 0);
    paths_set_data_dir(p);
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_false(f.ok[0]);
    assert_contains(f.err[0], "cannot be read");
    assert_contains(f.err[0], p);
}

/* A folder without read permission (root reads everything, so this needs another user). */
static void test_unreadable_data_dir(void **state) {
    (void)state;
    if (geteuid() == 0) {
        skip();
    }
    make_data_dir("locked");
    char p[512];
    assert_int_equal(chmod(at(p, sizeof p, "locked"), 0), 0);
    paths_set_data_dir(p);
    Found f;
    find_all(NULL, NULL, "/no/such/bin", &f);
    assert_int_equal(chmod(p, 0700), 0);
    assert_false(f.ok[0]);
    assert_contains(f.err[0], "cannot be read");
    assert_contains(f.err[0], "check its permissions");
}

static void test_model_option(void **state) {
    (void)state;
    char out[4096], err[8192], p[512];
    make_dir("m.glb");
    assert_false(paths_find_model(at(p, sizeof p, "m.glb"), "/no/such", "/no/such", out, sizeof out,
                                  err, sizeof err));
    assert_contains(err, p);
    assert_contains(err, "(from --model) is a folder, not a .glb file");
    assert_false(paths_find_model(at(p, sizeof p, "missing.glb"), "/no/such", "/no/such", out,
                                  sizeof out, err, sizeof err));
    assert_contains(err, "(from --model) does not exist");
    setenv("PAINMAP_MODEL", at(p, sizeof p, "m.glb"), 1);
    assert_false(paths_find_model(NULL, "/no/such", "/no/such", out, sizeof out, err, sizeof err));
    assert_contains(err, "(from PAINMAP_MODEL) is a folder");
    /* an explicit assets folder that is missing or a file */
    assert_false(
        paths_find_assets(at(p, sizeof p, "none"), "/no/such", out, sizeof out, err, sizeof err));
    assert_contains(err, "assets folder");
    assert_contains(err, "(from --assets-dir) does not exist");
    make_file("f.txt");
    setenv("PAINMAP_ASSETS_DIR", at(p, sizeof p, "f.txt"), 1);
    assert_false(paths_find_assets(NULL, "/no/such", out, sizeof out, err, sizeof err));
    assert_contains(err, "(from PAINMAP_ASSETS_DIR) is a file, not a folder");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_data_dir_layout, before_each),
        cmocka_unit_test_setup(test_precedence, before_each),
        cmocka_unit_test_setup(test_install_layout, before_each),
        cmocka_unit_test_setup(test_broken_data_dirs, before_each),
        cmocka_unit_test_setup(test_unreadable_data_dir, before_each),
        cmocka_unit_test_setup(test_model_option, before_each),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
