/* Locales: a translation is laid over English text by text (a missing file, entry, field or
 * UI string falls back to English and is listed, never an error); it cannot add entries or
 * change data; the shipped Spanish is complete and valid; the locale list and the system
 * locale pick. */
#define _POSIX_C_SOURCE 200809L /* strtok_r, setenv */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "content/content.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "referral/ref_assets.h"

static const char *env_or_fail(const char *name) {
    const char *v = getenv(name);
    if (!v || !v[0]) {
        fail_msg("environment variable %s is not set (run through ctest)", name);
    }
    return v;
}

static void read_locale(const char *locale, ContentInput *in) {
    char dir[1024], sub[64], err[256];
    snprintf(sub, sizeof sub, "content/%s", locale);
    assert_true(path_join(dir, sizeof dir, env_or_fail("PAINMAP_ASSETS_DIR"), sub));
    assert_true(content_read_dir(dir, in, err, sizeof err));
    in->locale = locale;
}

static void dump(const ContentDiag *d) {
    for (int i = 0; i < d->count && i < 40; i++) {
        print_message("  got: %s\n", d->lines[i]);
    }
}

static bool has_line(const ContentDiag *d, const char *want) {
    for (int i = 0; i < d->count; i++) {
        if (strcmp(d->lines[i], want) == 0) {
            return true;
        }
    }
    return false;
}

static const ContentFallback *find_fallback(const ContentDb *db, const char *path) {
    for (int i = 0; i < db->fallback_count; i++) {
        if (strcmp(db->fallbacks[i].path, path) == 0) {
            return &db->fallbacks[i];
        }
    }
    return NULL;
}

/* English as the base and a translation made of the given files (others missing). */
typedef struct Pair {
    ContentInput en, tr;
} Pair;

static void pair_open(Pair *p) {
    read_locale("en", &p->en);
    memset(&p->tr, 0, sizeof p->tr);
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        p->tr.files[f].name = content_file_name((ContentFileId)f);
    }
    p->tr.locale = "xx";
}

static void pair_set(Pair *p, ContentFileId f, const char *json) {
    p->tr.files[f].data = json;
    p->tr.files[f].len = strlen(json);
}

static void pair_close(Pair *p) {
    content_input_free(&p->en);
}

static void test_no_translation_at_all_is_english_and_listed(void **state) {
    (void)state;
    Pair p;
    pair_open(&p);
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
    dump(&diag);
    assert_true(ok);
    assert_string_equal(db.locale, "xx");
    /* one entry per missing file, each counting the texts it stands for */
    assert_int_equal(db.fallback_count, CONTENT_FILE_COUNT);
    for (int i = 0; i < db.fallback_count; i++) {
        assert_string_equal(db.fallbacks[i].path, "");
        assert_true(db.fallbacks[i].strings > 0);
    }
    int p_r = content_find_structure(&db, "piriformis_r");
    assert_true(p_r >= 0);
    assert_true(content_text_is_fallback(&db, db.structures[p_r].origin));
    assert_true(content_text_is_fallback(&db, db.structures[p_r].name)); /* sided copy too */
    assert_true(content_text_is_fallback(&db, content_ui(&db, "play", NULL)));
    assert_true(content_text_is_fallback(&db, db.redflag_groups[0].items[0].text));
    assert_true(content_text_is_fallback(&db, db.sources[0].captions[CONTENT_PHASE_TRAVEL]));
    /* not a db string, not a fallback */
    assert_false(content_text_is_fallback(&db, "Origin"));
    content_free(&db);
    content_diag_free(&diag);
    pair_close(&p);
}

static const char *const STRUCTURES_PART =
    "{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
    " {\"id\": \"piriformis\", \"paired\": true, \"kind\": \"muscle\","
    "  \"name\": \"Músculo piriforme\", \"innervation\": {\"nerve\": \"Nervio del piriforme\"},"
    "  \"review\": {\"status\": \"draft\", \"reviewer_role\": \"\", \"date\": \"2026-11-23\"}},"
    " {\"id\": \"sacrum\", \"student_text\": \"Hueso sacro.\"}"
    "]}";

static const char *const UI_PART =
    "{\"schema\": 1, \"locale\": \"xx\", \"strings\": {\"side_left\": \"lado izquierdo\", "
    "\"play\": \"Reproducir\"}}";

static void test_partial_translation_falls_back_string_by_string(void **state) {
    (void)state;
    Pair p;
    pair_open(&p);
    pair_set(&p, CONTENT_FILE_STRUCTURES, STRUCTURES_PART);
    pair_set(&p, CONTENT_FILE_UI, UI_PART);
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
    dump(&diag);
    assert_true(ok);
    int l = content_find_structure(&db, "piriformis_l"),
        r = content_find_structure(&db, "piriformis_r");
    assert_true(l >= 0 && r >= 0);
    /* the translated name, with the translated side word; UTF-8 kept byte for byte */
    assert_string_equal(db.structures[l].name, "Músculo piriforme (lado izquierdo)");
    assert_false(content_text_is_fallback(&db, db.structures[l].name));
    assert_string_equal(db.structures[l].nerve, "Nervio del piriforme");
    /* the untranslated side word, origin and note are English, and say so */
    assert_string_equal(db.structures[r].name, "Músculo piriforme (right)");
    assert_true(content_text_is_fallback(&db, db.structures[l].origin));
    assert_true(content_text_is_fallback(&db, db.structures[l].plain_name));
    assert_non_null(find_fallback(&db, "structures[id=piriformis].origin"));
    assert_non_null(find_fallback(&db, "structures[id=piriformis].innervation.note"));
    assert_null(find_fallback(&db, "structures[id=piriformis].name"));
    assert_null(find_fallback(&db, "structures[id=piriformis].review"));
    /* data comes from English: kind, citations */
    assert_string_equal(db.structures[l].kind, "muscle");
    assert_true(db.structures[l].citations.count > 0);
    /* an entry the translation lacks is one fallback for the whole entry */
    const ContentFallback *fb = find_fallback(&db, "structures[id=gluteus_maximus]");
    assert_non_null(fb);
    assert_true(fb->strings >= 5);
    assert_int_equal(fb->file, CONTENT_FILE_STRUCTURES);
    /* an entry translated without its review is a draft, and listed */
    int s = content_find_structure(&db, "sacrum");
    assert_string_equal(db.structures[s].student_text, "Hueso sacro.");
    assert_string_equal(db.structures[s].review.status, "draft");
    assert_non_null(find_fallback(&db, "structures[id=sacrum].review"));
    /* ui: per key */
    assert_string_equal(content_ui(&db, "play", NULL), "Reproducir");
    assert_false(content_text_is_fallback(&db, content_ui(&db, "play", NULL)));
    assert_true(content_text_is_fallback(&db, content_ui(&db, "pause", NULL)));
    assert_non_null(find_fallback(&db, "strings.pause"));
    assert_null(find_fallback(&db, "strings.play"));
    content_free(&db);
    content_diag_free(&diag);
    pair_close(&p);
}

static void expect_error(const char *structures_json, const char *want_line) {
    Pair p;
    pair_open(&p);
    pair_set(&p, CONTENT_FILE_STRUCTURES, structures_json);
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
    if (!has_line(&diag, want_line)) {
        dump(&diag);
        fail_msg("missing: %s", want_line);
    }
    assert_false(ok);
    /* the bad value was not taken: the facts are still English */
    int k = content_find_structure(&db, "piriformis_r");
    assert_true(k >= 0);
    assert_string_equal(db.structures[k].kind, "muscle");
    assert_string_equal(db.structures[k].layer, "deep_muscles");
    assert_true(db.structures[k].segment_count > 0);
    assert_int_equal(content_find_structure(&db, "kidney_r"), -1);
    content_free(&db);
    content_diag_free(&diag);
    pair_close(&p);
}

static void test_translation_cannot_change_facts(void **state) {
    (void)state;
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"kidney\", \"name\": \"Riñón\"}]}",
                 "structures.json:structures[0].id: 'kidney' is not an id of the English file "
                 "(a translation cannot add entries)");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"piriformis\", \"kind\": \"nerve\", \"name\": \"Piriforme\"}]}",
                 "structures.json:structures[0].kind: differs from the English file: a "
                 "translation may change texts only, not 'kind' (leave it out)");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"piriformis\", \"layer\": \"bones\"}]}",
                 "structures.json:structures[0].layer: differs from the English file: a "
                 "translation may change texts only, not 'layer' (leave it out)");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"piriformis\", \"innervation\": {\"segments\": [\"L1\"]}}]}",
                 "structures.json:structures[0].innervation.segments: differs from the English "
                 "file: a translation may change texts only, not 'segments' (leave it out)");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"piriformis\", \"citations\": [\"TS2\"]}]}",
                 "structures.json:structures[0].citations: differs from the English file: a "
                 "translation may change texts only, not 'citations' (leave it out)");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"piriformis\", \"fma_code\": 5}]}",
                 "structures.json:structures[0].fma_code: 'fma_code' is not in the English file "
                 "(a translation holds only the texts of English entries)");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"piriformis\"}, {\"id\": \"piriformis\"}]}",
                 "structures.json:structures[1].id: duplicate id 'piriformis' (first at "
                 "structures[0])");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": ["
                 "{\"id\": \"l5_vertebra\", \"origin\": \"Algo\"}]}",
                 "structures.json:structures[0].origin: the English text is empty here: a "
                 "translation cannot add text");
    expect_error("{\"schema\": 1, \"locale\": \"yy\", \"structures\": []}",
                 "structures.json:locale: 'yy' does not match the folder 'xx'");
    expect_error("{\"schema\": 1, \"locale\": \"xx\", \"structures\": [{\"name\": \"x\"}]}",
                 "structures.json:structures[0]: an entry of a translation is an object with the "
                 "\"id\" of an English entry");
}

static void test_other_files_cannot_change_facts(void **state) {
    (void)state;
    static const struct {
        ContentFileId file;
        const char *json, *want;
    } cases[] = {
        {CONTENT_FILE_CITATIONS,
         "{\"schema\": 1, \"locale\": \"xx\", \"citations\": [{\"id\": \"TS2\", \"year\": 1993}]}",
         "citations.json:citations[0].year: differs from the English file: a translation may "
         "change texts only, not 'year' (leave it out)"},
        {CONTENT_FILE_CITATIONS,
         "{\"schema\": 1, \"locale\": \"xx\", \"citations\": [{\"id\": \"TS2\", \"title\": "
         "\"Manual\"}]}",
         "citations.json:citations[0].title: differs from the English file: a translation may "
         "change texts only, not 'title' (leave it out)"},
        {CONTENT_FILE_SOURCES,
         "{\"schema\": 1, \"locale\": \"xx\", \"sources\": [{\"id\": \"piriformis\", "
         "\"primary\": [\"zone_groin\"]}]}",
         "sources.json:sources[0].primary: differs from the English file: a translation may "
         "change texts only, not 'primary' (leave it out)"},
        {CONTENT_FILE_SOURCES,
         "{\"schema\": 1, \"locale\": \"xx\", \"sources\": [{\"id\": \"piriformis\", "
         "\"evidence\": {\"strength\": \"high\"}}]}",
         "sources.json:sources[0].evidence.strength: differs from the English file: a "
         "translation may change texts only, not 'strength' (leave it out)"},
        {CONTENT_FILE_REDFLAGS,
         "{\"schema\": 1, \"locale\": \"xx\", \"groups\": [{\"id\": \"cauda_equina\", "
         "\"urgency\": \"soon\"}]}",
         "redflags.json:groups[0].urgency: differs from the English file: a translation may "
         "change texts only, not 'urgency' (leave it out)"},
        {CONTENT_FILE_REDFLAGS,
         "{\"schema\": 1, \"locale\": \"xx\", \"groups\": [{\"id\": \"cauda_equina\", "
         "\"items\": [{\"id\": \"new_sign\", \"text\": \"x\"}]}]}",
         "redflags.json:groups[0].items[0].id: 'new_sign' is not an id of the English file (a "
         "translation cannot add entries)"},
        {CONTENT_FILE_UI, "{\"schema\": 1, \"locale\": \"xx\", \"strings\": {\"plai\": \"x\"}}",
         "ui.json:strings.plai: 'plai' is not in the English file"},
        {CONTENT_FILE_ZONES,
         "{\"schema\": 1, \"locale\": \"xx\", \"zones\": [{\"id\": \"zone_buttock\", \"kind\": "
         "\"dermatome\"}]}",
         "zones.json:zones[0].kind: differs from the English file: a translation may change "
         "texts only, not 'kind' (leave it out)"},
        {CONTENT_FILE_META, "{\"schema\": 1, \"locale\": \"xx\", \"content_version\": \"9.9.9\"}",
         "meta.json:content_version: differs from the English file: a translation may change "
         "texts only, not 'content_version' (leave it out)"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        Pair p;
        pair_open(&p);
        pair_set(&p, cases[c].file, cases[c].json);
        ContentDb db;
        ContentDiag diag = {0};
        bool ok = content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
        if (!has_line(&diag, cases[c].want)) {
            dump(&diag);
            fail_msg("case %zu: missing: %s", c, cases[c].want);
        }
        assert_false(ok);
        content_free(&db);
        content_diag_free(&diag);
        pair_close(&p);
    }
}

static void test_repeating_data_unchanged_is_fine(void **state) {
    (void)state;
    Pair p;
    pair_open(&p);
    pair_set(&p, CONTENT_FILE_STRUCTURES,
             "{\"schema\": 1, \"locale\": \"xx\", \"structures\": [{\"id\": \"piriformis\", "
             "\"paired\": true, \"kind\": \"muscle\", \"layer\": \"deep_muscles\"}]}");
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
    dump(&diag);
    assert_true(ok);
    content_free(&db);
    content_diag_free(&diag);
    pair_close(&p);
}

static void test_damaged_translation_still_loads_english(void **state) {
    (void)state;
    Pair p;
    pair_open(&p);
    pair_set(&p, CONTENT_FILE_SOURCES, "{\"schema\": 1, \"locale\": \"xx\", \"sources\": [");
    ContentDb db;
    ContentDiag diag = {0};
    bool ok = content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
    assert_false(ok);
    assert_true(diag.count >= 1);
    assert_non_null(strstr(diag.lines[0], "sources.json:"));
    assert_true(content_find_source(&db, "piriformis_r") >= 0);
    assert_non_null(find_fallback(&db, ""));
    content_free(&db);
    content_diag_free(&diag);
    pair_close(&p);
}

/* Damaged translation files (cut short, bytes changed, values of the wrong type) are
 * reported, never crash, and English still loads in full. */
static void test_damaged_translations_never_crash(void **state) {
    (void)state;
    ContentInput es;
    read_locale("es", &es);
    static const char *const swaps[][2] = {
        {"\"name\": \"", "\"name\": 5, \"x\": \""},
        {"\"id\": \"", "\"id\": [\""},
        {"\"review\": {", "\"review\": [{"},
        {"\"captions\": {", "\"captions\": \"x\", \"y\": {"},
        {"\"strings\": {", "\"strings\": [{"},
        {"\"items\": [", "\"items\": {\"a\": ["},
        {"\"schema\": 1", "\"schema\": 2"},
    };
    int runs = 0;
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        const char *orig = es.files[f].data;
        size_t len = es.files[f].len;
        assert_non_null(orig);
        char *buf = malloc(len + 64);
        assert_non_null(buf);
        for (int k = 0; k < 40; k++) {
            size_t n = len;
            memcpy(buf, orig, len + 1);
            if (k < 20) {
                n = len * (size_t)k / 20; /* cut short */
                buf[n] = '\0';
            } else if (k < 33) {
                size_t at = (len * (size_t)(k - 20) * 7919u / 13u) % len; /* one byte changed */
                buf[at] = (char)"{}[]\",:0x\\"[(k - 20) % 10];
            } else {
                const char *from = swaps[k - 33][0], *to = swaps[k - 33][1];
                const char *at = strstr(orig, from);
                if (!at) {
                    continue;
                }
                size_t pre = (size_t)(at - orig), fl = strlen(from), tl = strlen(to);
                if (len - fl + tl >= len + 64) {
                    continue;
                }
                memcpy(buf + pre, to, tl);
                memcpy(buf + pre + tl, at + fl, len - pre - fl + 1);
                n = len - fl + tl;
            }
            Pair p;
            pair_open(&p);
            p.tr.locale = "es";
            p.tr.files[f].data = buf;
            p.tr.files[f].len = n;
            ContentDb db;
            ContentDiag diag = {0};
            content_load_translated(&p.en, &p.tr, NULL, &db, &diag);
            assert_true(content_find_structure(&db, "piriformis_r") >= 0);
            assert_true(content_find_source(&db, "root_s1_l") >= 0);
            assert_true(db.redflag_group_count > 0);
            content_free(&db);
            content_diag_free(&diag);
            pair_close(&p);
            runs++;
        }
        free(buf);
    }
    assert_true(runs > 200);
    content_input_free(&es);
}

static void test_english_alone_has_no_fallbacks(void **state) {
    (void)state;
    char dir[1024];
    path_join(dir, sizeof dir, env_or_fail("PAINMAP_ASSETS_DIR"), "content");
    ContentDb db;
    ContentDiag diag = {0};
    assert_true(content_load_locale_dir(dir, "en", NULL, &db, &diag));
    assert_int_equal(db.fallback_count, 0);
    assert_int_equal(db.fallback_text_count, 0);
    content_free(&db);
    /* an unknown locale: an error, and English in its place */
    assert_false(content_load_locale_dir(dir, "fr", NULL, &db, &diag));
    assert_true(
        has_line(&diag, "content/fr: no content folder for the locale 'fr'; English is used"));
    assert_string_equal(db.locale, "en");
    assert_true(content_find_structure(&db, "sacrum") >= 0);
    content_free(&db);
    assert_false(content_load_locale_dir(dir, "../en", NULL, &db, &diag));
    content_free(&db);
    content_diag_free(&diag);
}

static void load_shipped(const char *locale, RefAssets *a) {
    ContentDiag diag = {0};
    bool ok = ref_assets_load(env_or_fail("PAINMAP_ASSETS_DIR"), locale, NULL, 0, a, &diag);
    dump(&diag);
    assert_true(ok);
    assert_int_equal(diag.count, 0);
    content_diag_free(&diag);
}

/* The shipped Spanish: valid against everything English is checked against. */
static void test_shipped_spanish_is_valid(void **state) {
    (void)state;
    RefAssets a, en;
    load_shipped("es", &a);
    load_shipped("en", &en);
    const ContentDb *db = &a.content;
    assert_string_equal(db->locale, "es");
    assert_true(a.engine_ready);
    /* every Spanish item waits for a clinician's review */
    for (int i = 0; i < db->structure_count; i++) {
        assert_string_equal(db->structures[i].review.status, "draft");
    }
    for (int i = 0; i < db->zone_count; i++) {
        assert_string_equal(db->zones[i].review.status, "draft");
    }
    for (int i = 0; i < db->source_count; i++) {
        assert_string_equal(db->sources[i].review.status, "draft");
    }
    assert_string_equal(db->redflags_review.status, "draft");
    /* the facts are English's */
    assert_int_equal(db->structure_count, en.content.structure_count);
    for (int i = 0; i < db->structure_count; i++) {
        assert_string_equal(db->structures[i].id, en.content.structures[i].id);
        assert_string_equal(db->structures[i].kind, en.content.structures[i].kind);
        assert_int_equal(db->structures[i].segment_count, en.content.structures[i].segment_count);
    }
    assert_int_equal(db->source_count, en.content.source_count);
    for (int i = 0; i < db->source_count; i++) {
        assert_string_equal(db->sources[i].id, en.content.sources[i].id);
        assert_int_equal(db->sources[i].primary.count, en.content.sources[i].primary.count);
        assert_int_equal(db->sources[i].spillover.count, en.content.sources[i].spillover.count);
        assert_string_equal(db->sources[i].evidence_level, en.content.sources[i].evidence_level);
    }
    assert_int_equal(db->zone_count, en.content.zone_count);
    assert_int_equal(db->citation_count, en.content.citation_count);
    for (int i = 0; i < db->citation_count; i++) {
        assert_string_equal(db->citations[i].title, en.content.citations[i].title);
        assert_int_equal(db->citations[i].year, en.content.citations[i].year);
    }
    ref_assets_free(&en);
    ref_assets_free(&a);
}

/* The shipped Spanish is complete: not one text falls back to English. */
static void test_shipped_spanish_is_complete(void **state) {
    (void)state;
    RefAssets a;
    load_shipped("es", &a);
    const ContentDb *db = &a.content;
    for (int i = 0; i < db->fallback_count && i < 40; i++) {
        print_message("  not translated: %s:%s (%d)\n", db->fallbacks[i].file_name,
                      db->fallbacks[i].path, db->fallbacks[i].strings);
    }
    assert_int_equal(db->fallback_count, 0);
    assert_int_equal(db->fallback_text_count, 0);
    /* and it is a translation: nearly every structure name differs from English */
    RefAssets en;
    load_shipped("en", &en);
    int same = 0;
    for (int i = 0; i < db->structure_count; i++) {
        same += strcmp(db->structures[i].name, en.content.structures[i].name) == 0;
    }
    assert_true(same * 10 < db->structure_count);
    assert_string_not_equal(content_ui(db, "play", ""), content_ui(&en.content, "play", ""));
    ref_assets_free(&en);
    ref_assets_free(&a);
}

static int cmp_chars(const void *a, const void *b) {
    return strcmp(a, b);
}

/* The numbers of a text (digits, with a decimal comma read as a point), sorted and joined:
 * "24,5 mm, 12 and 2009" -> "12|2009|24.5|". */
static void numbers_of(const char *t, char *out, size_t cap) {
    char nums[64][16];
    int n = 0;
    for (const char *p = t; *p && n < 64;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        size_t k = 0;
        while (*p && k + 1 < sizeof nums[n]) {
            if (*p >= '0' && *p <= '9') {
                nums[n][k++] = *p++;
            } else if ((*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9') {
                nums[n][k++] = '.';
                p++;
            } else {
                break;
            }
        }
        nums[n++][k] = '\0';
    }
    qsort(nums, (size_t)n, sizeof nums[0], cmp_chars);
    out[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        int w = snprintf(out + used, cap - used, "%s|", nums[i]);
        if (w < 0 || (size_t)w >= cap - used) {
            break;
        }
        used += (size_t)w;
    }
}

static int g_number_mismatches;

static void same_numbers(const char *where, const char *es, const char *en) {
    char a[1024], b[1024];
    numbers_of(es, a, sizeof a);
    numbers_of(en, b, sizeof b);
    if (strcmp(a, b) != 0) {
        print_error("%s: numbers differ: es %s / en %s\n", where, a, b);
        g_number_mismatches++;
    }
}

/* A translation keeps every figure: each Spanish text has the same numbers as its English
 * text (percentages, sizes, years, segments such as L4-L5, page numbers). */
static void test_shipped_spanish_keeps_every_number(void **state) {
    (void)state;
    char buf[64];
    numbers_of("24,5 mm, 12 and 2009 (L4-L5)", buf, sizeof buf);
    assert_string_equal(buf, "12|2009|24.5|4|5|");
    RefAssets a, b;
    load_shipped("es", &a);
    load_shipped("en", &b);
    const ContentDb *es = &a.content, *en = &b.content;
    g_number_mismatches = 0;
    for (int i = 0; i < es->structure_count; i++) {
        const ContentStructure *x = &es->structures[i], *y = &en->structures[i];
        const char *const fx[] = {x->name,         x->plain_name,   x->origin,
                                  x->insertion,    x->action,       x->innervation_note,
                                  x->student_text, x->patient_text, x->nerve};
        const char *const fy[] = {y->name,         y->plain_name,   y->origin,
                                  y->insertion,    y->action,       y->innervation_note,
                                  y->student_text, y->patient_text, y->nerve};
        for (size_t k = 0; k < sizeof fx / sizeof fx[0]; k++) {
            same_numbers(x->id, fx[k], fy[k]);
        }
    }
    for (int i = 0; i < es->zone_count; i++) {
        const ContentZone *x = &es->zones[i], *y = &en->zones[i];
        same_numbers(x->id, x->name, y->name);
        same_numbers(x->id, x->plain_name, y->plain_name);
        same_numbers(x->id, x->text, y->text);
        same_numbers(x->id, x->disagreement, y->disagreement);
    }
    for (int i = 0; i < es->source_count; i++) {
        const ContentSource *x = &es->sources[i], *y = &en->sources[i];
        same_numbers(x->id, x->summary_patient, y->summary_patient);
        same_numbers(x->id, x->summary_student, y->summary_student);
        same_numbers(x->id, x->evidence_note, y->evidence_note);
        for (int p = 0; p < CONTENT_PHASE_COUNT; p++) {
            same_numbers(x->id, x->captions[p], y->captions[p]);
        }
    }
    for (int g = 0; g < es->redflag_group_count; g++) {
        const ContentRedFlagGroup *x = &es->redflag_groups[g], *y = &en->redflag_groups[g];
        same_numbers(x->id, x->title, y->title);
        same_numbers(x->id, x->action, y->action);
        for (int k = 0; k < x->item_count; k++) {
            same_numbers(x->items[k].id, x->items[k].text, y->items[k].text);
        }
    }
    for (int i = 0; i < es->citation_count; i++) {
        same_numbers(es->citations[i].id, es->citations[i].note, en->citations[i].note);
    }
    same_numbers("meta.disclaimer", es->meta.disclaimer, en->meta.disclaimer);
    same_numbers("meta.smudging_note", es->meta.smudging_note, en->meta.smudging_note);
    same_numbers("meta.dermatome_maps_note", es->meta.dermatome_maps_note,
                 en->meta.dermatome_maps_note);
    same_numbers("meta.variants_note", es->meta.variants_note, en->meta.variants_note);
    for (int i = 0; i < es->meta.evidence_level_count; i++) {
        same_numbers(es->meta.evidence_levels[i].key, es->meta.evidence_levels[i].value,
                     en->meta.evidence_levels[i].value);
    }
    for (int i = 0; i < es->ui_count; i++) {
        same_numbers(es->ui[i].key, es->ui[i].value,
                     content_ui(en, es->ui[i].key, es->ui[i].value));
    }
    ref_assets_free(&b);
    ref_assets_free(&a);
    assert_int_equal(g_number_mismatches, 0);
}

static cJSON *read_json(const char *rel) {
    char path[1024], err[256];
    path_join(path, sizeof path, env_or_fail("PAINMAP_ASSETS_DIR"), rel);
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, sizeof err)) {
        fail_msg("%s", err);
    }
    cJSON *j = cJSON_ParseWithLength(data, len);
    free(data);
    assert_non_null(j);
    return j;
}

/* The blanks of a template, in order of appearance, as one string ("{zone}{role}"). */
static void blanks(const char *s, char *out, size_t cap) {
    out[0] = '\0';
    size_t n = 0;
    for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        if (!e) {
            break;
        }
        size_t k = (size_t)(e - p + 1);
        if (n + k + 1 > cap) {
            break;
        }
        memcpy(out + n, p, k);
        n += k;
        out[n] = '\0';
    }
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Same blanks, any order (a translation may move them). */
static bool same_blanks(const char *a, const char *b) {
    char ba[256], bb[256];
    blanks(a, ba, sizeof ba);
    blanks(b, bb, sizeof bb);
    const char *la[16], *lb[16];
    int na = 0, nb = 0;
    char *save = NULL;
    for (char *t = strtok_r(ba, "}", &save); t && na < 16; t = strtok_r(NULL, "}", &save)) {
        la[na++] = t;
    }
    for (char *t = strtok_r(bb, "}", &save); t && nb < 16; t = strtok_r(NULL, "}", &save)) {
        lb[nb++] = t;
    }
    if (na != nb) {
        return false;
    }
    qsort(la, (size_t)na, sizeof *la, cmp_str);
    qsort(lb, (size_t)nb, sizeof *lb, cmp_str);
    for (int i = 0; i < na; i++) {
        if (strcmp(la[i], lb[i]) != 0) {
            return false;
        }
    }
    return true;
}

/* Study mode's words (content/<locale>/study.json, read by the study module with the same
 * English fallback): the Spanish file has every key and keeps every template's blanks. */
static void test_shipped_spanish_study_words(void **state) {
    (void)state;
    cJSON *en = read_json("content/en/study.json");
    cJSON *es = read_json("content/es/study.json");
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(es, "locale");
    assert_true(cJSON_IsString(loc) && strcmp(loc->valuestring, "es") == 0);
    static const char *const sections[] = {"strings", "points"};
    for (int s = 0; s < 2; s++) {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(en, sections[s]);
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(es, sections[s]);
        assert_non_null(a);
        assert_non_null(b);
        for (const cJSON *k = a->child; k; k = k->next) {
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(b, k->string);
            if (!cJSON_IsString(t) || !t->valuestring[0]) {
                fail_msg("es/study.json:%s.%s: not translated", sections[s], k->string);
            }
            if (!same_blanks(k->valuestring, t->valuestring)) {
                fail_msg("es/study.json:%s.%s: the blanks differ from English ('%s')", sections[s],
                         k->string, t->valuestring);
            }
        }
        for (const cJSON *k = b->child; k; k = k->next) {
            if (!cJSON_GetObjectItemCaseSensitive(a, k->string)) {
                fail_msg("es/study.json:%s.%s: not in the English file", sections[s], k->string);
            }
        }
    }
    assert_true(same_blanks("{a} y {b}", "{b}, {a}"));
    assert_false(same_blanks("{a} y {b}", "{a}"));
    assert_false(same_blanks("{zone}", "{zona}"));
    cJSON_Delete(en);
    cJSON_Delete(es);
}

static void test_locale_list(void **state) {
    (void)state;
    char dir[1024];
    path_join(dir, sizeof dir, env_or_fail("PAINMAP_ASSETS_DIR"), "content");
    char locales[8][CONTENT_LOCALE_CAP];
    int n = content_list_locales(dir, locales, 8);
    assert_int_equal(n, 2);
    assert_string_equal(locales[0], "en");
    assert_string_equal(locales[1], "es");
    assert_int_equal(content_list_locales(dir, locales, 1), 1);
    assert_int_equal(content_list_locales("/nonexistent/painmap", locales, 8), 0);
    char name[64];
    assert_true(content_locale_name(dir, "es", name, sizeof name));
    assert_string_equal(name, "Español");
    assert_true(content_locale_name(dir, "en", name, sizeof name));
    assert_string_equal(name, "English");
    assert_false(content_locale_name(dir, "fr", name, sizeof name));
    assert_string_equal(name, "fr");
    assert_false(content_locale_name(dir, "../en", name, sizeof name));
}

static void test_choose_locale(void **state) {
    (void)state;
    char dir[1024], out[CONTENT_LOCALE_CAP];
    path_join(dir, sizeof dir, env_or_fail("PAINMAP_ASSETS_DIR"), "content");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "es_ES.UTF-8", 1);
    content_choose_locale(dir, NULL, out, sizeof out);
    assert_string_equal(out, "es");
    content_choose_locale(dir, "system", out, sizeof out);
    assert_string_equal(out, "es");
    content_choose_locale(dir, "en", out, sizeof out); /* the user's choice wins */
    assert_string_equal(out, "en");
    content_choose_locale(dir, "fr", out, sizeof out); /* not installed: the system's */
    assert_string_equal(out, "es");
    setenv("LANG", "de_DE.UTF-8", 1);
    content_choose_locale(dir, "", out, sizeof out);
    assert_string_equal(out, "en");
    setenv("LC_MESSAGES", "es_MX.UTF-8", 1);
    content_choose_locale(dir, "", out, sizeof out);
    assert_string_equal(out, "es");
    content_choose_locale("/nonexistent/painmap", "es", out, sizeof out);
    assert_string_equal(out, "en");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

static void test_locale_pick(void **state) {
    (void)state;
    const char *const av[] = {"en", "es"};
    assert_string_equal(content_locale_pick(NULL, NULL, "es_ES.UTF-8", av, 2), "es");
    assert_ptr_equal(content_locale_pick(NULL, NULL, "es_ES.UTF-8", av, 2), av[1]);
    assert_string_equal(content_locale_pick(NULL, NULL, "es", av, 2), "es");
    assert_string_equal(content_locale_pick(NULL, NULL, "es_MX", av, 2), "es");
    assert_string_equal(content_locale_pick(NULL, NULL, "es-419", av, 2), "es");
    assert_string_equal(content_locale_pick(NULL, NULL, "ES_es.utf8", av, 2), "es");
    assert_string_equal(content_locale_pick(NULL, NULL, "es_ES@euro", av, 2), "es");
    assert_string_equal(content_locale_pick(NULL, NULL, "en_GB.UTF-8", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, "fr_FR.UTF-8", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, "est_EE", av, 2), "en"); /* not es */
    assert_string_equal(content_locale_pick(NULL, NULL, "esperanto", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, "C", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, "C.UTF-8", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, "POSIX", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, NULL, av, 2), "en");
    assert_string_equal(content_locale_pick("", "", "", av, 2), "en");
    /* POSIX order: LC_ALL, then LC_MESSAGES, then LANG */
    assert_string_equal(content_locale_pick(NULL, "es_ES.UTF-8", "en_US.UTF-8", av, 2), "es");
    assert_string_equal(content_locale_pick(NULL, "en_US.UTF-8", "es_ES.UTF-8", av, 2), "en");
    assert_string_equal(content_locale_pick("es_AR", "en_US", "en_US", av, 2), "es");
    assert_string_equal(content_locale_pick("C", "es_ES", "es_ES", av, 2), "en");
    assert_string_equal(content_locale_pick(NULL, "", "es_ES", av, 2), "es");
    /* only what is installed */
    assert_string_equal(content_locale_pick(NULL, NULL, "es_ES", av, 1), "en");
    assert_string_equal(content_locale_pick(NULL, NULL, "es_ES", NULL, 0), "en");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_translation_at_all_is_english_and_listed),
        cmocka_unit_test(test_partial_translation_falls_back_string_by_string),
        cmocka_unit_test(test_translation_cannot_change_facts),
        cmocka_unit_test(test_other_files_cannot_change_facts),
        cmocka_unit_test(test_repeating_data_unchanged_is_fine),
        cmocka_unit_test(test_damaged_translation_still_loads_english),
        cmocka_unit_test(test_damaged_translations_never_crash),
        cmocka_unit_test(test_english_alone_has_no_fallbacks),
        cmocka_unit_test(test_shipped_spanish_is_valid),
        cmocka_unit_test(test_shipped_spanish_is_complete),
        cmocka_unit_test(test_shipped_spanish_keeps_every_number),
        cmocka_unit_test(test_shipped_spanish_study_words),
        cmocka_unit_test(test_locale_list),
        cmocka_unit_test(test_locale_pick),
        cmocka_unit_test(test_choose_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
