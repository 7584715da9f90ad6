#include "study/study_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/fileio.h"
#include "core/strutil.h"

static const char *const REQUIRED_KEYS[] = {
    "kind_name_structure",
    "kind_tap_structure",
    "kind_zone_source",
    "kind_dermatome",
    "kind_origin",
    "kind_insertion",
    "kind_innervation",
    "kind_nerve_below_piriformis",
    "prompt_name_structure",
    "prompt_tap_structure",
    "prompt_zone_source",
    "prompt_dermatome",
    "prompt_origin",
    "prompt_insertion",
    "prompt_innervation",
    "prompt_nerve_below_piriformis",
    "explain_structure",
    "explain_zone_source",
    "explain_dermatome",
    "explain_origin",
    "explain_insertion",
    "explain_innervation",
    "explain_nerve_below_piriformis",
    "role_primary",
    "role_spillover",
    "marked_point",
    "point_with_side",
    "screen_title",
    "question_of",
    "next",
    "check",
    "correct",
    "wrong",
    "answer_was",
    "score",
    "tap_hint",
    "you_tapped",
    "source_label",
    "end_title",
    "end_score",
    "again",
    "no_questions",
    NULL,
};

const char *const *study_text_required_keys(void) {
    return REQUIRED_KEYS;
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) {
        memcpy(d, s, n);
    }
    return d;
}

static const char *kv_find(const StudyKV *kv, int n, const char *key) {
    for (int i = 0; i < n; i++) {
        if (strcmp(kv[i].key, key) == 0) {
            return kv[i].value;
        }
    }
    return NULL;
}

/* Appends the string members of obj that list lacks; false when out of memory. */
static bool merge_object(const cJSON *obj, StudyKV **list, int *count) {
    int add = 0;
    for (const cJSON *it = obj ? obj->child : NULL; it; it = it->next) {
        add++;
    }
    if (add == 0) {
        return true;
    }
    StudyKV *grown = realloc(*list, (size_t)(*count + add) * sizeof *grown);
    if (!grown) {
        return false;
    }
    *list = grown;
    for (const cJSON *it = obj->child; it; it = it->next) {
        if (kv_find(*list, *count, it->string)) {
            continue;
        }
        char *k = dup_str(it->string);
        char *v = dup_str(it->valuestring);
        if (!k || !v) {
            free(k);
            free(v);
            return false;
        }
        (*list)[*count].key = k;
        (*list)[*count].value = v;
        (*count)++;
    }
    return true;
}

/* Every member of obj must be a string; reports the first that is not. */
static bool check_strings(const cJSON *obj, const char *name, const char *member, char *err,
                          size_t err_cap) {
    if (!obj) {
        return true;
    }
    if (!cJSON_IsObject(obj)) {
        return str_fail(err, err_cap, "%s:%s: expected an object of strings", name, member);
    }
    for (const cJSON *it = obj->child; it; it = it->next) {
        if (!cJSON_IsString(it)) {
            return str_fail(err, err_cap, "%s:%s.%s: expected a string", name, member, it->string);
        }
    }
    return true;
}

bool study_text_parse(const char *json, size_t len, const char *name, StudyText *out, char *err,
                      size_t err_cap) {
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        return str_fail(err, err_cap, "%s: not valid JSON", name);
    }
    bool ok = false;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    const cJSON *strings = cJSON_GetObjectItemCaseSensitive(root, "strings");
    const cJSON *points = cJSON_GetObjectItemCaseSensitive(root, "points");
    if (!cJSON_IsObject(root)) {
        str_fail(err, err_cap, "%s: expected an object", name);
    } else if (!cJSON_IsNumber(schema) || schema->valuedouble != 1.0) {
        str_fail(err, err_cap, "%s:schema: expected 1", name);
    } else if (!cJSON_IsObject(strings)) {
        str_fail(err, err_cap, "%s:strings: missing (an object of strings)", name);
    } else if (check_strings(strings, name, "strings", err, err_cap) &&
               check_strings(points, name, "points", err, err_cap)) {
        ok = merge_object(strings, &out->strings, &out->string_count) &&
             merge_object(points, &out->points, &out->point_count);
        if (!ok) {
            str_fail(err, err_cap, "%s: out of memory", name);
        }
    }
    cJSON_Delete(root);
    return ok;
}

static bool load_one(const char *assets_dir, const char *locale, StudyText *out, char *err,
                     size_t err_cap) {
    char rel[160], path[4096];
    snprintf(rel, sizeof rel, "content/%s/study.json", locale);
    if (!path_join(path, sizeof path, assets_dir, rel)) {
        return str_fail(err, err_cap, "%s: path too long", assets_dir);
    }
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, err_cap)) {
        return false;
    }
    bool ok = study_text_parse(data, len, path, out, err, err_cap);
    free(data);
    return ok;
}

bool study_text_load(const char *assets_dir, const char *locale, StudyText *out, char *err,
                     size_t err_cap) {
    bool any = false;
    if (locale && *locale && strcmp(locale, "en") != 0) {
        any = load_one(assets_dir, locale, out, err, err_cap);
    }
    char err2[1024];
    bool en = load_one(assets_dir, "en", out, err2, sizeof err2);
    if (!en && !any) {
        str_copy(err, err_cap, err2);
    }
    return any || en;
}

void study_text_free(StudyText *text) {
    if (!text) {
        return;
    }
    for (int i = 0; i < text->string_count; i++) {
        free(text->strings[i].key);
        free(text->strings[i].value);
    }
    for (int i = 0; i < text->point_count; i++) {
        free(text->points[i].key);
        free(text->points[i].value);
    }
    free(text->strings);
    free(text->points);
    memset(text, 0, sizeof *text);
}

const char *study_text_get(const StudyText *text, const char *key) {
    const char *v = text ? kv_find(text->strings, text->string_count, key) : NULL;
    return v ? v : key;
}

const char *study_text_point(const StudyText *text, const char *base_id) {
    return text ? kv_find(text->points, text->point_count, base_id) : NULL;
}

/* Appends n bytes of s at *pos, never splitting a UTF-8 sequence; false if cut. */
static bool put(char *out, size_t cap, size_t *pos, const char *s, size_t n) {
    size_t room = cap - 1 - *pos;
    bool fits = n <= room;
    if (!fits) {
        n = room;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--;
        }
    }
    memcpy(out + *pos, s, n);
    *pos += n;
    out[*pos] = '\0';
    return fits;
}

bool study_format(char *out, size_t cap, const char *tmpl, const char *const *names,
                  const char *const *values, int n) {
    if (cap == 0) {
        return false;
    }
    size_t pos = 0;
    out[0] = '\0';
    bool fits = true;
    const char *p = tmpl;
    while (*p && fits) {
        const char *open = strchr(p, '{');
        if (!open) {
            fits = put(out, cap, &pos, p, strlen(p));
            break;
        }
        const char *close = strchr(open, '}');
        if (!close) {
            fits = put(out, cap, &pos, p, strlen(p));
            break;
        }
        fits = put(out, cap, &pos, p, (size_t)(open - p));
        size_t name_len = (size_t)(close - open - 1);
        const char *value = NULL;
        for (int i = 0; i < n && !value; i++) {
            if (strlen(names[i]) == name_len && strncmp(names[i], open + 1, name_len) == 0) {
                value = values[i] ? values[i] : "";
            }
        }
        if (fits) {
            fits = value ? put(out, cap, &pos, value, strlen(value))
                         : put(out, cap, &pos, open, (size_t)(close - open + 1));
        }
        p = close + 1;
    }
    return fits;
}
