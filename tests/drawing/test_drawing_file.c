/* Drawing files: round trip, a corpus of damaged files each with its message (and the
 * document left as it was), the schema 0 migration, private atomic saves that keep the
 * earlier file byte for byte when the write fails, labels and paths. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/drawing_file.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "referral/ref_assets.h"

static RefAssets g;
static char g_dir[256];

static int setup(void **state) {
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    snprintf(g_dir, sizeof g_dir, "/tmp/painmap-drawing-XXXXXX");
    if (!mkdtemp(g_dir)) {
        return -1;
    }
    const char *dir = getenv("PAINMAP_ASSETS_DIR");
    if (!dir) {
        fail_msg("PAINMAP_ASSETS_DIR is not set (run through ctest)");
    }
    ContentDiag diag = {0};
    bool ok = ref_assets_load(dir, "en", NULL, 0, &g, &diag);
    content_diag_free(&diag);
    return ok && g.engine_ready ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    ref_assets_free(&g);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A drawing with two strokes on the right buttock and thigh, with its summary. */
static void make_doc(DrawingDoc *doc) {
    drawing_doc_init(doc);
    drawing_doc_create(doc, (time_t)1795443125, g.content.meta.content_version);
    const Landmark *a = landmarks_find(&g.landmarks, "skin_buttock_apex_r");
    const Landmark *b = landmarks_find(&g.landmarks, "skin_thigh_back_upper_r");
    assert_non_null(a);
    assert_non_null(b);
    Drawing *d = &doc->drawing;
    drawing_stroke_begin(d, DRAWING_TOOL_PAINT, PAIN_QUALITY_BURNING, 7, 18.0f);
    drawing_stroke_add(d, a->pos_mm);
    drawing_stroke_add(d, b->pos_mm);
    drawing_stroke_end(d);
    drawing_stroke_begin(d, DRAWING_TOOL_PAINT, PAIN_QUALITY_NUMBNESS, 3, 10.0f);
    drawing_stroke_add(d, b->pos_mm);
    drawing_stroke_end(d);
    /* a patch of skin around the stroke for the summary */
    float skin[41 * 41 * 3];
    uint32_t n = 0;
    for (int j = 0; j < 41; j++) {
        for (int i = 0; i < 41; i++) {
            skin[n * 3 + 0] = a->pos_mm[0] - 100.0f + (float)i * 5.0f;
            skin[n * 3 + 1] = b->pos_mm[1] - 50.0f + (float)j * 5.0f;
            skin[n * 3 + 2] = a->pos_mm[2];
            n++;
        }
    }
    DrawingSummary s;
    int map = ref_map_find(&g.engine, "keegan_garrett");
    assert_true(map >= 0);
    assert_true(drawing_summarize(d, &g.engine, map, skin, n, 3, NULL, &s));
    assert_true(s.zone_count > 0 && s.match_count > 0);
    assert_true(s.dermatome_count > 0);
    assert_true(drawing_doc_set_summary(doc, &s, &g.content, "keegan_garrett"));
    drawing_summary_free(&s);
}

static char *read_text(const char *path, size_t *out_len) {
    char *data = NULL, err[512];
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, sizeof err)) {
        fail_msg("%s", err);
    }
    if (out_len) {
        *out_len = len;
    }
    return data;
}

static void test_round_trip(void **state) {
    (void)state;
    DrawingDoc doc;
    make_doc(&doc);
    assert_string_equal(doc.created, "2026-11-23T14:12:05Z");
    char path[320], err[2048];
    assert_true(drawing_file_path(g_dir, doc.label, path, sizeof path));
    /* an earlier file with a wide mode, and a wide umask: the saved file is still 0600 */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old", f);
    fclose(f);
    chmod(path, 0644);
    mode_t old_mask = umask(0);
    bool saved = drawing_file_save(path, &doc, err, sizeof err);
    umask(old_mask);
    if (!saved) {
        fail_msg("%s", err);
    }
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char tmp[340];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_false(file_is_regular(tmp));

    DrawingDoc back;
    drawing_doc_init(&back);
    if (!drawing_file_load(path, &back, err, sizeof err)) {
        fail_msg("%s", err);
    }
    assert_int_equal(back.schema_read, DRAWING_FILE_SCHEMA);
    assert_string_equal(back.label, doc.label);
    assert_string_equal(back.content_version, doc.content_version);
    assert_string_equal(back.created, doc.created);
    assert_string_equal(back.modified, doc.modified);
    assert_int_equal(back.drawing.count, doc.drawing.count);
    for (uint32_t i = 0; i < doc.drawing.count; i++) {
        const DrawingPoint *p = &doc.drawing.points[i], *q = &back.drawing.points[i];
        for (int k = 0; k < 3; k++) {
            assert_true(fabsf(p->pos_mm[k] - q->pos_mm[k]) <= 0.005f);
        }
        assert_true(fabsf(p->radius_mm - q->radius_mm) <= 0.005f);
        assert_int_equal(p->intensity, q->intensity);
        assert_int_equal(p->quality, q->quality);
        assert_int_equal(p->stroke, q->stroke);
    }
    assert_true(back.has_summary);
    assert_string_equal(back.map, "keegan_garrett");
    assert_int_equal(back.zone_count, doc.zone_count);
    assert_int_equal(back.dermatome_count, doc.dermatome_count);
    assert_int_equal(back.source_count, doc.source_count);
    for (int i = 0; i < doc.zone_count; i++) {
        assert_string_equal(back.zones[i].id, doc.zones[i].id);
        assert_true(fabsf(back.zones[i].area_mm2 - doc.zones[i].area_mm2) <= 0.05f);
        assert_int_equal(back.zones[i].intensity, doc.zones[i].intensity);
    }
    for (int i = 0; i < doc.dermatome_count; i++) {
        assert_string_equal(back.dermatomes[i].id, doc.dermatomes[i].id);
    }
    assert_int_equal(back.saddle, doc.saddle);
    assert_int_equal(back.both_legs, doc.both_legs);
    for (int i = 0; i < doc.source_count; i++) {
        assert_string_equal(back.sources[i].id, doc.sources[i].id);
        assert_int_equal(back.sources[i].primary, doc.sources[i].primary);
    }
    /* the text is stable: what was loaded writes out byte for byte the same */
    char *a = read_text(path, NULL);
    char *b = drawing_doc_to_json(&back);
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* the preview goes beside the file */
    char png[340];
    assert_true(drawing_preview_path(path, png, sizeof png));
    assert_non_null(strstr(png, doc.label));
    assert_true(str_has_suffix(png, ".png"));
    drawing_doc_free(&back);
    drawing_doc_free(&doc);
}

typedef struct {
    const char *what;
    const char *find, *replace; /* edit of the valid file (find == NULL: replace the whole) */
    const char *expect;         /* in the message */
} Damage;

/* Replaces the first occurrence of find in text (malloc'd result). */
static char *edit(const char *text, const char *find, const char *replace) {
    if (!find) {
        return strdup(replace);
    }
    const char *at = strstr(text, find);
    if (!at) {
        fail_msg("'%s' is not in the file", find);
    }
    size_t a = (size_t)(at - text), fl = strlen(find), rl = strlen(replace);
    char *out = malloc(strlen(text) - fl + rl + 1);
    memcpy(out, text, a);
    memcpy(out + a, replace, rl);
    strcpy(out + a + rl, at + fl);
    return out;
}

static void test_damaged_corpus(void **state) {
    (void)state;
    DrawingDoc doc;
    make_doc(&doc);
    char *good = drawing_doc_to_json(&doc);
    if (getenv("PAINMAP_DUMP")) {
        puts(good);
    }
    const Damage cases[] = {
        {"empty file", NULL, "", "d.json:1:1: not valid JSON"},
        {"not JSON", NULL, "hello", "d.json:1:1: not valid JSON"},
        {"top is an array", NULL, "[1,2]", "d.json:(top): expected an object, got an array"},
        {"no version", "\"schema_version\": 1,", "", "d.json:schema_version: missing"},
        {"unknown version", "\"schema_version\": 1", "\"schema_version\": 7",
         "d.json:schema_version: 7 is newer than this painmap reads (1)"},
        {"version as string", "\"schema_version\": 1", "\"schema_version\": \"1\"",
         "d.json:schema_version: expected a number, got a string"},
        {"fractional version", "\"schema_version\": 1", "\"schema_version\": 1.5",
         "d.json:schema_version: expected a whole number, got 1.5"},
        {"other format", "\"painmap-drawing\"", "\"painmap-settings\"",
         "d.json:format: 'painmap-settings' is not a painmap drawing"},
        {"missing label", "\"label\":", "\"labe\":", "d.json:label: missing"},
        {"label with a slash", "\"label\": \"drawing-", "\"label\": \"../drawing-",
         "d.json:label: not a usable label"},
        {"label wrong type", "\"label\": \"", "\"label\": 5, \"x\": \"",
         "d.json:label: expected a string, got a number"},
        {"bad date", "\"created\": \"2026-11-23T", "\"created\": \"2026-13-23T",
         "d.json:created: '2026-13-23T14:12:05Z' is not a date like 2026-11-23T14:32:05Z"},
        {"missing points", "\"points\":", "\"pointz\":", "d.json:points: missing"},
        {"points not an array", "\"points\": [", "\"points\": \"x\", \"unused\": [",
         "d.json:points: expected an array, got a string"},
        {"point not an object", "\"points\": [", "\"points\": [3, ",
         "d.json:points[0]: expected an object, got a number"},
        {"intensity as string", "\"intensity\": 7", "\"intensity\": \"7\"",
         "d.json:points[0].intensity: expected a number, got a string"},
        {"intensity too high", "\"intensity\": 7", "\"intensity\": 11",
         "d.json:points[0].intensity: 11 is out of range (0 to 10)"},
        {"unknown quality", "\"burning\"", "\"stabbing\"",
         "d.json:points[0].quality: unknown quality 'stabbing'"},
        {"NaN", "\"pos_mm\": [", "\"pos_mm\": [NaN, ", "not valid JSON"},
        {"infinite", "\"pos_mm\": [", "\"pos_mm\": [1e999, ",
         "d.json:points[0].pos_mm: expected [x, y, z], got an array of another length"},
        {"infinite coordinate", "\"pos_mm\": [", "\"pos_mm\": [1e999, 0, 0], \"x\": [",
         "d.json:points[0].pos_mm[0]: not a finite number"},
        {"huge coordinate", "\"pos_mm\": [", "\"pos_mm\": [1e12, 0, 0], \"x\": [",
         "d.json:points[0].pos_mm[0]: 1e+12 is out of range (-3000 to 3000)"},
        {"pos too short", "\"pos_mm\": [", "\"pos_mm\": [1, 2], \"x\": [",
         "d.json:points[0].pos_mm: expected [x, y, z], got an array of another length"},
        {"radius too small", "\"radius_mm\": 18.00", "\"radius_mm\": 0.5",
         "d.json:points[0].radius_mm: 0.5 is out of range (2 to 150)"},
        {"missing stroke", ", \"stroke\": 1}", "}", "d.json:points[0].stroke: missing"},
        {"missing summary", "\"summary\":", "\"summry\":", "d.json:summary: missing"},
        {"summary wrong type", "\"summary\": {", "\"summary\": 4, \"unused\": {",
         "d.json:summary: expected an object or null, got a number"},
        {"zone area negative", "\"area_mm2\": ", "\"area_mm2\": -",
         "d.json:summary.zones[0].area_mm2: "},
        {"zone id bad", "\"id\": \"zone_", "\"id\": \"Zone ", "d.json:summary.zones[0].id: 'Zone "},
        {"saddle wrong type", "\"saddle\": ", "\"saddle\": 0, \"unused\": ",
         "d.json:summary.saddle: expected true or false, got a number"},
        {"truncated", NULL, NULL, "not valid JSON"},
    };
    int n = (int)(sizeof cases / sizeof cases[0]);
    /* what the document held before: every failed parse must leave it so */
    DrawingDoc held;
    drawing_doc_init(&held);
    char err[4096];
    assert_true(drawing_doc_parse(good, strlen(good), "d.json", &held, err, sizeof err));
    char *before = drawing_doc_to_json(&held);
    for (int i = 0; i < n; i++) {
        char *text;
        if (strcmp(cases[i].what, "truncated") == 0) {
            text = strdup(good);
            text[strlen(text) / 2] = '\0';
        } else {
            text = edit(good, cases[i].find, cases[i].replace);
        }
        err[0] = '\0';
        bool ok = drawing_doc_parse(text, strlen(text), "d.json", &held, err, sizeof err);
        if (ok || !strstr(err, cases[i].expect)) {
            fail_msg("%s: expected failure with\n  %s\ngot %s\n  %s", cases[i].what,
                     cases[i].expect, ok ? "success" : "", err);
        }
        char *after = drawing_doc_to_json(&held);
        assert_string_equal(before, after);
        free(after);
        free(text);
    }
    /* a 10 MB label */
    size_t big = 10u * 1024u * 1024u;
    char *label = malloc(big + 1);
    memset(label, 'x', big);
    label[big] = '\0';
    char *huge_label = malloc(strlen(good) + big + 16);
    char *at = strstr(good, "\"label\": \"") + 10;
    size_t head = (size_t)(at - good);
    memcpy(huge_label, good, head);
    memcpy(huge_label + head, label, big);
    strcpy(huge_label + head + big, strchr(at, '"'));
    assert_false(
        drawing_doc_parse(huge_label, strlen(huge_label), "d.json", &held, err, sizeof err));
    assert_non_null(strstr(err, "d.json:label: is 10485760 bytes long, the limit is 63"));
    free(label);
    free(huge_label);
    /* several problems at once are all reported, one per line */
    char *two = edit(good, "\"intensity\": 7", "\"intensity\": 70");
    char *three = edit(two, "\"burning\"", "\"sore\"");
    assert_false(drawing_doc_parse(three, strlen(three), "d.json", &held, err, sizeof err));
    assert_non_null(strstr(err, "d.json:points[0].intensity: 70 is out of range"));
    assert_non_null(strstr(err, "\nd.json:points[0].quality: unknown quality 'sore'"));
    free(two);
    free(three);
    /* loading a file that is not there, or a folder */
    assert_false(drawing_file_load(g_dir, &held, err, sizeof err));
    assert_non_null(strstr(err, "is a directory"));
    char *after = drawing_doc_to_json(&held);
    assert_string_equal(before, after);
    free(after);
    free(before);
    free(good);
    drawing_doc_free(&held);
    drawing_doc_free(&doc);
}

static const char V0[] =
    "{\"version\": 0, \"label\": \"visit-3\", \"date\": \"2025-06-02\", \"strokes\": [\n"
    " {\"quality\": \"aching\", \"radius_mm\": 12, \"points\": [[-80, 10, -120, 5], [-85, 0, "
    "-118, 6]]},\n"
    " {\"quality\": \"shooting\", \"radius_mm\": 8, \"points\": [[-90, -200, -60, 9]]}]}";

static void test_migrate_v0(void **state) {
    (void)state;
    DrawingDoc doc;
    drawing_doc_init(&doc);
    char err[2048];
    if (!drawing_doc_parse(V0, strlen(V0), "old.json", &doc, err, sizeof err)) {
        fail_msg("%s", err);
    }
    assert_int_equal(doc.schema_read, 0);
    assert_string_equal(doc.label, "visit-3");
    assert_string_equal(doc.created, "2025-06-02T00:00:00Z");
    assert_string_equal(doc.modified, "2025-06-02T00:00:00Z");
    assert_string_equal(doc.content_version, "unknown");
    assert_false(doc.has_summary);
    assert_int_equal(doc.drawing.count, 3);
    const DrawingPoint *p = doc.drawing.points;
    assert_int_equal(p[0].quality, PAIN_QUALITY_ACHING);
    assert_int_equal(p[1].intensity, 6);
    assert_int_equal(p[1].stroke, 1);
    assert_true(p[1].radius_mm == 12.0f);
    assert_int_equal(p[2].quality, PAIN_QUALITY_SHOOTING);
    assert_int_equal(p[2].stroke, 2);
    assert_true(p[2].pos_mm[1] == -200.0f && p[2].radius_mm == 8.0f);
    assert_int_equal(doc.drawing.next_stroke, 3);
    /* written back it is a schema 1 file with "summary": null, and reads the same */
    char *json = drawing_doc_to_json(&doc);
    assert_non_null(strstr(json, "\"schema_version\": 1"));
    assert_non_null(strstr(json, "\"summary\": null"));
    DrawingDoc again;
    drawing_doc_init(&again);
    assert_true(drawing_doc_parse(json, strlen(json), "new.json", &again, err, sizeof err));
    assert_int_equal(again.schema_read, 1);
    assert_int_equal(again.drawing.count, 3);
    assert_int_equal(again.drawing.points[2].stroke, 2);
    free(json);
    drawing_doc_free(&again);
    /* damaged old files are reported in their own terms */
    const struct {
        const char *text, *expect;
    } bad[] = {
        {"{\"version\": 0, \"label\": \"a\", \"date\": \"2025-06-02\", \"strokes\": [{\"quality\": "
         "\"aching\", \"radius_mm\": 12, \"points\": [[1, 2, 3]]}]}",
         "o.json:strokes[0].points[0]: expected [x, y, z, intensity]"},
        {"{\"version\": 0, \"label\": \"a\", \"date\": \"2025-06-02\", \"strokes\": [{\"quality\": "
         "\"aching\", \"radius_mm\": 12, \"points\": [[1, 2, 3, 12]]}]}",
         "o.json:strokes[0].points[0][3]: 12 is out of range (0 to 10)"},
        {"{\"version\": 0, \"label\": \"a\", \"date\": \"June\", \"strokes\": []}",
         "o.json:date: 'June' is not a date like 2026-11-23"},
        {"{\"version\": 0, \"label\": \"a\", \"date\": \"2025-06-02\", \"strokes\": "
         "[{\"radius_mm\": "
         "12, \"points\": []}]}",
         "o.json:strokes[0].quality: missing"},
        {"{\"version\": 1, \"label\": \"a\"}", "o.json:version: 1 is out of range (0 to 0)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bool ok =
            drawing_doc_parse(bad[i].text, strlen(bad[i].text), "o.json", &doc, err, sizeof err);
        if (ok || !strstr(err, bad[i].expect)) {
            fail_msg("case %zu: expected %s, got %s", i, bad[i].expect, ok ? "success" : err);
        }
        assert_int_equal(doc.drawing.count, 3); /* unchanged */
    }
    drawing_doc_free(&doc);
}

static void test_failed_save_keeps_old_file(void **state) {
    (void)state;
    DrawingDoc doc;
    make_doc(&doc);
    char path[320], err[1024];
    snprintf(path, sizeof path, "%s/keep.json", g_dir);
    assert_true(drawing_file_save(path, &doc, err, sizeof err));
    size_t old_len = 0;
    char *old = read_text(path, &old_len);
    /* more points: the next save is a different, longer file */
    drawing_stroke_begin(&doc.drawing, DRAWING_TOOL_PAINT, PAIN_QUALITY_PRESSURE, 9, 30.0f);
    for (int i = 0; i < 200; i++) {
        float p[3] = {(float)i * 10.0f - 1000.0f, 0, 100};
        drawing_stroke_add(&doc.drawing, p);
    }
    drawing_stroke_end(&doc.drawing);

    /* 1: a folder where the temporary file must go */
    char tmp[340];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(mkdir(tmp, 0700), 0);
    assert_false(drawing_file_save(path, &doc, err, sizeof err));
    assert_non_null(strstr(err, "keep.json: cannot create the temporary file"));
    assert_int_equal(rmdir(tmp), 0);
    size_t len = 0;
    char *now = read_text(path, &len);
    assert_int_equal(len, old_len);
    assert_memory_equal(now, old, len);
    free(now);

    /* 2: the disk "fills up" mid-write (a file size limit below the new file's size) */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit saved, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = (rlim_t)old_len;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    bool ok = drawing_file_save(path, &doc, err, sizeof err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    assert_false(ok);
    assert_non_null(strstr(err, "keep.json: write failed"));
    assert_false(file_is_regular(tmp));
    now = read_text(path, &len);
    assert_int_equal(len, old_len);
    assert_memory_equal(now, old, len);
    free(now);

    /* and with room again it saves */
    assert_true(drawing_file_save(path, &doc, err, sizeof err));
    now = read_text(path, &len);
    assert_true(len > old_len);
    free(now);
    free(old);
    drawing_doc_free(&doc);
}

static void test_labels_and_paths(void **state) {
    (void)state;
    char label[DRAWING_LABEL_MAX];
    drawing_label_format((time_t)1795443125, 0, label);
    assert_string_equal(label, "drawing-2026-11-23-1412-222");
    drawing_label_format((time_t)1795443125, 5 + 31 * 11 + 31 * 31 * 30, label);
    assert_string_equal(label, "drawing-2026-11-23-1412-7DZ");
    drawing_label_generate((time_t)1795443125, label);
    assert_int_equal(strlen(label), strlen("drawing-2026-11-23-1412-K7Q"));
    assert_true(strncmp(label, "drawing-2026-11-23-1412-", 24) == 0);
    for (int i = 24; i < 27; i++) {
        assert_non_null(strchr("23456789ABCDEFGHJKMNPQRSTUVWXYZ", label[i]));
    }
    assert_true(drawing_label_is_valid(label));
    assert_true(drawing_label_is_valid("Besuch 3 – rechts"));
    assert_false(drawing_label_is_valid(""));
    assert_false(drawing_label_is_valid(NULL));
    assert_false(drawing_label_is_valid(".hidden"));
    assert_false(drawing_label_is_valid("a/b"));
    assert_false(drawing_label_is_valid("a\\b"));
    assert_false(drawing_label_is_valid("a\nb"));
    char path[64];
    assert_true(drawing_file_path("/u/drawings", "x-1", path, sizeof path));
    assert_string_equal(path, "/u/drawings/x-1.json");
    assert_false(drawing_file_path("/u", "../x", path, sizeof path));
    assert_false(drawing_file_path("/u", "abc", path, 8));
    assert_true(drawing_preview_path("/u/x-1.json", path, sizeof path));
    assert_string_equal(path, "/u/x-1.png");
    assert_true(drawing_preview_path("/u/x-1", path, sizeof path));
    assert_string_equal(path, "/u/x-1.png");
    assert_false(drawing_preview_path("/u/x-1.json", path, 6));
    char date[DRAWING_FILE_DATE_MAX];
    drawing_format_date((time_t)0, date);
    assert_string_equal(date, "1970-01-01T00:00:00Z");
}

/* Paint, undo, save, reload: the reloaded drawing paints the skin as the original did. */
static void test_paint_save_reload(void **state) {
    (void)state;
    DrawingDoc doc;
    drawing_doc_init(&doc);
    drawing_doc_create(&doc, (time_t)1795443125, "0.1.0");
    Drawing *d = &doc.drawing;
    for (int k = 0; k < 4; k++) {
        drawing_stroke_begin(d, DRAWING_TOOL_PAINT, (PainQuality)k, 2 + 2 * k, 12.0f + (float)k);
        for (int i = 0; i <= 40; i++) {
            float p[3] = {-60.0f + (float)i * 3.0f, (float)k * 25.0f, 0.333f};
            drawing_stroke_add(d, p);
        }
        drawing_stroke_end(d);
    }
    assert_true(drawing_undo(d)); /* the last stroke goes */
    drawing_stroke_begin(d, DRAWING_TOOL_ERASE, PAIN_QUALITY_ACHING, 0, 8.0f);
    float e[3] = {0.0f, 25.0f, 0.0f};
    assert_true(drawing_stroke_add(d, e) > 0);
    drawing_stroke_end(d);
    enum { W = 60, H = 30 };
    static float skin[W * H * 3], before[W * H * 4], after[W * H * 4];
    for (int j = 0; j < H; j++) {
        for (int i = 0; i < W; i++) {
            float *v = &skin[(j * W + i) * 3];
            v[0] = -90.0f + (float)i * 3.0f;
            v[1] = -20.0f + (float)j * 4.0f;
            v[2] = 0.0f;
        }
    }
    DrawingPaintDesc pd = {.patterns = true};
    drawing_paint_vertices(d, skin, W * H, 3, &pd, before, NULL);
    char path[320], err[1024];
    snprintf(path, sizeof path, "%s/replay.json", g_dir);
    assert_true(drawing_file_save(path, &doc, err, sizeof err));
    DrawingDoc back;
    drawing_doc_init(&back);
    assert_true(drawing_file_load(path, &back, err, sizeof err));
    assert_int_equal(back.drawing.count, d->count);
    drawing_paint_vertices(&back.drawing, skin, W * H, 3, &pd, after, NULL);
    float worst = 0.0f;
    int painted = 0;
    for (int i = 0; i < W * H * 4; i++) {
        worst = fmaxf(worst, fabsf(before[i] - after[i]));
        painted += (i % 4 == 3) && before[i] > 0.0f;
    }
    assert_true(painted > 100);
    if (worst > 0.01f) {
        fail_msg("the reloaded drawing paints differently: %.4f", (double)worst);
    }
    drawing_doc_free(&back);
    drawing_doc_free(&doc);
}

static void test_compare(void **state) {
    (void)state;
    static const char A[] =
        "{\"format\": \"painmap-drawing\", \"schema_version\": 1, \"content_version\": \"1\", "
        "\"label\": \"a\", \"created\": \"2026-01-01T00:00:00Z\", \"modified\": "
        "\"2026-01-01T00:00:00Z\", \"points\": [], \"summary\": {\"dermatome_map\": \"lee_2008\", "
        "\"total_area_mm2\": 3000, \"zones\": [{\"id\": \"zone_buttock_r\", \"area_mm2\": 2000, "
        "\"intensity\": 6}, {\"id\": \"zone_groin_r\", \"area_mm2\": 500, \"intensity\": 2}], "
        "\"dermatomes\": [{\"id\": \"derm_s1_r\", \"area_mm2\": 800, \"intensity\": 6}], "
        "\"sources\": [], \"saddle\": false, \"both_legs\": false}}";
    static const char B[] =
        "{\"format\": \"painmap-drawing\", \"schema_version\": 1, \"content_version\": \"1\", "
        "\"label\": \"b\", \"created\": \"2026-02-01T00:00:00Z\", \"modified\": "
        "\"2026-02-01T00:00:00Z\", \"points\": [], \"summary\": {\"dermatome_map\": \"lee_2008\", "
        "\"total_area_mm2\": 900, \"zones\": [{\"id\": \"zone_buttock_r\", \"area_mm2\": 600, "
        "\"intensity\": 3}, {\"id\": \"zone_lateral_thigh_r\", \"area_mm2\": 300, "
        "\"intensity\": 3}], \"dermatomes\": [{\"id\": \"derm_s1_r\", \"area_mm2\": 700, "
        "\"intensity\": 3}], \"sources\": [], \"saddle\": false, \"both_legs\": false}}";
    DrawingDoc a, b;
    drawing_doc_init(&a);
    drawing_doc_init(&b);
    char err[1024];
    if (!drawing_doc_parse(A, strlen(A), "a.json", &a, err, sizeof err) ||
        !drawing_doc_parse(B, strlen(B), "b.json", &b, err, sizeof err)) {
        fail_msg("%s", err);
    }
    DrawingZoneChange ch[8];
    int n = drawing_doc_compare(&a, &b, ch, 8);
    assert_int_equal(n, 4);
    assert_string_equal(ch[0].id, "zone_buttock_r"); /* 2000 -> 600 */
    assert_true(ch[0].area_a_mm2 == 2000.0f && ch[0].area_b_mm2 == 600.0f);
    assert_string_equal(ch[1].id, "zone_groin_r"); /* 500 -> 0 */
    assert_true(ch[1].area_b_mm2 == 0.0f);
    assert_string_equal(ch[2].id, "zone_lateral_thigh_r"); /* 0 -> 300 */
    assert_true(ch[2].area_a_mm2 == 0.0f && !ch[2].dermatome);
    assert_string_equal(ch[3].id, "derm_s1_r");
    assert_true(ch[3].dermatome);
    assert_int_equal(drawing_doc_compare(&a, &b, ch, 2), 4); /* the total, even when cut */
    assert_int_equal(drawing_doc_compare(&a, &a, ch, 8), 3);
    assert_true(ch[0].area_a_mm2 == ch[0].area_b_mm2);
    drawing_doc_free(&a);
    drawing_doc_free(&b);
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_folder(void **state) {
    (void)state;
    char dir[300], err[1024], path[400];
    snprintf(dir, sizeof dir, "%s/drawings", g_dir);
    DrawingFileEntry *list = NULL;
    assert_int_equal(drawing_dir_list(dir, &list, err, sizeof err), 0); /* not there yet */
    free(list);
    assert_true(drawing_dir_ensure(dir, err, sizeof err));
    assert_true(drawing_dir_ensure(dir, err, sizeof err));
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* three drawings changed 100, 40 and 2 days before "now", each with a preview */
    const time_t now = (time_t)1795443125;
    const int age_days[3] = {100, 40, 2};
    char labels[3][DRAWING_LABEL_MAX];
    for (int i = 0; i < 3; i++) {
        DrawingDoc doc;
        drawing_doc_init(&doc);
        drawing_doc_create(&doc, now - (time_t)age_days[i] * 86400 - 3600, "0.1.0");
        drawing_stroke_begin(&doc.drawing, DRAWING_TOOL_PAINT, PAIN_QUALITY_ACHING, 3, 10.0f);
        float p[3] = {0, 0, (float)i};
        drawing_stroke_add(&doc.drawing, p);
        drawing_stroke_end(&doc.drawing);
        drawing_doc_touch(&doc, now - (time_t)age_days[i] * 86400);
        assert_true(drawing_file_path(dir, doc.label, path, sizeof path));
        assert_true(drawing_file_save(path, &doc, err, sizeof err));
        char png[420];
        assert_true(drawing_preview_path(path, png, sizeof png));
        write_file(png, "png");
        memcpy(labels[i], doc.label, sizeof labels[i]);
        drawing_doc_free(&doc);
    }
    /* a damaged drawing and files that are not drawings */
    snprintf(path, sizeof path, "%s/broken.json", dir);
    write_file(path, "{\"format\": ");
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    write_file(path, "hello");
    snprintf(path, sizeof path, "%s/.hidden.json", dir);
    write_file(path, "{}");
    int n = drawing_dir_list(dir, &list, err, sizeof err);
    assert_int_equal(n, 4);
    /* the damaged one has the file's own (recent) time, so it comes first */
    assert_true(list[0].damaged);
    assert_string_equal(list[0].file, "broken.json");
    assert_string_equal(list[0].label, "");
    for (int i = 1; i < 4; i++) {
        assert_false(list[i].damaged);
        assert_string_equal(list[i].label, labels[3 - i]);
        assert_int_equal(list[i].point_count, 1);
        assert_int_equal(list[i].modified_t, now - (time_t)age_days[3 - i] * 86400);
    }
    free(list);
    /* retention of 30 days removes the two older drawings and their previews */
    assert_int_equal(drawing_dir_prune(dir, now, 30, err, sizeof err), 2);
    assert_int_equal(drawing_dir_prune(dir, now, 0, err, sizeof err), 0);
    n = drawing_dir_list(dir, &list, err, sizeof err);
    assert_int_equal(n, 2);
    assert_string_equal(list[1].label, labels[2]);
    free(list);
    assert_true(drawing_file_path(dir, labels[0], path, sizeof path));
    assert_false(file_is_regular(path));
    char png[420];
    assert_true(drawing_preview_path(path, png, sizeof png));
    assert_false(file_is_regular(png));
    /* delete one by hand; deleting it again says why it cannot */
    assert_true(drawing_file_path(dir, labels[2], path, sizeof path));
    assert_true(drawing_file_delete(path, err, sizeof err));
    assert_false(drawing_file_delete(path, err, sizeof err));
    assert_non_null(strstr(err, "cannot delete"));
    /* dates */
    time_t t;
    assert_true(drawing_parse_date("2026-11-23T14:12:05Z", &t));
    assert_int_equal(t, 1795443125);
    assert_true(drawing_parse_date("1970-01-01T00:00:00Z", &t));
    assert_int_equal(t, 0);
    assert_true(drawing_parse_date("2000-02-29T23:59:59Z", &t));
    assert_int_equal(t, 951868799);
    assert_false(drawing_parse_date("2026-11-23", &t));
    assert_false(drawing_parse_date(NULL, &t));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),        cmocka_unit_test(test_damaged_corpus),
        cmocka_unit_test(test_migrate_v0),        cmocka_unit_test(test_failed_save_keeps_old_file),
        cmocka_unit_test(test_labels_and_paths),  cmocka_unit_test(test_folder),
        cmocka_unit_test(test_paint_save_reload), cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
