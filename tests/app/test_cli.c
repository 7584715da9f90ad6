#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "app/cli.h"

enum { MAX_ARGS = 12 };

typedef struct {
    const char *args[MAX_ARGS]; /* NULL-terminated, without the program name */
    bool ok;
    const char *err_has; /* for failures: a piece the message must contain */
} Case;

static bool run(const Case *c, CliOptions *o, char *err, size_t cap) {
    /* static: CliOptions.info_argv points into it after run() returns */
    static char *argv[MAX_ARGS + 1];
    int argc = 0;
    argv[argc++] = (char *)"painmap";
    for (int i = 0; c->args[i]; i++) {
        argv[argc++] = (char *)c->args[i];
    }
    argv[argc] = NULL;
    err[0] = '\0';
    return cli_parse(argc, argv, o, err, cap);
}

static void test_table(void **state) {
    (void)state;
    static const Case cases[] = {
        {{NULL}, true, NULL},
        {{"--help", NULL}, true, NULL},
        {{"--version", NULL}, true, NULL},
        {{"render", "-o", "x.png", NULL}, true, NULL},
        {{"render", "-o", "x.png", "--size", "640x480", "--view", "posterior", NULL}, true, NULL},
        {{"render", "--output=x.png", "--layers=bones,nerves", "--gles", NULL}, true, NULL},
        {{"render", "-o", "x.png", "--lod", "tablet", "--msaa", "1", NULL}, true, NULL},
        {{"list", "structures", "--json", NULL}, true, NULL},
        {{"check-content", NULL}, true, NULL},
        {{"--bogus", NULL}, false, "unknown option '--bogus'"},
        {{"frobnicate", NULL}, false, "unknown command 'frobnicate'"},
        {{"render", NULL}, false, "missing -o"},
        {{"render", "-o", NULL}, false, "-o: missing value"},
        {{"render", "-o", "x.jpg", NULL}, false, ".png or .pdf"},
        {{"render", "-o", "x.pdf", NULL}, false, "needs --drawing"},
        {{"render", "-o", "x.png", "--paper", "a3", NULL}, false, "--paper"},
        {{"render", "-o", "x.png", "--size", "12x", NULL}, false, "--size"},
        {{"render", "-o", "x.png", "--size", "0x10", NULL}, false, "--size"},
        {{"render", "-o", "x.png", "--size", "100000x10", NULL}, false, "--size"},
        {{"render", "-o", "x.png", "--size", "axb", NULL}, false, "--size"},
        {{"render", "-o", "x.png", "--view", "sideways", NULL}, false, "unknown view 'sideways'"},
        {{"render", "-o", "x.png", "--layers", "bones,teeth", NULL},
         false,
         "unknown layer 'teeth'"},
        {{"render", "-o", "x.png", "--layers", "bones,", NULL}, false, "--layers"},
        {{"render", "-o", "x.png", "--layers", "", NULL}, false, "--layers"},
        {{"render", "-o", "x.png", "--lod", "medium", NULL}, false, "--lod"},
        {{"render", "-o", "x.png", "--msaa", "3", NULL}, false, "--msaa"},
        {{"render", "-o", "x.png", "--fullscreen", NULL}, false, "does not apply"},
        {{"-o", "x.png", NULL}, false, "does not apply"},
        {{"--gles=yes", NULL}, false, "takes no value"},
        {{"--assets-dir", "", NULL}, false, "--assets-dir"},
        {{"--data-dir", NULL}, false, "--data-dir: missing value"},
        {{"render", "-o", "x.png", "--data-dir", NULL}, false, "--data-dir: missing value"},
        {{"--data-dir=", NULL}, false, "expected a folder"},
        {{"list", "sources", "--data-dir", "", NULL}, false, "expected a folder"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CliOptions o;
        char err[512];
        bool ok = run(&cases[i], &o, err, sizeof err);
        if (ok != cases[i].ok) {
            print_error("case %zu (%s ...): expected %s, got %s: %s\n", i,
                        cases[i].args[0] ? cases[i].args[0] : "(none)",
                        cases[i].ok ? "success" : "failure", ok ? "success" : "failure", err);
            fail();
        }
        if (!ok && !strstr(err, cases[i].err_has)) {
            print_error("case %zu: message '%s' lacks '%s'\n", i, err, cases[i].err_has);
            fail();
        }
    }
}

static void test_values(void **state) {
    (void)state;
    CliOptions o;
    char err[256];
    const Case c = {{"render", "-o", "out.png", "--size", "640x480", "--view", "deep_posterior",
                     "--layers", "bones,nerves", "--lod", "tablet", NULL},
                    true,
                    NULL};
    assert_true(run(&c, &o, err, sizeof err));
    assert_int_equal(o.command, CLI_RENDER);
    assert_string_equal(o.output, "out.png");
    assert_int_equal(o.width, 640);
    assert_int_equal(o.height, 480);
    assert_int_equal(o.view, VIEW_DEEP_POSTERIOR);
    assert_true(o.layers_set);
    assert_int_equal(o.layer_mask, LAYER_BIT(LAYER_BONES) | LAYER_BIT(LAYER_NERVES));
    assert_int_equal(o.lod, LOD_TABLET);
    assert_true(o.lod_set);
    assert_false(o.msaa_set); /* the default, which the viewer may change without a GPU */
    assert_false(o.gles);

    const Case info = {{"query", "source", "piriformis_r", NULL}, true, NULL};
    assert_true(run(&info, &o, err, sizeof err));
    assert_int_equal(o.command, CLI_INFO);
    assert_int_equal(o.info_argc, 3);
    assert_string_equal(o.info_argv[0], "query");
    assert_string_equal(o.info_argv[2], "piriformis_r");

    const Case deflt = {{NULL}, true, NULL};
    assert_true(run(&deflt, &o, err, sizeof err));
    assert_int_equal(o.command, CLI_VIEWER);
    assert_false(o.layer_mask & LAYER_BIT(LAYER_DERMATOMES));
    assert_true(o.layer_mask & LAYER_BIT(LAYER_SKIN));
    assert_false(o.lod_set);
    assert_int_equal(o.msaa, 4);
    assert_null(o.data_dir);
}

/* --data-dir applies to every command, wherever it stands, and is taken out of the
 * arguments the command itself sees (the info commands get theirs untouched). */
static void test_data_dir(void **state) {
    (void)state;
    CliOptions o;
    char err[256];
    const Case first = {{"--data-dir", "/opt/pm", "render", "-o", "x.png", NULL}, true, NULL};
    assert_true(run(&first, &o, err, sizeof err));
    assert_int_equal(o.command, CLI_RENDER);
    assert_string_equal(o.data_dir, "/opt/pm");
    assert_string_equal(o.output, "x.png");

    const Case last = {{"render", "-o", "x.png", "--data-dir=/srv/pm", NULL}, true, NULL};
    assert_true(run(&last, &o, err, sizeof err));
    assert_string_equal(o.data_dir, "/srv/pm");

    const Case info = {{"query", "--data-dir", "/d", "source", "piriformis_r", NULL}, true, NULL};
    assert_true(run(&info, &o, err, sizeof err));
    assert_int_equal(o.command, CLI_INFO);
    assert_string_equal(o.data_dir, "/d");
    assert_int_equal(o.info_argc, 3);
    assert_string_equal(o.info_argv[1], "source");

    const Case msaa = {{"--msaa", "2", "--data-dir", "/d", NULL}, true, NULL};
    assert_true(run(&msaa, &o, err, sizeof err));
    assert_int_equal(o.command, CLI_VIEWER);
    assert_true(o.msaa_set);
    assert_int_equal(o.msaa, 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_data_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
