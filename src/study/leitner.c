#include "study/leitner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "core/drawing_file.h"
#include "core/fileio.h"
#include "core/strutil.h"

static const int INTERVAL_DAYS[LEITNER_BOXES] = {0, 1, 3, 7, 21};

int leitner_interval_days(int box) {
    if (box < 1) {
        box = 1;
    }
    if (box > LEITNER_BOXES) {
        box = LEITNER_BOXES;
    }
    return INTERVAL_DAYS[box - 1];
}

long leitner_day_from_unix(long long unix_sec) {
    long long d = unix_sec / 86400;
    if (unix_sec < 0 && unix_sec % 86400 != 0) {
        d--;
    }
    return (long)d;
}

void leitner_init(Leitner *l) {
    memset(l, 0, sizeof *l);
}

void leitner_free(Leitner *l) {
    if (l) {
        free(l->items);
        memset(l, 0, sizeof *l);
    }
}

const LeitnerItem *leitner_find(const Leitner *l, const char *item) {
    for (int i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].item, item) == 0) {
            return &l->items[i];
        }
    }
    return NULL;
}

static LeitnerItem *add(Leitner *l, const char *item) {
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        LeitnerItem *grown = realloc(l->items, (size_t)cap * sizeof *grown);
        if (!grown) {
            return NULL;
        }
        l->items = grown;
        l->cap = cap;
    }
    LeitnerItem *it = &l->items[l->count++];
    memset(it, 0, sizeof *it);
    str_copy(it->item, sizeof it->item, item);
    it->box = 1;
    return it;
}

bool leitner_record(Leitner *l, const char *item, bool correct, long today) {
    if (!item || !*item || strlen(item) >= LEITNER_ITEM_MAX) {
        return false;
    }
    LeitnerItem *it = (LeitnerItem *)leitner_find(l, item);
    if (!it) {
        if (l->count >= LEITNER_ITEMS_MAX || !(it = add(l, item))) {
            return false;
        }
    }
    it->seen++;
    it->last_day = today;
    if (correct) {
        it->box = it->box < LEITNER_BOXES ? it->box + 1 : LEITNER_BOXES;
    } else {
        it->missed++;
        it->box = 1;
    }
    it->due_day = today + leitner_interval_days(it->box);
    return true;
}

bool leitner_is_due(const Leitner *l, const char *item, long today) {
    const LeitnerItem *it = leitner_find(l, item);
    return it && it->due_day <= today;
}

static int cmp_due(const void *a, const void *b) {
    const LeitnerItem *x = *(const LeitnerItem *const *)a;
    const LeitnerItem *y = *(const LeitnerItem *const *)b;
    if (x->box != y->box) {
        return x->box < y->box ? -1 : 1;
    }
    if (x->due_day != y->due_day) {
        return x->due_day < y->due_day ? -1 : 1;
    }
    return strcmp(x->item, y->item);
}

int leitner_due(const Leitner *l, long today, const char **out_items, int cap) {
    const LeitnerItem **due = malloc((size_t)(l->count > 0 ? l->count : 1) * sizeof *due);
    int n = 0;
    for (int i = 0; i < l->count; i++) {
        if (l->items[i].due_day <= today) {
            if (due) {
                due[n] = &l->items[i];
            }
            n++;
        }
    }
    if (!due) {
        return 0;
    }
    qsort(due, (size_t)n, sizeof *due, cmp_due);
    for (int i = 0; i < n && i < cap; i++) {
        out_items[i] = due[i]->item;
    }
    free(due);
    return n;
}

/* ---- the file ------------------------------------------------------------------------ */

static bool get_long(const cJSON *o, const char *key, long min, long max, long *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < (double)min || v->valuedouble > (double)max ||
        v->valuedouble != (double)(long)v->valuedouble) {
        return false;
    }
    *out = (long)v->valuedouble;
    return true;
}

bool leitner_parse(const char *json, size_t len, const char *name, Leitner *out, char *err,
                   size_t err_cap) {
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        return str_fail(err, err_cap, "%s: not valid JSON", name);
    }
    Leitner l;
    leitner_init(&l);
    bool ok = true;
    long schema = 0;
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (!cJSON_IsObject(root)) {
        ok = str_fail(err, err_cap, "%s: expected an object", name);
    } else if (!get_long(root, "schema", 1, 1, &schema)) {
        ok = str_fail(err, err_cap, "%s:schema: expected 1", name);
    } else if (!cJSON_IsArray(items)) {
        ok = str_fail(err, err_cap, "%s:items: expected an array", name);
    } else if (cJSON_GetArraySize(items) > LEITNER_ITEMS_MAX) {
        ok = str_fail(err, err_cap, "%s:items: more than %d items", name, LEITNER_ITEMS_MAX);
    }
    int i = 0;
    for (const cJSON *it = ok ? items->child : NULL; it && ok; it = it->next, i++) {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(it, "item");
        long box, due, last, seen, missed;
        const long day_max = 10L * 1000 * 1000; /* far beyond any real date */
        if (!cJSON_IsString(key) || !*key->valuestring ||
            strlen(key->valuestring) >= LEITNER_ITEM_MAX) {
            ok = str_fail(err, err_cap, "%s:items[%d].item: expected a non-empty key", name, i);
        } else if (leitner_find(&l, key->valuestring)) {
            ok = str_fail(err, err_cap, "%s:items[%d].item: '%s' is listed twice", name, i,
                          key->valuestring);
        } else if (!get_long(it, "box", 1, LEITNER_BOXES, &box)) {
            ok = str_fail(err, err_cap, "%s:items[%d].box: expected 1 to %d", name, i,
                          LEITNER_BOXES);
        } else if (!get_long(it, "due_day", -day_max, day_max, &due) ||
                   !get_long(it, "last_day", -day_max, day_max, &last)) {
            ok = str_fail(err, err_cap, "%s:items[%d]: due_day and last_day must be whole days",
                          name, i);
        } else if (!get_long(it, "seen", 0, 1000000000L, &seen) ||
                   !get_long(it, "missed", 0, seen, &missed)) {
            ok = str_fail(err, err_cap,
                          "%s:items[%d]: seen and missed must be counts, missed <= seen", name, i);
        } else {
            LeitnerItem *x = add(&l, key->valuestring);
            if (!x) {
                ok = str_fail(err, err_cap, "%s: out of memory", name);
            } else {
                x->box = (int)box;
                x->due_day = due;
                x->last_day = last;
                x->seen = (int)seen;
                x->missed = (int)missed;
            }
        }
    }
    cJSON_Delete(root);
    if (!ok) {
        leitner_free(&l);
        return false;
    }
    leitner_free(out);
    *out = l;
    return true;
}

char *leitner_to_json(const Leitner *l) {
    cJSON *root = cJSON_CreateObject();
    if (!root) {
        return NULL;
    }
    cJSON_AddNumberToObject(root, "schema", 1);
    cJSON *arr = cJSON_AddArrayToObject(root, "items");
    for (int i = 0; arr && i < l->count; i++) {
        const LeitnerItem *it = &l->items[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            break;
        }
        cJSON_AddStringToObject(o, "item", it->item);
        cJSON_AddNumberToObject(o, "box", it->box);
        cJSON_AddNumberToObject(o, "due_day", (double)it->due_day);
        cJSON_AddNumberToObject(o, "last_day", (double)it->last_day);
        cJSON_AddNumberToObject(o, "seen", it->seen);
        cJSON_AddNumberToObject(o, "missed", it->missed);
        cJSON_AddItemToArray(arr, o);
    }
    char *text = arr ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return text;
}

bool leitner_load(const char *path, Leitner *out, char *err, size_t err_cap) {
    leitner_free(out);
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        return true; /* nothing studied yet on this device */
    }
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, err_cap)) {
        return false;
    }
    bool ok = leitner_parse(data, len, path, out, err, err_cap);
    free(data);
    return ok;
}

bool leitner_save(const char *path, const Leitner *l, char *err, size_t err_cap) {
    char *text = leitner_to_json(l);
    if (!text) {
        return str_fail(err, err_cap, "%s: out of memory", path);
    }
    bool ok = drawing_file_write_private(path, text, strlen(text), err, err_cap);
    free(text);
    return ok;
}
