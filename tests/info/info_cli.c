/* painmap list / query / check-content, run in-process through app_info_run: exit codes,
 * text and --json output, unknown ids with suggestions, and check-content on the shipped
 * assets (clean) and on a copy with a broken file (every problem on its own line). */
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

#include <cjson/cJSON.h>

#include "app/cmd_info.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "platform/plat.h"

/* cmd_info asks the platform where the program lives; in-process there is no program */
const char *plat_exe_dir(void) {
    return NULL;
}

typedef struct Run {
    int rc;
    char out[65536 * 4];
    char err[8192];
} Run;

static Run g_run;

static void slurp(FILE *f, char *buf, size_t cap) {
    rewind(f);
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Runs one command line (words separated by single spaces). */
static const Run *run(const char *cmdline) {
    char line[1024];
    str_copy(line, sizeof line, cmdline);
    char *argv[32];
    int argc = 0;
    for (char *w = strtok(line, " "); w && argc < 31; w = strtok(NULL, " ")) {
        argv[argc++] = w;
    }
    argv[argc] = NULL;
    FILE *out = tmpfile(), *err = tmpfile();
    assert_non_null(out);
    assert_non_null(err);
    g_run.rc = app_info_run(argc, argv, NULL, out, err);
    slurp(out, g_run.out, sizeof g_run.out);
    slurp(err, g_run.err, sizeof g_run.err);
    return &g_run;
}

static void expect(const char *cmdline, int rc, const char *in_out, const char *in_err) {
    const Run *r = run(cmdline);
    if (r->rc != rc || (in_out && !strstr(r->out, in_out)) || (in_err && !strstr(r->err, in_err))) {
        fail_msg("'%s': want rc %d%s%s%s%s, got rc %d\n--- out:\n%.2000s\n--- err:\n%.2000s",
                 cmdline, rc, in_out ? " and stdout with '" : "", in_out ? in_out : "",
                 in_err ? "' and stderr with '" : "", in_err ? in_err : "", r->rc, r->out, r->err);
    }
}

static cJSON *expect_json(const char *cmdline) {
    const Run *r = run(cmdline);
    assert_int_equal(r->rc, 0);
    cJSON *j = cJSON_Parse(r->out);
    if (!j) {
        fail_msg("'%s' printed no valid JSON:\n%.1000s", cmdline, r->out);
    }
    return j;
}

static void test_list(void **state) {
    (void)state;
    expect("list structures", 0, "piriformis_r", NULL);
    expect("list sources", 0, "sciatic_at_piriformis_l", NULL);
    expect("list zones", 0, "zone_buttock_r", NULL);
    expect("list landmarks", 0, "key_l5_r", NULL);
    expect("list views", 0, "deep_posterior", NULL);
    expect("list layers", 0, "superficial_muscles", NULL);
    expect("list maps", 0, "keegan_garrett", NULL);
    expect("list bones", 2, NULL, "unknown list 'bones'");
    expect("list", 2, NULL, "usage");
    cJSON *j = expect_json("list sources --json");
    assert_true(cJSON_IsArray(j));
    assert_int_equal(cJSON_GetArraySize(j), 40);
    cJSON *first = cJSON_GetArrayItem(j, 0);
    assert_non_null(cJSON_GetObjectItem(first, "mechanism"));
    cJSON_Delete(j);
    j = expect_json("list landmarks --json");
    bool found = false;
    for (cJSON *it = j->child; it; it = it->next) {
        if (!strcmp(cJSON_GetObjectItem(it, "id")->valuestring, "key_s1_l")) {
            cJSON *pos = cJSON_GetObjectItem(it, "pos_mm");
            assert_true(cJSON_GetArrayItem(pos, 0)->valuedouble > 0); /* left is +X */
            found = true;
        }
    }
    assert_true(found);
    cJSON_Delete(j);
}

static void test_query_facts(void **state) {
    (void)state;
    expect("query structure piriformis_r", 0, "Piriformis", NULL);
    expect("query source piriformis_r", 0, "TS2", NULL);
    expect("query source piriformis_x", 2, NULL, "closest: piriformis_");
    expect("query structure piriformus_r", 2, NULL, "piriformis_r");
    expect("query redflags", 0, NULL, NULL);
    cJSON *j = expect_json("query source si_joint_l --json");
    assert_string_equal(cJSON_GetObjectItem(j, "side")->valuestring, "left");
    cJSON *prim = cJSON_GetObjectItem(j, "primary");
    assert_true(cJSON_GetArraySize(prim) >= 1);
    for (cJSON *z = prim->child; z; z = z->next) {
        assert_false(str_has_suffix(z->valuestring, "_r")); /* a left source, left zones */
    }
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(j, "citations")) >= 1);
    cJSON_Delete(j);
    j = expect_json("query redflags --json");
    cJSON *groups = cJSON_GetObjectItem(j, "groups");
    assert_true(cJSON_GetArraySize(groups) >= 9);
    assert_string_equal(cJSON_GetObjectItem(groups->child, "id")->valuestring, "cauda_equina");
    cJSON_Delete(j);
    j = expect_json("query structure sacrum --json");
    assert_string_equal(cJSON_GetObjectItem(j, "id")->valuestring, "sacrum");
    cJSON_Delete(j);
}

static void test_query_where(void **state) {
    (void)state;
    expect("query where --zone zone_buttock_r", 0, "piriformis_r", NULL);
    expect("query where --zone zone_buttok_r", 2, NULL, "zone_buttock_r");
    expect("query where --landmark skin_buttock_apex_r", 0, "piriformis_r", NULL);
    expect("query where --point -85,-13,-142", 0, "piriformis_r", NULL);
    expect("query where --point 1,2", 2, NULL, "X,Y,Z");
    expect("query where", 2, NULL, "--landmark");
    expect("query where --zone zone_buttock_r --point 0,0,0", 2, NULL, "only one");
    cJSON *j = expect_json("query where --zone zone_buttock_l --json");
    cJSON *srcs = cJSON_GetObjectItem(j, "sources");
    bool seen_spill = false, piri = false;
    for (cJSON *s = srcs->child; s; s = s->next) {
        const char *id = cJSON_GetObjectItem(s, "id")->valuestring;
        const char *match = cJSON_GetObjectItem(s, "match")->valuestring;
        assert_false(str_has_suffix(id, "_r"));
        /* primary matches come before spillover ones */
        if (!strcmp(match, "spillover")) {
            seen_spill = true;
        } else {
            assert_false(seen_spill);
        }
        piri = piri || !strcmp(id, "piriformis_l");
        assert_null(cJSON_GetObjectItem(s, "score"));
    }
    assert_true(piri);
    cJSON_Delete(j);
}

static void test_query_dermatome(void **state) {
    (void)state;
    expect("query dermatome --landmark key_l5_r", 0, "derm_l5_r", NULL);
    expect("query dermatome --landmark key_l4_l --map keegan_garrett", 0, "derm_l4_l", NULL);
    expect("query dermatome --landmark key_l4_l --map keegan", 2, NULL, "keegan_garrett");
    expect("query dermatome --landmark key_l9_l", 2, NULL, "closest:");
    cJSON *j = expect_json("query dermatome --landmark key_s1_l --json");
    assert_string_equal(cJSON_GetObjectItem(j, "dermatome")->valuestring, "derm_s1_l");
    assert_string_equal(cJSON_GetObjectItem(j, "map")->valuestring, "lee_2008");
    cJSON_Delete(j);
}

static void test_bad_input_and_environment(void **state) {
    (void)state;
    expect("query source piriformis_r --bogus", 2, NULL, "unknown option '--bogus'");
    expect("query colour", 2, NULL, "unknown query 'colour'");
    expect("lst structures", 2, NULL, "unknown command");
    expect("list structures --assets-dir /nonexistent/painmap", 1, NULL, "does not exist");
    expect("check-content /nonexistent/painmap", 1, NULL, "not a folder");
}

static void test_check_content_shipped(void **state) {
    (void)state;
    expect("check-content", 0, "content OK", NULL);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "check-content %s", getenv("PAINMAP_ASSETS_DIR"));
    expect(cmd, 0, "content OK", NULL);
}

static void copy_file(const char *from_dir, const char *to_dir, const char *rel) {
    char a[1024], b[1024], err[512];
    path_join(a, sizeof a, from_dir, rel);
    path_join(b, sizeof b, to_dir, rel);
    char *data = NULL;
    size_t len = 0;
    assert_true(file_read_all(a, &data, &len, err, sizeof err));
    assert_true(file_write_atomic(b, data, len, err, sizeof err));
    free(data);
}

static void test_check_content_broken_copy(void **state) {
    (void)state;
    const char *src = getenv("PAINMAP_ASSETS_DIR");
    char dir[] = "/tmp/painmap_info_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[1200];
    snprintf(p, sizeof p, "%s/anatomy", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/content", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/content/en", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    static const char *const files[] = {
        "anatomy/landmarks.json",   "anatomy/skin_points.json",   "anatomy/zones.json",
        "anatomy/dermatomes.json",  "content/en/meta.json",       "content/en/citations.json",
        "content/en/ui.json",       "content/en/structures.json", "content/en/zones.json",
        "content/en/redflags.json",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        copy_file(src, dir, files[i]);
    }
    /* sources.json with two problems in one entry */
    const char *broken =
        "{\"schema\":1,\"locale\":\"en\",\"sources\":[{\"id\":\"piriformis\",\"paired\":true,"
        "\"group\":\"muscles\",\"mechanism\":\"myofascial\",\"structure\":\"piriformis\","
        "\"name\":\"P\",\"plain_name\":\"P\",\"primary\":[\"zone_butock\"],\"spillover\":[],"
        "\"path\":[{\"structure\":\"piriformis\"}],\"captions\":{\"tension\":\"a\",\"travel\":"
        "\"b\",\"primary\":\"c\",\"spillover\":\"d\"},\"summary_patient\":\"x\","
        "\"summary_student\":\"x\",\"evidence\":{\"level\":\"expert_observation\",\"strength\":"
        "\"low\",\"note\":\"x\"},\"citations\":[],\"review\":{\"status\":\"draft\","
        "\"reviewer_role\":\"\",\"date\":\"2026-11-23\"}}]}";
    snprintf(p, sizeof p, "%s/content/en/sources.json", dir);
    char err[256];
    assert_true(file_write_atomic(p, broken, strlen(broken), err, sizeof err));
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "check-content %s", dir);
    expect(cmd, 2,
           "sources.json:sources[0].primary[0]: unknown zone 'zone_butock' (did you mean "
           "'zone_buttock'?)\n",
           "problem(s)");
    expect(cmd, 2, "sources.json:sources[0].citations: must not be empty\n", NULL);
    char jcmd[1300];
    snprintf(jcmd, sizeof jcmd, "%s --json", cmd);
    const Run *jr = run(jcmd);
    assert_int_equal(jr->rc, 2);
    cJSON *j = cJSON_Parse(jr->out);
    assert_non_null(j);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(j, "ok")));
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(j, "problems")) >= 3);
    cJSON_Delete(j);
    expect(cmd, 2, "sources.json:sources: no entry for the source 'si_joint_l'\n", NULL);
    /* every line of the output is one problem: "file:path: message" */
    const Run *r = run(cmd);
    char *copy = strdup(r->out);
    int lines = 0;
    for (char *l = strtok(copy, "\n"); l; l = strtok(NULL, "\n")) {
        assert_non_null(strstr(l, ".json"));
        assert_non_null(strstr(l, ": "));
        lines++;
    }
    free(copy);
    assert_true(lines >= 3);
    /* a missing anatomy file is reported, not fatal */
    snprintf(p, sizeof p, "%s/anatomy/dermatomes.json", dir);
    assert_int_equal(remove(p), 0);
    expect(cmd, 2, "anatomy/dermatomes.json: cannot read", NULL);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        remove(p);
    }
    snprintf(p, sizeof p, "%s/content/en/sources.json", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/content/en", dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/content", dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/anatomy", dir);
    rmdir(p);
    rmdir(dir);
}

int main(void) {
    if (!getenv("PAINMAP_ASSETS_DIR")) {
        fprintf(stderr, "PAINMAP_ASSETS_DIR is not set (run through ctest)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_query_facts),
        cmocka_unit_test(test_query_where),
        cmocka_unit_test(test_query_dermatome),
        cmocka_unit_test(test_bad_input_and_environment),
        cmocka_unit_test(test_check_content_shipped),
        cmocka_unit_test(test_check_content_broken_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
