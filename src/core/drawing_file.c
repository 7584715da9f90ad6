#define _POSIX_C_SOURCE 200809L
#include "core/drawing_file.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/strutil.h"

#define FORMAT_NAME   "painmap-drawing"
#define POS_LIMIT_MM  3000.0
#define AREA_LIMIT    1.0e8
#define ERR_LINES_MAX 20

/* ---- labels, dates, paths ---- */

void drawing_format_date(time_t t, char out[DRAWING_FILE_DATE_MAX]) {
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        str_copy(out, DRAWING_FILE_DATE_MAX, "1970-01-01T00:00:00Z");
        return;
    }
    strftime(out, DRAWING_FILE_DATE_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void drawing_label_format(time_t t, uint32_t rnd, char out[DRAWING_LABEL_MAX]) {
    static const char ALPHABET[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    const uint32_t n = (uint32_t)(sizeof ALPHABET - 1);
    struct tm tm;
    char when[32] = "1970-01-01-0000";
    if (localtime_r(&t, &tm)) {
        strftime(when, sizeof when, "%Y-%m-%d-%H%M", &tm);
    }
    snprintf(out, DRAWING_LABEL_MAX, "drawing-%s-%c%c%c", when, ALPHABET[rnd % n],
             ALPHABET[(rnd / n) % n], ALPHABET[(rnd / (n * n)) % n]);
}

void drawing_label_generate(time_t t, char out[DRAWING_LABEL_MAX]) {
    if (sodium_init() < 0) {
        /* no secure random source: the time alone still makes a usable, name-free label */
        drawing_label_format(t, (uint32_t)t, out);
        return;
    }
    drawing_label_format(t, randombytes_random(), out);
}

bool drawing_label_is_valid(const char *label) {
    size_t n = label ? strlen(label) : 0;
    if (n == 0 || n >= DRAWING_LABEL_MAX || label[0] == '.') {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)label[i];
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
            return false;
        }
    }
    return true;
}

bool drawing_preview_path(const char *json_path, char *out, size_t cap) {
    size_t n = strlen(json_path);
    if (str_has_suffix(json_path, ".json")) {
        n -= 5;
    }
    if (n + 5 > cap) {
        return false;
    }
    memcpy(out, json_path, n);
    memcpy(out + n, ".png", 5);
    return true;
}

bool drawing_file_path(const char *dir, const char *label, char *out, size_t cap) {
    if (!drawing_label_is_valid(label)) {
        return false;
    }
    int n = snprintf(out, cap, "%s/%s.json", dir, label);
    return n > 0 && (size_t)n < cap;
}

/* ---- the document ---- */

void drawing_doc_init(DrawingDoc *doc) {
    memset(doc, 0, sizeof *doc);
    doc->schema_read = DRAWING_FILE_SCHEMA;
    drawing_init(&doc->drawing);
}

static void summary_clear(DrawingDoc *doc) {
    /* zeroed before freeing, like the drawing's points (see drawing.c) */
    if (doc->zones) {
        sodium_memzero(doc->zones, (size_t)doc->zone_count * sizeof *doc->zones);
    }
    if (doc->dermatomes) {
        sodium_memzero(doc->dermatomes, (size_t)doc->dermatome_count * sizeof *doc->dermatomes);
    }
    if (doc->sources) {
        sodium_memzero(doc->sources, (size_t)doc->source_count * sizeof *doc->sources);
    }
    free(doc->zones);
    free(doc->dermatomes);
    free(doc->sources);
    doc->zones = doc->dermatomes = NULL;
    doc->sources = NULL;
    doc->zone_count = doc->dermatome_count = doc->source_count = 0;
    doc->has_summary = false;
    doc->map[0] = '\0';
    doc->total_area_mm2 = 0.0f;
    doc->saddle = doc->both_legs = false;
}

void drawing_doc_free(DrawingDoc *doc) {
    summary_clear(doc);
    drawing_free(&doc->drawing);
    drawing_doc_init(doc);
}

void drawing_doc_create(DrawingDoc *doc, time_t now, const char *content_version) {
    drawing_doc_free(doc);
    drawing_label_generate(now, doc->label);
    str_copy(doc->content_version, sizeof doc->content_version,
             content_version && content_version[0] ? content_version : "unknown");
    drawing_format_date(now, doc->created);
    drawing_format_date(now, doc->modified);
}

void drawing_doc_touch(DrawingDoc *doc, time_t now) {
    drawing_format_date(now, doc->modified);
}

static bool areas_from(const DrawingZoneArea *in, int n, const ContentDb *db, DrawingFileArea **out,
                       int *out_n) {
    *out = calloc((size_t)n + 1, sizeof **out);
    if (!*out) {
        return false;
    }
    *out_n = 0;
    for (int i = 0; i < n && *out_n < DRAWING_FILE_LIST_MAX; i++) {
        DrawingFileArea *a = &(*out)[(*out_n)++];
        str_copy(a->id, sizeof a->id, db->zones[in[i].zone].id);
        a->area_mm2 = in[i].area_mm2;
        a->intensity = in[i].intensity;
    }
    return true;
}

bool drawing_doc_set_summary(DrawingDoc *doc, const DrawingSummary *s, const ContentDb *db,
                             const char *map_id) {
    summary_clear(doc);
    bool ok =
        areas_from(s->zones, s->zone_count, db, &doc->zones, &doc->zone_count) &&
        areas_from(s->dermatomes, s->dermatome_count, db, &doc->dermatomes, &doc->dermatome_count);
    doc->sources = calloc((size_t)s->match_count + 1, sizeof *doc->sources);
    if (!ok || !doc->sources) {
        summary_clear(doc);
        return false;
    }
    for (int i = 0; i < s->match_count && doc->source_count < DRAWING_FILE_LIST_MAX; i++) {
        DrawingFileSource *src = &doc->sources[doc->source_count++];
        str_copy(src->id, sizeof src->id, db->sources[s->matches[i].source].id);
        src->primary = s->matches[i].primary;
    }
    str_copy(doc->map, sizeof doc->map, map_id ? map_id : "");
    doc->total_area_mm2 = s->total_area_mm2;
    doc->saddle = s->saddle;
    doc->both_legs = s->both_legs;
    doc->has_summary = true;
    return true;
}

/* ---- writing ---- */

typedef struct {
    char *data;
    size_t len, cap;
    bool failed;
} Buf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
buf_add(Buf *b, const char *fmt, ...) {
    if (b->failed) {
        return;
    }
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n =
            vsnprintf(b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = true;
            return;
        }
        if (b->data && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + (size_t)n + 1) {
            cap *= 2;
        }
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
}

static void buf_string(Buf *b, const char *s) {
    buf_add(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            buf_add(b, "\\%c", *p);
        } else if (*p < 0x20) {
            buf_add(b, "\\u%04x", *p);
        } else {
            buf_add(b, "%c", *p);
        }
    }
    buf_add(b, "\"");
}

static void buf_areas(Buf *b, const char *key, const DrawingFileArea *a, int n) {
    buf_add(b, "    \"%s\": [", key);
    for (int i = 0; i < n; i++) {
        buf_add(b, "%s\n      {\"id\": ", i ? "," : "");
        buf_string(b, a[i].id);
        buf_add(b, ", \"area_mm2\": %.1f, \"intensity\": %d}", (double)a[i].area_mm2,
                a[i].intensity);
    }
    buf_add(b, n ? "\n    ],\n" : "],\n");
}

char *drawing_doc_to_json(const DrawingDoc *doc) {
    Buf b = {0};
    buf_add(&b, "{\n  \"format\": \"%s\",\n  \"schema_version\": %d,\n  \"content_version\": ",
            FORMAT_NAME, DRAWING_FILE_SCHEMA);
    buf_string(&b, doc->content_version);
    buf_add(&b, ",\n  \"label\": ");
    buf_string(&b, doc->label);
    buf_add(&b, ",\n  \"created\": ");
    buf_string(&b, doc->created);
    buf_add(&b, ",\n  \"modified\": ");
    buf_string(&b, doc->modified);
    buf_add(&b, ",\n  \"points\": [");
    const Drawing *d = &doc->drawing;
    for (uint32_t i = 0; i < d->count; i++) {
        const DrawingPoint *p = &d->points[i];
        buf_add(&b,
                "%s\n    {\"pos_mm\": [%.2f, %.2f, %.2f], \"intensity\": %d, \"quality\": \"%s\", "
                "\"radius_mm\": %.2f, \"stroke\": %u}",
                i ? "," : "", (double)p->pos_mm[0], (double)p->pos_mm[1], (double)p->pos_mm[2],
                p->intensity, drawing_quality_id((PainQuality)p->quality), (double)p->radius_mm,
                p->stroke);
    }
    buf_add(&b, d->count ? "\n  ],\n" : "],\n");
    if (!doc->has_summary) {
        buf_add(&b, "  \"summary\": null\n}\n");
    } else {
        buf_add(&b, "  \"summary\": {\n    \"dermatome_map\": ");
        buf_string(&b, doc->map);
        buf_add(&b, ",\n    \"total_area_mm2\": %.1f,\n", (double)doc->total_area_mm2);
        buf_areas(&b, "zones", doc->zones, doc->zone_count);
        buf_areas(&b, "dermatomes", doc->dermatomes, doc->dermatome_count);
        buf_add(&b, "    \"sources\": [");
        for (int i = 0; i < doc->source_count; i++) {
            buf_add(&b, "%s\n      {\"id\": ", i ? "," : "");
            buf_string(&b, doc->sources[i].id);
            buf_add(&b, ", \"primary\": %s}", doc->sources[i].primary ? "true" : "false");
        }
        buf_add(&b, doc->source_count ? "\n    ],\n" : "],\n");
        buf_add(&b, "    \"saddle\": %s,\n    \"both_legs\": %s\n  }\n}\n",
                doc->saddle ? "true" : "false", doc->both_legs ? "true" : "false");
    }
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    return b.data;
}

/* ---- reading: every problem becomes one "name:json.path: message" line ---- */

typedef struct {
    const char *name;
    char *buf;
    size_t cap, len;
    int count;
} Errs;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
err_add(Errs *e, const char *path, const char *fmt, ...) {
    e->count++;
    if (!e->buf || e->cap == 0 || e->count > ERR_LINES_MAX + 1) {
        return;
    }
    char msg[512];
    if (e->count == ERR_LINES_MAX + 1) {
        snprintf(msg, sizeof msg, "%s: more problems not shown", e->name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        char text[400];
        vsnprintf(text, sizeof text, fmt, ap);
        va_end(ap);
        snprintf(msg, sizeof msg, "%s:%s: %s", e->name, path, text);
    }
    int n = snprintf(e->buf + e->len, e->cap - e->len, "%s%s", e->len ? "\n" : "", msg);
    if (n > 0) {
        e->len += (size_t)n;
        if (e->len >= e->cap) {
            e->len = e->cap - 1;
        }
    }
}

static const char *type_name(const cJSON *j) {
    if (!j) {
        return "nothing";
    }
    if (cJSON_IsNull(j)) {
        return "null";
    }
    if (cJSON_IsBool(j)) {
        return "a boolean";
    }
    if (cJSON_IsNumber(j)) {
        return "a number";
    }
    if (cJSON_IsString(j)) {
        return "a string";
    }
    if (cJSON_IsArray(j)) {
        return "an array";
    }
    return "an object";
}

static void join(char *out, size_t cap, const char *base, const char *key) {
    snprintf(out, cap, "%s%s%s", base, base[0] ? "." : "", key);
}

/* A number in [lo, hi] at path; whole when `whole`. */
static bool num_value(Errs *e, const cJSON *j, const char *path, double lo, double hi, bool whole,
                      double *out) {
    if (!cJSON_IsNumber(j)) {
        err_add(e, path, "expected a number, got %s", type_name(j));
        return false;
    }
    double v = j->valuedouble;
    if (!isfinite(v)) {
        err_add(e, path, "not a finite number");
        return false;
    }
    if (v < lo || v > hi) {
        err_add(e, path, "%g is out of range (%g to %g)", v, lo, hi);
        return false;
    }
    if (whole && v != floor(v)) {
        err_add(e, path, "expected a whole number, got %g", v);
        return false;
    }
    *out = v;
    return true;
}

static bool num_field(Errs *e, const cJSON *obj, const char *base, const char *key, double lo,
                      double hi, bool whole, double *out) {
    char path[160];
    join(path, sizeof path, base, key);
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j) {
        err_add(e, path, "missing");
        return false;
    }
    return num_value(e, j, path, lo, hi, whole, out);
}

static bool bool_field(Errs *e, const cJSON *obj, const char *base, const char *key, bool *out) {
    char path[160];
    join(path, sizeof path, base, key);
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j) {
        err_add(e, path, "missing");
        return false;
    }
    if (!cJSON_IsBool(j)) {
        err_add(e, path, "expected true or false, got %s", type_name(j));
        return false;
    }
    *out = cJSON_IsTrue(j);
    return true;
}

/* A string of 1..cap-1 bytes, copied to out. */
static bool str_field(Errs *e, const cJSON *obj, const char *base, const char *key, char *out,
                      size_t cap) {
    char path[160];
    join(path, sizeof path, base, key);
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j) {
        err_add(e, path, "missing");
        return false;
    }
    if (!cJSON_IsString(j)) {
        err_add(e, path, "expected a string, got %s", type_name(j));
        return false;
    }
    size_t n = strlen(j->valuestring);
    if (n == 0) {
        err_add(e, path, "is empty");
        return false;
    }
    if (n >= cap) {
        err_add(e, path, "is %zu bytes long, the limit is %zu", n, cap - 1);
        return false;
    }
    memcpy(out, j->valuestring, n + 1);
    return true;
}

static bool is_id(const char *s) {
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) {
            return false;
        }
    }
    return true;
}

static bool id_field(Errs *e, const cJSON *obj, const char *base, const char *key, char *out,
                     size_t cap) {
    if (!str_field(e, obj, base, key, out, cap)) {
        return false;
    }
    if (!is_id(out)) {
        char path[160];
        join(path, sizeof path, base, key);
        err_add(e, path, "'%s' is not an id (lower-case letters, digits and _)", out);
        return false;
    }
    return true;
}

static bool valid_date(const char *s, bool with_time) {
    int y, mo, d, h = 0, mi = 0, sec = 0;
    char tail = 0;
    size_t want = with_time ? 20 : 10;
    if (strlen(s) != want) {
        return false;
    }
    int n = with_time ? sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &tail)
                      : sscanf(s, "%4d-%2d-%2d", &y, &mo, &d);
    if (n != (with_time ? 7 : 3) || (with_time && tail != 'Z')) {
        return false;
    }
    return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 &&
           mi <= 59 && sec <= 60 && h >= 0 && mi >= 0 && sec >= 0;
}

static bool date_field(Errs *e, const cJSON *obj, const char *key, bool with_time, char *out,
                       size_t cap) {
    if (!str_field(e, obj, "", key, out, cap)) {
        return false;
    }
    if (!valid_date(out, with_time)) {
        err_add(e, key, "'%s' is not a date like %s", out,
                with_time ? "2026-11-23T14:32:05Z" : "2026-11-23");
        return false;
    }
    return true;
}

static const cJSON *array_field(Errs *e, const cJSON *obj, const char *base, const char *key,
                                int max) {
    char path[160];
    join(path, sizeof path, base, key);
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!j) {
        err_add(e, path, "missing");
        return NULL;
    }
    if (!cJSON_IsArray(j)) {
        err_add(e, path, "expected an array, got %s", type_name(j));
        return NULL;
    }
    int n = cJSON_GetArraySize(j);
    if (n > max) {
        err_add(e, path, "has %d entries, the limit is %d", n, max);
        return NULL;
    }
    return j;
}

static bool pos_value(Errs *e, const cJSON *arr, const char *path, int n_expected, float *out,
                      double *out_extra) {
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != n_expected) {
        err_add(e, path, "expected %s, got %s",
                n_expected == 3 ? "[x, y, z]" : "[x, y, z, intensity]",
                cJSON_IsArray(arr) ? "an array of another length" : type_name(arr));
        return false;
    }
    bool ok = true;
    for (int k = 0; k < n_expected; k++) {
        char p[200];
        snprintf(p, sizeof p, "%s[%d]", path, k);
        double v = 0;
        bool is_intensity = k == 3;
        if (!num_value(e, cJSON_GetArrayItem(arr, k), p, is_intensity ? 0 : -POS_LIMIT_MM,
                       is_intensity ? DRAWING_INTENSITY_MAX : POS_LIMIT_MM, is_intensity, &v)) {
            ok = false;
            continue;
        }
        if (is_intensity) {
            *out_extra = v;
        } else {
            out[k] = (float)v;
        }
    }
    return ok;
}

static bool quality_value(Errs *e, const cJSON *obj, const char *base, PainQuality *out) {
    char id[32], path[160];
    if (!str_field(e, obj, base, "quality", id, sizeof id)) {
        return false;
    }
    if (!drawing_quality_find(id, out)) {
        join(path, sizeof path, base, "quality");
        err_add(e, path, "unknown quality '%s' (aching, burning, shooting, numbness, pressure)",
                id);
        return false;
    }
    return true;
}

/* Schema 1 points: objects with pos_mm, intensity, quality, radius_mm, stroke. */
static bool parse_points_v1(Errs *e, const cJSON *root, DrawingPoint **out, uint32_t *out_n) {
    const cJSON *arr = array_field(e, root, "", "points", DRAWING_POINTS_MAX);
    if (!arr) {
        return false;
    }
    int n = cJSON_GetArraySize(arr);
    DrawingPoint *pts = calloc((size_t)n + 1, sizeof *pts);
    if (!pts) {
        err_add(e, "points", "out of memory");
        return false;
    }
    bool ok = true;
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char base[64], path[96];
        snprintf(base, sizeof base, "points[%d]", i);
        if (!cJSON_IsObject(it)) {
            err_add(e, base, "expected an object, got %s", type_name(it));
            ok = false;
            continue;
        }
        DrawingPoint *p = &pts[i];
        double v = 0, extra = 0;
        snprintf(path, sizeof path, "%s.pos_mm", base);
        const cJSON *pos = cJSON_GetObjectItemCaseSensitive(it, "pos_mm");
        if (!pos) {
            err_add(e, path, "missing");
            ok = false;
        } else {
            ok = pos_value(e, pos, path, 3, p->pos_mm, &extra) && ok;
        }
        if (num_field(e, it, base, "intensity", 0, DRAWING_INTENSITY_MAX, true, &v)) {
            p->intensity = (uint8_t)v;
        } else {
            ok = false;
        }
        PainQuality q;
        if (quality_value(e, it, base, &q)) {
            p->quality = (uint8_t)q;
        } else {
            ok = false;
        }
        if (num_field(e, it, base, "radius_mm", DRAWING_RADIUS_MIN_MM, DRAWING_RADIUS_MAX_MM, false,
                      &v)) {
            p->radius_mm = (float)v;
        } else {
            ok = false;
        }
        if (num_field(e, it, base, "stroke", 1, 1e9, true, &v)) {
            p->stroke = (uint32_t)v;
        } else {
            ok = false;
        }
    }
    if (!ok) {
        free(pts);
        return false;
    }
    *out = pts;
    *out_n = (uint32_t)n;
    return true;
}

static bool parse_areas(Errs *e, const cJSON *sum, const char *key, DrawingFileArea **out,
                        int *out_n) {
    const cJSON *arr = array_field(e, sum, "summary", key, DRAWING_FILE_LIST_MAX);
    if (!arr) {
        return false;
    }
    int n = cJSON_GetArraySize(arr);
    DrawingFileArea *a = calloc((size_t)n + 1, sizeof *a);
    if (!a) {
        return false;
    }
    bool ok = true;
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char base[64];
        snprintf(base, sizeof base, "summary.%s[%d]", key, i);
        if (!cJSON_IsObject(it)) {
            err_add(e, base, "expected an object, got %s", type_name(it));
            ok = false;
            continue;
        }
        double v = 0;
        ok = id_field(e, it, base, "id", a[i].id, sizeof a[i].id) && ok;
        if (num_field(e, it, base, "area_mm2", 0, AREA_LIMIT, false, &v)) {
            a[i].area_mm2 = (float)v;
        } else {
            ok = false;
        }
        if (num_field(e, it, base, "intensity", 0, DRAWING_INTENSITY_MAX, true, &v)) {
            a[i].intensity = (int)v;
        } else {
            ok = false;
        }
    }
    if (!ok) {
        free(a);
        return false;
    }
    *out = a;
    *out_n = n;
    return true;
}

/* "summary": null (not computed) or the object; fills doc's summary fields. */
static bool parse_summary(Errs *e, const cJSON *root, DrawingDoc *doc) {
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
    if (!sum) {
        err_add(e, "summary", "missing (null when not computed)");
        return false;
    }
    if (cJSON_IsNull(sum)) {
        return true;
    }
    if (!cJSON_IsObject(sum)) {
        err_add(e, "summary", "expected an object or null, got %s", type_name(sum));
        return false;
    }
    double v = 0;
    bool ok = id_field(e, sum, "summary", "dermatome_map", doc->map, sizeof doc->map);
    if (num_field(e, sum, "summary", "total_area_mm2", 0, AREA_LIMIT, false, &v)) {
        doc->total_area_mm2 = (float)v;
    } else {
        ok = false;
    }
    ok = parse_areas(e, sum, "zones", &doc->zones, &doc->zone_count) && ok;
    ok = parse_areas(e, sum, "dermatomes", &doc->dermatomes, &doc->dermatome_count) && ok;
    const cJSON *arr = array_field(e, sum, "summary", "sources", DRAWING_FILE_LIST_MAX);
    if (arr) {
        int n = cJSON_GetArraySize(arr);
        doc->sources = calloc((size_t)n + 1, sizeof *doc->sources);
        int i = 0;
        for (const cJSON *it = arr->child; doc->sources && it; it = it->next, i++) {
            char base[64];
            snprintf(base, sizeof base, "summary.sources[%d]", i);
            if (!cJSON_IsObject(it)) {
                err_add(e, base, "expected an object, got %s", type_name(it));
                ok = false;
                continue;
            }
            DrawingFileSource *s = &doc->sources[i];
            ok = id_field(e, it, base, "id", s->id, sizeof s->id) && ok;
            ok = bool_field(e, it, base, "primary", &s->primary) && ok;
        }
        doc->source_count = doc->sources ? n : 0;
        ok = ok && doc->sources;
    } else {
        ok = false;
    }
    ok = bool_field(e, sum, "summary", "saddle", &doc->saddle) && ok;
    ok = bool_field(e, sum, "summary", "both_legs", &doc->both_legs) && ok;
    doc->has_summary = ok;
    return ok;
}

static bool label_field(Errs *e, const cJSON *root, char *out) {
    if (!str_field(e, root, "", "label", out, DRAWING_LABEL_MAX)) {
        return false;
    }
    if (!drawing_label_is_valid(out)) {
        err_add(e, "label",
                "not a usable label (no control characters, '/' or '\\', and no "
                "leading '.')");
        return false;
    }
    return true;
}

static bool parse_v1(Errs *e, const cJSON *root, DrawingDoc *doc) {
    char format[32];
    bool ok = str_field(e, root, "", "format", format, sizeof format);
    if (ok && strcmp(format, FORMAT_NAME) != 0) {
        err_add(e, "format", "'%s' is not a painmap drawing ('%s')", format, FORMAT_NAME);
        ok = false;
    }
    ok = str_field(e, root, "", "content_version", doc->content_version,
                   sizeof doc->content_version) &&
         ok;
    ok = label_field(e, root, doc->label) && ok;
    ok = date_field(e, root, "created", true, doc->created, sizeof doc->created) && ok;
    ok = date_field(e, root, "modified", true, doc->modified, sizeof doc->modified) && ok;
    DrawingPoint *pts = NULL;
    uint32_t n = 0;
    if (parse_points_v1(e, root, &pts, &n)) {
        ok = drawing_set_points(&doc->drawing, pts, n) && ok;
        free(pts);
    } else {
        ok = false;
    }
    ok = parse_summary(e, root, doc) && ok;
    return ok;
}

/* Schema 0 (before the format was named): {"version": 0, "label", "date": "YYYY-MM-DD",
 * "strokes": [{"quality", "radius_mm", "points": [[x, y, z, intensity], ...]}]}. Each stroke
 * becomes its points with the stroke's quality and radius; the dates become midnight UTC of
 * "date"; the content version is unknown and there is no summary. */
static bool parse_v0(Errs *e, const cJSON *root, DrawingDoc *doc) {
    bool ok = label_field(e, root, doc->label);
    char day[11];
    if (date_field(e, root, "date", false, day, sizeof day)) {
        snprintf(doc->created, sizeof doc->created, "%sT00:00:00Z", day);
        str_copy(doc->modified, sizeof doc->modified, doc->created);
    } else {
        ok = false;
    }
    str_copy(doc->content_version, sizeof doc->content_version, "unknown");
    const cJSON *strokes = array_field(e, root, "", "strokes", DRAWING_POINTS_MAX);
    if (!strokes) {
        return false;
    }
    size_t total = 0;
    for (const cJSON *s = strokes->child; s; s = s->next) {
        const cJSON *pts = cJSON_GetObjectItemCaseSensitive(s, "points");
        total += cJSON_IsArray(pts) ? (size_t)cJSON_GetArraySize(pts) : 0;
    }
    if (total > DRAWING_POINTS_MAX) {
        err_add(e, "strokes", "%zu points in all, the limit is %d", total, DRAWING_POINTS_MAX);
        return false;
    }
    DrawingPoint *out = calloc(total + 1, sizeof *out);
    if (!out) {
        err_add(e, "strokes", "out of memory");
        return false;
    }
    uint32_t n = 0;
    int si = 0;
    for (const cJSON *s = strokes->child; s; s = s->next, si++) {
        char base[64];
        snprintf(base, sizeof base, "strokes[%d]", si);
        if (!cJSON_IsObject(s)) {
            err_add(e, base, "expected an object, got %s", type_name(s));
            ok = false;
            continue;
        }
        PainQuality q = PAIN_QUALITY_ACHING;
        double radius = 0;
        ok = quality_value(e, s, base, &q) && ok;
        ok = num_field(e, s, base, "radius_mm", DRAWING_RADIUS_MIN_MM, DRAWING_RADIUS_MAX_MM, false,
                       &radius) &&
             ok;
        char path[96];
        snprintf(path, sizeof path, "%s.points", base);
        const cJSON *pts = cJSON_GetObjectItemCaseSensitive(s, "points");
        if (!cJSON_IsArray(pts)) {
            err_add(e, path, pts ? "expected an array, got %s" : "missing", type_name(pts));
            ok = false;
            continue;
        }
        int pi = 0;
        for (const cJSON *p = pts->child; p; p = p->next, pi++) {
            char pp[128];
            snprintf(pp, sizeof pp, "%s[%d]", path, pi);
            DrawingPoint *dp = &out[n];
            double intensity = 0;
            if (!pos_value(e, p, pp, 4, dp->pos_mm, &intensity)) {
                ok = false;
                continue;
            }
            dp->intensity = (uint8_t)intensity;
            dp->quality = (uint8_t)q;
            dp->radius_mm = (float)radius;
            dp->stroke = (uint32_t)si + 1;
            n++;
        }
    }
    if (ok) {
        ok = drawing_set_points(&doc->drawing, out, n);
    }
    free(out);
    return ok;
}

bool drawing_doc_parse(const char *json, size_t len, const char *name, DrawingDoc *out, char *err,
                       size_t err_cap) {
    Errs e = {name, err, err_cap, 0, 0};
    if (err && err_cap) {
        err[0] = '\0';
    }
    if (len > DRAWING_FILE_MAX_BYTES) {
        snprintf(err, err_cap, "%s: %zu bytes, larger than a drawing can be (%u)", name, len,
                 DRAWING_FILE_MAX_BYTES);
        return false;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, false);
    if (!root) {
        /* where it broke, as line:column, so a damaged file can be looked at */
        size_t at = end && end >= json && end <= json + len ? (size_t)(end - json) : 0;
        const char *ep = cJSON_GetErrorPtr();
        if (ep && ep >= json && ep <= json + len) {
            at = (size_t)(ep - json);
        }
        int line = 1, col = 1;
        for (size_t i = 0; i < at; i++) {
            line += json[i] == '\n';
            col = json[i] == '\n' ? 1 : col + 1;
        }
        snprintf(err, err_cap, "%s:%d:%d: not valid JSON (the file is damaged or cut short)", name,
                 line, col);
        return false;
    }
    DrawingDoc doc;
    drawing_doc_init(&doc);
    bool ok = false;
    if (!cJSON_IsObject(root)) {
        err_add(&e, "(top)", "expected an object, got %s", type_name(root));
    } else if (cJSON_GetObjectItemCaseSensitive(root, "schema_version")) {
        double v = 0;
        if (num_field(&e, root, "", "schema_version", 0, 1e9, true, &v)) {
            if (v > DRAWING_FILE_SCHEMA) {
                err_add(&e, "schema_version",
                        "%g is newer than this painmap reads (%d); update painmap to open it", v,
                        DRAWING_FILE_SCHEMA);
            } else if (v < DRAWING_FILE_SCHEMA) {
                err_add(&e, "schema_version",
                        "%g: schema 0 files have \"version\", not \"schema_version\"", v);
            } else {
                doc.schema_read = DRAWING_FILE_SCHEMA;
                ok = parse_v1(&e, root, &doc);
            }
        }
    } else if (cJSON_GetObjectItemCaseSensitive(root, "version")) {
        double v = 0;
        if (num_field(&e, root, "", "version", 0, 0, true, &v)) {
            doc.schema_read = 0;
            ok = parse_v0(&e, root, &doc);
        }
    } else {
        err_add(&e, "schema_version", "missing (not a painmap drawing?)");
    }
    cJSON_Delete(root);
    ok = ok && e.count == 0;
    if (!ok) {
        if (e.count == 0) {
            err_add(&e, "(top)", "out of memory");
        }
        drawing_doc_free(&doc);
        return false;
    }
    drawing_doc_free(out);
    *out = doc;
    return true;
}

bool drawing_file_load(const char *path, DrawingDoc *out, char *err, size_t err_cap) {
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, err_cap)) {
        return false;
    }
    bool ok = drawing_doc_parse(data, len, path, out, err, err_cap);
    free(data);
    return ok;
}

/* ---- saving ---- */

static bool fail_errno(char *err, size_t err_cap, const char *path, const char *what, int code) {
    if (err && err_cap) {
        snprintf(err, err_cap, "%s: %s: %s", path, what, strerror(code));
    }
    return false;
}

bool drawing_file_write_private(const char *path, const void *data, size_t len, char *err,
                                size_t err_cap) {
    size_t n = strlen(path);
    char *tmp = malloc(n + 5);
    if (!tmp) {
        return fail_errno(err, err_cap, path, "saving", ENOMEM);
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        int code = errno;
        free(tmp);
        return fail_errno(err, err_cap, path, "cannot create the temporary file", code);
    }
    int code = 0;
    const char *what = NULL;
    /* an old temp file may have had a wider mode; the umask may be anything */
    if (fchmod(fd, 0600) != 0) {
        code = errno;
        what = "cannot make the file private";
    }
    const char *p = data;
    size_t left = len;
    while (!what && left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            code = errno;
            what = "write failed";
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    if (!what && fsync(fd) != 0) {
        code = errno;
        what = "flush failed";
    }
    if (close(fd) != 0 && !what) {
        code = errno;
        what = "close failed";
    }
    if (!what && rename(tmp, path) != 0) {
        code = errno;
        what = "rename failed";
    }
    if (what) {
        unlink(tmp);
        free(tmp);
        return fail_errno(err, err_cap, path, what, code);
    }
    free(tmp);
    /* make the rename itself durable; failing to open the folder is not fatal */
    char dir[4096];
    str_copy(dir, sizeof dir, path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *(slash == dir ? slash + 1 : slash) = '\0';
    } else {
        str_copy(dir, sizeof dir, ".");
    }
    int dfd = open(dir, O_RDONLY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    return true;
}

bool drawing_file_save(const char *path, const DrawingDoc *doc, char *err, size_t err_cap) {
    char *json = drawing_doc_to_json(doc);
    if (!json) {
        return fail_errno(err, err_cap, path, "saving", ENOMEM);
    }
    bool ok = drawing_file_write_private(path, json, strlen(json), err, err_cap);
    free(json);
    return ok;
}

/* ---- two visits compared ---- */

static int cmp_change(const void *x, const void *y) {
    const DrawingZoneChange *a = x, *b = y;
    float da = fabsf(a->area_b_mm2 - a->area_a_mm2), db = fabsf(b->area_b_mm2 - b->area_a_mm2);
    if (da != db) {
        return da > db ? -1 : 1;
    }
    return strcmp(a->id, b->id);
}

/* Adds the areas of one list to the changes (side 0 = a, 1 = b). */
static void changes_add(DrawingZoneChange *all, int *n, const DrawingFileArea *areas, int count,
                        bool dermatome, int side) {
    for (int i = 0; i < count; i++) {
        int at = -1;
        for (int k = 0; k < *n && at < 0; k++) {
            if (all[k].dermatome == dermatome && strcmp(all[k].id, areas[i].id) == 0) {
                at = k;
            }
        }
        if (at < 0) {
            at = (*n)++;
            memset(&all[at], 0, sizeof all[at]);
            str_copy(all[at].id, sizeof all[at].id, areas[i].id);
            all[at].dermatome = dermatome;
        }
        *(side ? &all[at].area_b_mm2 : &all[at].area_a_mm2) = areas[i].area_mm2;
    }
}

int drawing_doc_compare(const DrawingDoc *a, const DrawingDoc *b, DrawingZoneChange *out, int cap) {
    size_t most = (size_t)a->zone_count + (size_t)a->dermatome_count + (size_t)b->zone_count +
                  (size_t)b->dermatome_count;
    DrawingZoneChange *all = calloc(most + 1, sizeof *all);
    if (!all) {
        return 0;
    }
    int n = 0;
    changes_add(all, &n, a->zones, a->zone_count, false, 0);
    changes_add(all, &n, a->dermatomes, a->dermatome_count, true, 0);
    changes_add(all, &n, b->zones, b->zone_count, false, 1);
    changes_add(all, &n, b->dermatomes, b->dermatome_count, true, 1);
    qsort(all, (size_t)n, sizeof *all, cmp_change);
    for (int i = 0; i < n && i < cap; i++) {
        out[i] = all[i];
    }
    free(all);
    return n;
}

/* ---- the drawings folder ---- */

bool drawing_parse_date(const char *iso, time_t *out) {
    int y, mo, d, h, mi, sec;
    char z = 0;
    if (!iso || !valid_date(iso, true) ||
        sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7) {
        return false;
    }
    /* days from the civil date (proleptic Gregorian), without the local time zone */
    int yy = mo <= 2 ? y - 1 : y;
    int era = yy / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = (long long)era * 146097 + doe - 719468;
    *out = (time_t)(days * 86400 + h * 3600 + mi * 60 + sec);
    return true;
}

bool drawing_dir_ensure(const char *dir, char *err, size_t err_cap) {
    if (file_is_dir(dir)) {
        return true;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        return fail_errno(err, err_cap, dir, "cannot create the folder", errno);
    }
    return true;
}

static int cmp_entry(const void *a, const void *b) {
    const DrawingFileEntry *x = a, *y = b;
    if (x->modified_t != y->modified_t) {
        return x->modified_t > y->modified_t ? -1 : 1;
    }
    return strcmp(x->file, y->file);
}

int drawing_dir_list(const char *dir, DrawingFileEntry **out, char *err, size_t err_cap) {
    *out = NULL;
    DIR *dp = opendir(dir);
    if (!dp) {
        if (errno == ENOENT) {
            return 0;
        }
        fail_errno(err, err_cap, dir, "cannot read the folder", errno);
        return -1;
    }
    int count = 0, cap = 0;
    DrawingFileEntry *list = NULL;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        const char *name = de->d_name;
        size_t n = strlen(name);
        if (name[0] == '.' || !str_has_suffix(name, ".json") || n >= sizeof list->file) {
            continue;
        }
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
            !file_is_regular(path)) {
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            DrawingFileEntry *grown = realloc(list, (size_t)cap * sizeof *grown);
            if (!grown) {
                free(list);
                closedir(dp);
                fail_errno(err, err_cap, dir, "listing", ENOMEM);
                return -1;
            }
            list = grown;
        }
        DrawingFileEntry *e = &list[count++];
        memset(e, 0, sizeof *e);
        memcpy(e->file, name, n + 1);
        DrawingDoc doc;
        drawing_doc_init(&doc);
        if (drawing_file_load(path, &doc, NULL, 0) &&
            drawing_parse_date(doc.modified, &e->modified_t)) {
            str_copy(e->label, sizeof e->label, doc.label);
            str_copy(e->modified, sizeof e->modified, doc.modified);
            e->point_count = doc.drawing.count;
        } else {
            struct stat st;
            e->damaged = true;
            e->modified_t = stat(path, &st) == 0 ? st.st_mtime : 0;
            drawing_format_date(e->modified_t, e->modified);
        }
        drawing_doc_free(&doc);
    }
    closedir(dp);
    if (count > 1) {
        qsort(list, (size_t)count, sizeof *list, cmp_entry);
    }
    *out = list;
    return count;
}

bool drawing_file_delete(const char *json_path, char *err, size_t err_cap) {
    char png[4096];
    if (unlink(json_path) != 0) {
        return fail_errno(err, err_cap, json_path, "cannot delete", errno);
    }
    if (drawing_preview_path(json_path, png, sizeof png) && unlink(png) != 0 && errno != ENOENT) {
        return fail_errno(err, err_cap, png, "cannot delete", errno);
    }
    return true;
}

int drawing_dir_prune(const char *dir, time_t now, int keep_days, char *err, size_t err_cap) {
    if (keep_days <= 0) {
        return 0;
    }
    DrawingFileEntry *list = NULL;
    int n = drawing_dir_list(dir, &list, err, err_cap);
    if (n < 0) {
        return -1;
    }
    time_t limit = now - (time_t)keep_days * 86400;
    int deleted = 0;
    bool ok = true;
    for (int i = 0; i < n; i++) {
        if (list[i].modified_t >= limit) {
            continue;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, list[i].file);
        if (drawing_file_delete(path, err, err_cap)) {
            deleted++;
        } else {
            ok = false;
        }
    }
    free(list);
    return ok ? deleted : -1;
}
