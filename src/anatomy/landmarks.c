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

static bool has_id(const Landmark *items, int count, const char *id) {
    for (int i = 0; i < count; i++) {
        if (strcmp(items[i].id, id) == 0) {
            return true;
        }
    }
    return false;
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
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        set_err(err, err_cap, file, "$: not valid JSON");
        return false;
    }
    bool ok = false;
    Landmark *items = NULL;
    int count = 0;
    int cap = 0;
    if (!cJSON_IsObject(root)) {
        set_err(err, err_cap, file, "$: expected an object");
        goto done;
    }
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsNumber(schema) || schema->valuedouble != 1.0) {
        set_err(err, err_cap, file, "$.schema: expected 1");
        goto done;
    }
    const cJSON *units = cJSON_GetObjectItemCaseSensitive(root, "units");
    if (!cJSON_IsString(units) || strcmp(units->valuestring, "mm") != 0) {
        set_err(err, err_cap, file, "$.units: expected \"mm\"");
        goto done;
    }
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "landmarks");
    if (!cJSON_IsArray(list)) {
        set_err(err, err_cap, file, "$.landmarks: expected an array");
        goto done;
    }
    int index = 0;
    const cJSON *entry = NULL;
    cJSON_ArrayForEach(entry, list) {
        if (!cJSON_IsObject(entry)) {
            set_err(err, err_cap, file, "$.landmarks[%d]: expected an object", index);
            goto done;
        }
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(entry, "id");
        if (!cJSON_IsString(id) || !id_is_valid(id->valuestring)) {
            set_err(err, err_cap, file, "$.landmarks[%d].id: expected a snake_case string", index);
            goto done;
        }
        const cJSON *paired = cJSON_GetObjectItemCaseSensitive(entry, "paired");
        if (paired && !cJSON_IsBool(paired)) {
            set_err(err, err_cap, file, "$.landmarks[%d].paired: expected true or false", index);
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
            set_err(err, err_cap, file, "$.landmarks[%d].estimate: expected true or false", index);
            goto done;
        }
        const cJSON *pos = cJSON_GetObjectItemCaseSensitive(entry, "pos_mm");
        if (!cJSON_IsArray(pos) || cJSON_GetArraySize(pos) != 3) {
            set_err(err, err_cap, file, "$.landmarks[%d].pos_mm: expected [x, y, z]", index);
            goto done;
        }
        float p[3];
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetArrayItem(pos, k);
            if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
                fabs(v->valuedouble) > LANDMARK_LIMIT_MM) {
                set_err(err, err_cap, file,
                        "$.landmarks[%d].pos_mm[%d]: expected a number within +-%.0f mm", index, k,
                        LANDMARK_LIMIT_MM);
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
            if (has_id(out_set->items, out_set->count, lm.id) || has_id(items, count, lm.id)) {
                set_err(err, err_cap, file, "$.landmarks[%d].id: duplicate landmark \"%s\"", index,
                        lm.id);
                goto done;
            }
            if (count == cap) {
                int new_cap = cap ? cap * 2 : 64;
                Landmark *grown = realloc(items, (size_t)new_cap * sizeof *grown);
                if (!grown) {
                    set_err(err, err_cap, file, "$.landmarks[%d]: out of memory", index);
                    goto done;
                }
                items = grown;
                cap = new_cap;
            }
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
