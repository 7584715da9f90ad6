/* The locale side of the content: loading a locale over English, listing the locale folders,
 * and picking the locale the system asks for. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "content/content.h"
#include "core/fileio.h"
#include "core/strutil.h"

static bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

static bool is_upper_or_digit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* "en", "es", "ast", "pt_BR", "es_419"... */
static bool locale_code_is_valid(const char *s) {
    size_t n = 0;
    while (is_lower(s[n])) {
        n++;
    }
    if (n < 2 || n > 3) {
        return false;
    }
    if (s[n] == '\0') {
        return true;
    }
    if (s[n] != '_') {
        return false;
    }
    size_t k = 0;
    while (is_upper_or_digit(s[n + 1 + k])) {
        k++;
    }
    return (k == 2 || k == 3) && s[n + 1 + k] == '\0';
}

static void name_files(ContentInput *in, const char *locale, char (*names)[64]) {
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        snprintf(names[f], 64, "%s/%s", locale, content_file_name((ContentFileId)f));
        in->files[f].name = names[f];
    }
}

bool content_load_locale_dir(const char *content_dir, const char *locale, const ContentCheck *check,
                             ContentDb *out_db, ContentDiag *diag) {
    int before = diag->count;
    char dir[1024], err[512];
    ContentInput base;
    if (!path_join(dir, sizeof dir, content_dir, CONTENT_BASE_LOCALE) ||
        !content_read_dir(dir, &base, err, sizeof err)) {
        memset(out_db, 0, sizeof *out_db);
        content_diag_add(diag, "content/" CONTENT_BASE_LOCALE, NULL,
                         "no content folder for the locale '%s' (the base of every translation)",
                         CONTENT_BASE_LOCALE);
        return false;
    }
    base.locale = CONTENT_BASE_LOCALE;
    bool english = !locale || !locale[0] || strcmp(locale, CONTENT_BASE_LOCALE) == 0;
    ContentInput tr;
    bool have_tr = false;
    if (!english) {
        char where[64];
        snprintf(where, sizeof where, "content/%.40s", locale);
        if (!locale_code_is_valid(locale)) {
            content_diag_add(diag, where, NULL,
                             "'%s' is not a locale code (such as es or pt_BR); English is used",
                             locale);
        } else if (!path_join(dir, sizeof dir, content_dir, locale) ||
                   !content_read_dir(dir, &tr, err, sizeof err)) {
            content_diag_add(diag, where, NULL,
                             "no content folder for the locale '%s'; English is used", locale);
        } else {
            have_tr = true;
            tr.locale = locale;
        }
    }
    if (have_tr) {
        char base_names[CONTENT_FILE_COUNT][64], tr_names[CONTENT_FILE_COUNT][64];
        name_files(&base, CONTENT_BASE_LOCALE, base_names);
        name_files(&tr, locale, tr_names);
        content_load_translated(&base, &tr, check, out_db, diag);
        content_input_free(&tr);
    } else {
        content_load(&base, check, out_db, diag);
    }
    content_input_free(&base);
    return diag->count == before;
}

bool content_locale_name(const char *content_dir, const char *locale, char *out, size_t cap) {
    str_copy(out, cap, locale);
    char sub[1024], path[1100], err[256];
    if (!locale_code_is_valid(locale) || !path_join(sub, sizeof sub, content_dir, locale) ||
        !path_join(path, sizeof path, sub, "ui.json")) {
        return false;
    }
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, sizeof err)) {
        return false;
    }
    cJSON *root = cJSON_ParseWithLength(data, len);
    free(data);
    const cJSON *strings = cJSON_GetObjectItemCaseSensitive(root, "strings");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(strings, "language_name");
    bool ok = cJSON_IsString(name) && name->valuestring[0];
    if (ok) {
        str_copy(out, cap, name->valuestring);
    }
    cJSON_Delete(root);
    return ok;
}

static int cmp_locale(const void *a, const void *b) {
    return strcmp(a, b);
}

int content_list_locales(const char *content_dir, char (*out)[CONTENT_LOCALE_CAP], int max) {
    DIR *dp = opendir(content_dir);
    if (!dp) {
        return 0;
    }
    int n = 0;
    for (struct dirent *de = readdir(dp); de && n < max; de = readdir(dp)) {
        if (strlen(de->d_name) >= CONTENT_LOCALE_CAP || !locale_code_is_valid(de->d_name)) {
            continue;
        }
        char sub[1024], meta[1100];
        if (!path_join(sub, sizeof sub, content_dir, de->d_name) ||
            !path_join(meta, sizeof meta, sub, "meta.json") || !file_is_regular(meta)) {
            continue;
        }
        str_copy(out[n++], CONTENT_LOCALE_CAP, de->d_name);
    }
    closedir(dp);
    qsort(out, (size_t)n, sizeof *out, cmp_locale);
    return n;
}

const char *content_locale_pick(const char *lc_all, const char *lc_messages, const char *lang,
                                const char *const *available, int available_count) {
    const char *v = NULL;
    const char *vars[3] = {lc_all, lc_messages, lang};
    for (int i = 0; i < 3 && !v; i++) {
        if (vars[i] && vars[i][0]) {
            v = vars[i];
        }
    }
    if (!v || !strcmp(v, "C") || !strcmp(v, "POSIX") || !strncmp(v, "C.", 2)) {
        return CONTENT_BASE_LOCALE;
    }
    /* the language: letters up to '_', '-', '.', '@' or the end */
    size_t n = 0;
    while (is_lower(v[n]) || (v[n] >= 'A' && v[n] <= 'Z')) {
        n++;
    }
    if (n < 2 || n > 3 || (v[n] && v[n] != '_' && v[n] != '-' && v[n] != '.' && v[n] != '@')) {
        return CONTENT_BASE_LOCALE;
    }
    char code[4];
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        code[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    code[n] = '\0';
    for (int i = 0; i < available_count; i++) {
        if (available[i] && strcmp(available[i], code) == 0) {
            return available[i];
        }
    }
    return CONTENT_BASE_LOCALE;
}

const char *content_locale_from_env(const char *const *available, int available_count) {
    return content_locale_pick(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"), available,
                               available_count);
}

void content_choose_locale(const char *content_dir, const char *preferred, char *out, size_t cap) {
    char found[32][CONTENT_LOCALE_CAP];
    int n = content_list_locales(content_dir, found, 32);
    const char *avail[32];
    for (int i = 0; i < n; i++) {
        avail[i] = found[i];
    }
    if (preferred && preferred[0] && strcmp(preferred, "system") != 0) {
        for (int i = 0; i < n; i++) {
            if (strcmp(avail[i], preferred) == 0) {
                str_copy(out, cap, preferred);
                return;
            }
        }
    }
    str_copy(out, cap, content_locale_from_env(avail, n));
}
