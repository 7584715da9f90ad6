/* landmarks: parse and look up named body points (see landmarks.h). */
#include "anatomy/landmarks.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LANDMARK_LIMIT_MM 3000.0

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
set_err(char *err, size_t cap, const char *file, const char *fmt, ...) {
    if (!err || cap == 0) {
        return;
    }
    int n = snprintf(err, cap, "%s:", file ? file : "<memory>");
    if (n < 0 || (size_t)n >= cap) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, cap - (size_t)n, fmt, ap);
    va_end(ap);
}

/* The index of id in items, or -1. */
static int index_of(const Landmark *items, int count, const char *id) {
    for (int i = 0; i < count; i++) {
        if (strcmp(items[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

/* What a JSON value is, for "expected X, got Y" (NULL: the key is missing). */
static void describe(const cJSON *v, char *out, size_t cap) {
    if (!v) {
        snprintf(out, cap, "nothing (the key is missing)");
    } else if (cJSON_IsString(v)) {
        size_t n = strlen(v->valuestring);
        snprintf(out, cap, "\"%.40s%s\"", v->valuestring, n > 40 ? "..." : "");
    } else if (cJSON_IsNumber(v)) {
        snprintf(out, cap, "%g", v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        snprintf(out, cap, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNull(v)) {
        snprintf(out, cap, "null");
    } else if (cJSON_IsArray(v)) {
        snprintf(out, cap, "an array of %d", cJSON_GetArraySize(v));
    } else {
        snprintf(out, cap, "an object");
    }
}

/* Line and column (from 1) of byte offset in text. */
static void line_col(const char *text, size_t offset, int *out_line, int *out_col) {
    int line = 1, col = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    *out_line = line;
    *out_col = col;
}

static bool id_is_valid(const char *id) {
    if (id[0] == '\0') {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
            return false;
        }
    }
    return true;
}

bool landmarks_parse(const char *json, size_t len, const char *file_name, LandmarkSet *out_set,
                     char *err, size_t err_cap) {
    const char *file = file_name ? file_name : "<memory>";
    if (!json || !out_set) {
        set_err(err, err_cap, file, "$: no input");
        return false;
    }
    const char *parse_end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &parse_end, 0);
    if (!root) {
        size_t at = parse_end && parse_end >= json && parse_end <= json + len
                        ? (size_t)(parse_end - json)
                        : 0;
        int line, col;
        line_col(json, at, &line, &col);
        set_err(err, err_cap, file, "%d:%d: not valid JSON", line, col);
        return false;
    }
    bool ok = false;
    Landmark *items = NULL;
    int *origin = NULL; /* the $.landmarks index each item came from */
    int count = 0;
    int cap = 0;
    char got[96];
    if (!cJSON_IsObject(root)) {
        describe(root, got, sizeof got);
        set_err(err, err_cap, file, "$: expected an object, got %s", got);
        goto done;
    }
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsNumber(schema) || schema->valuedouble != 1.0) {
        describe(schema, got, sizeof got);
        set_err(err, err_cap, file, "$.schema: expected 1, got %s", got);
        goto done;
    }
    const cJSON *units = cJSON_GetObjectItemCaseSensitive(root, "units");
    if (!cJSON_IsString(units) || strcmp(units->valuestring, "mm") != 0) {
        describe(units, got, sizeof got);
        set_err(err, err_cap, file, "$.units: expected \"mm\", got %s", got);
        goto done;
    }
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "landmarks");
    if (!cJSON_IsArray(list)) {
        describe(list, got, sizeof got);
        set_err(err, err_cap, file, "$.landmarks: expected an array, got %s", got);
        goto done;
    }
    int index = 0;
    const cJSON *entry = NULL;
    cJSON_ArrayForEach(entry, list) {
        if (!cJSON_IsObject(entry)) {
            describe(entry, got, sizeof got);
            set_err(err, err_cap, file, "$.landmarks[%d]: expected an object, got %s", index, got);
            goto done;
        }
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");
        if (!cJSON_IsString(id) || !id_is_valid(id->valuestring)) {
            describe(id, got, sizeof got);
            set_err(err, err_cap, file,
                    "$.landmarks[%d].id: expected a snake_case string (a-z, 0-9, _), got %s", index,
                    got);
            goto done;
        }
        const cJSON *paired = cJSON_GetObjectItemCaseSensitive(entry, "paired");
        if (paired && !cJSON_IsBool(paired)) {
            describe(paired, got, sizeof got);
            set_err(err, err_cap, file, "$.landmarks[%d].paired: expected true or false, got %s",
                    index, got);
            goto done;
        }
        bool is_paired = paired && cJSON_IsTrue(paired);
        if (strlen(id->valuestring) + (is_paired ? 2u : 0u) >= LANDMARK_ID_MAX) {
            set_err(err, err_cap, file, "$.landmarks[%d].id: longer than %d characters", index,
                    LANDMARK_ID_MAX - 3);
            goto done;
        }
        const cJSON *est = cJSON_GetObjectItemCaseSensitive(entry, "estimate");
        if (est && !cJSON_IsBool(est)) {
            describe(est, got, sizeof got);
            set_err(err, err_cap, file, "$.landmarks[%d].estimate: expected true or false, got %s",
                    index, got);
            goto done;
        }
        const cJSON *pos = cJSON_GetObjectItemCaseSensitive(entry, "pos_mm");
        if (!cJSON_IsArray(pos) || cJSON_GetArraySize(pos) != 3) {
            describe(pos, got, sizeof got);
            set_err(err, err_cap, file, "$.landmarks[%d].pos_mm: expected [x, y, z], got %s", index,
                    got);
            goto done;
        }
        float p[3];
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetArrayItem(pos, k);
            if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
                fabs(v->valuedouble) > LANDMARK_LIMIT_MM) {
                describe(v, got, sizeof got);
                set_err(err, err_cap, file,
                        "$.landmarks[%d].pos_mm[%d]: expected a number within +-%.0f mm, got %s",
                        index, k, LANDMARK_LIMIT_MM, got);
                goto done;
            }
            p[k] = (float)v->valuedouble;
        }
        if (is_paired && p[0] > 0.0f) {
            set_err(err, err_cap, file,
                    "$.landmarks[%d].pos_mm[0]: a paired landmark is written for the right "
                    "side (x <= 0), got %g",
                    index, (double)p[0]);
            goto done;
        }
        for (int side = 0; side < (is_paired ? 2 : 1); side++) {
            Landmark lm;
            memset(&lm, 0, sizeof lm);
            snprintf(lm.id, sizeof lm.id, "%s%s", id->valuestring,
                     is_paired ? (side == 0 ? "_r" : "_l") : "");
            lm.pos_mm[0] = side == 0 ? p[0] : -p[0];
            lm.pos_mm[1] = p[1];
            lm.pos_mm[2] = p[2];
            lm.estimate = est && cJSON_IsTrue(est);
            int first = index_of(items, count, lm.id);
            if (first >= 0) {
                set_err(err, err_cap, file,
                        "$.landmarks[%d].id: duplicate landmark \"%s\" (first at $.landmarks[%d])",
                        index, lm.id, origin[first]);
                goto done;
            }
            if (index_of(out_set->items, out_set->count, lm.id) >= 0) {
                set_err(err, err_cap, file,
                        "$.landmarks[%d].id: duplicate landmark \"%s\" (an earlier file has it)",
                        index, lm.id);
                goto done;
            }
            if (count == cap) {
                int new_cap = cap ? cap * 2 : 64;
                Landmark *grown = realloc(items, (size_t)new_cap * sizeof *grown);
                if (grown) {
                    items = grown;
                }
                int *grown_origin = realloc(origin, (size_t)new_cap * sizeof *grown_origin);
                if (grown_origin) {
                    origin = grown_origin;
                }
                if (!grown || !grown_origin) {
                    set_err(err, err_cap, file, "$.landmarks[%d]: out of memory", index);
                    goto done;
                }
                cap = new_cap;
            }
            origin[count] = index;
            items[count++] = lm;
        }
        index++;
    }
    if (count > 0) {
        Landmark *merged =
            realloc(out_set->items, (size_t)(out_set->count + count) * sizeof *merged);
        if (!merged) {
            set_err(err, err_cap, file, "$.landmarks: out of memory");
            goto done;
        }
        memcpy(merged + out_set->count, items, (size_t)count * sizeof *merged);
        out_set->items = merged;
        out_set->count += count;
    }
    ok = true;
done:
    free(items);
    free(origin);
    cJSON_Delete(root);
    return ok;
}

void landmarks_free(LandmarkSet *set) {
    if (!set) {
        return;
    }
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

const Landmark *landmarks_find(const LandmarkSet *set, const char *id) {
    if (!set || !id) {
        return NULL;
    }
    for (int i = 0; i < set->count; i++) {
        if (strcmp(set->items[i].id, id) == 0) {
            return &set->items[i];
        }
    }
    return NULL;
}
