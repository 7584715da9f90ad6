#include "core/settings.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/strutil.h"

void settings_default(Settings *out) {
    memset(out, 0, sizeof *out);
    out->map = DERM_MAP_DEFAULT;
    str_copy(out->locale, sizeof out->locale, "system"); /* the system's language */
    out->text_scale = 1.0f;
    out->idle_minutes = 3;
    out->paper = PAPER_A4;
    out->retention_days = 0;
}

static bool bad(char *err, size_t cap, const char *name, const char *field, const char *what) {
    snprintf(err, cap, "%s: %s: %s", name, field, what);
    return false;
}

static bool parse_into(const cJSON *j, const char *name, Settings *s, char *err, size_t cap) {
    const cJSON *v;
    if (!cJSON_IsObject(j)) {
        return bad(err, cap, name, "(top)", "expected a JSON object");
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "version");
    if (v && (!cJSON_IsNumber(v) || v->valuedouble != SETTINGS_VERSION)) {
        return bad(err, cap, name, "version", "unknown settings version");
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "dermatome_map");
    if (v && (!cJSON_IsString(v) || !derm_map_find(v->valuestring, &s->map))) {
        return bad(err, cap, name, "dermatome_map", "expected keegan_garrett or lee_2008");
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "locale");
    if (v) {
        size_t n = cJSON_IsString(v) ? strlen(v->valuestring) : 0;
        bool ok = n >= 2 && n < sizeof s->locale;
        for (size_t i = 0; ok && i < n; i++) {
            char c = v->valuestring[i];
            ok = (c >= 'a' && c <= 'z') || (c == '_' && i > 0) || (c >= 'A' && c <= 'Z');
        }
        if (!ok) {
            return bad(err, cap, name, "locale", "expected a language code such as en or es");
        }
        str_copy(s->locale, sizeof s->locale, v->valuestring);
    }
    static const char *const flags[] = {"reduced_motion", "high_contrast"};
    bool *targets[] = {&s->reduced_motion, &s->high_contrast};
    for (int i = 0; i < 2; i++) {
        v = cJSON_GetObjectItemCaseSensitive(j, flags[i]);
        if (v && !cJSON_IsBool(v)) {
            return bad(err, cap, name, flags[i], "expected true or false");
        }
        if (v) {
            *targets[i] = cJSON_IsTrue(v);
        }
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "text_scale");
    if (v && (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 1.0 ||
              v->valuedouble > 2.0)) {
        return bad(err, cap, name, "text_scale", "expected a number from 1.0 to 2.0");
    }
    if (v) {
        s->text_scale = (float)v->valuedouble;
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "idle_minutes");
    if (v && (!cJSON_IsNumber(v) || !(v->valuedouble >= 1.0 && v->valuedouble <= 120.0) ||
              v->valuedouble != floor(v->valuedouble))) {
        return bad(err, cap, name, "idle_minutes", "expected whole minutes from 1 to 120");
    }
    if (v) {
        s->idle_minutes = (int)v->valuedouble;
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "retention_days");
    if (v && (!cJSON_IsNumber(v) || !(v->valuedouble >= 0.0 && v->valuedouble <= 3650.0) ||
              v->valuedouble != floor(v->valuedouble))) {
        return bad(err, cap, name, "retention_days",
                   "expected whole days from 0 (keep every drawing) to 3650");
    }
    if (v) {
        s->retention_days = (int)v->valuedouble;
    }
    v = cJSON_GetObjectItemCaseSensitive(j, "paper");
    if (v) {
        if (cJSON_IsString(v) && strcmp(v->valuestring, "a4") == 0) {
            s->paper = PAPER_A4;
        } else if (cJSON_IsString(v) && strcmp(v->valuestring, "letter") == 0) {
            s->paper = PAPER_LETTER;
        } else {
            return bad(err, cap, name, "paper", "expected a4 or letter");
        }
    }
    return true;
}

bool settings_parse(const char *json, size_t len, const char *name, Settings *out, char *err,
                    size_t err_cap) {
    settings_default(out);
    cJSON *j = cJSON_ParseWithLength(json, len);
    if (!j) {
        return bad(err, err_cap, name, "(file)", "not valid JSON");
    }
    Settings s;
    settings_default(&s);
    bool ok = parse_into(j, name, &s, err, err_cap);
    cJSON_Delete(j);
    if (ok) {
        *out = s;
    }
    return ok;
}

char *settings_to_json(const Settings *s) {
    cJSON *j = cJSON_CreateObject();
    if (!j) {
        return NULL;
    }
    cJSON_AddNumberToObject(j, "version", SETTINGS_VERSION);
    cJSON_AddStringToObject(j, "dermatome_map", derm_map_name(s->map));
    cJSON_AddStringToObject(j, "locale", s->locale);
    cJSON_AddBoolToObject(j, "reduced_motion", s->reduced_motion);
    cJSON_AddBoolToObject(j, "high_contrast", s->high_contrast);
    cJSON_AddNumberToObject(j, "text_scale", (double)s->text_scale);
    cJSON_AddNumberToObject(j, "idle_minutes", s->idle_minutes);
    cJSON_AddStringToObject(j, "paper", s->paper == PAPER_LETTER ? "letter" : "a4");
    cJSON_AddNumberToObject(j, "retention_days", s->retention_days);
    char *text = cJSON_Print(j);
    cJSON_Delete(j);
    return text;
}
