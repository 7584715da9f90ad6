#include "content/content_json.h"

#include <math.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ContentArenaBlock {
    ContentArenaBlock *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

void *content_arena_alloc(ContentArenaBlock **arena, size_t size) {
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0) {
        size = align;
    }
    ContentArenaBlock *b = *arena;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 64 * 1024 ? size : 64 * 1024;
        b = malloc(sizeof *b + cap);
        if (!b) {
            return NULL;
        }
        b->next = *arena;
        b->used = 0;
        b->cap = cap;
        *arena = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

const char *content_arena_str(ContentArenaBlock **arena, const char *s) {
    size_t n = strlen(s) + 1;
    char *d = content_arena_alloc(arena, n);
    if (!d) {
        return "";
    }
    memcpy(d, s, n);
    return d;
}

void content_arena_free(ContentArenaBlock **arena) {
    ContentArenaBlock *b = *arena;
    while (b) {
        ContentArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    *arena = NULL;
}

/* Offset of the first byte that breaks UTF-8 (an invalid or overlong sequence, a surrogate,
 * a code point past U+10FFFF) or is a NUL, or len when the text is clean. JSON text is UTF-8,
 * and cJSON would otherwise keep broken bytes or cut a string short at a NUL. */
static size_t first_bad_utf8(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp;
        if (c == 0) {
            return i;
        } else if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + n > len) {
            return i;
        }
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        static const unsigned min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += n;
    }
    return len;
}

/* Reports msg at the line and column of byte offset in data ("file:LINE:COL: msg"). */
static void add_at(JsonReader *r, const char *data, size_t offset, const char *msg) {
    int line = 1, col = 1;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    char pos[48];
    snprintf(pos, sizeof pos, "%d:%d", line, col);
    content_diag_add(r->diag, r->file, pos, "%s", msg);
}

cJSON *jr_parse(JsonReader *r, const char *data, size_t len) {
    if (!data) {
        content_diag_add(r->diag, r->file, NULL, "missing (file not found or unreadable)");
        return NULL;
    }
    size_t bad = first_bad_utf8((const unsigned char *)data, len);
    if (bad < len) {
        add_at(r, data, bad,
               data[bad] == '\0' ? "a NUL byte (the file must be UTF-8 text)"
                                 : "not valid UTF-8 (save the file as UTF-8)");
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root) {
        const char *at = end ? end : cJSON_GetErrorPtr();
        size_t offset = at && at >= data && at <= data + len ? (size_t)(at - data) : 0;
        add_at(r, data, offset, "invalid JSON (syntax error here)");
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        content_diag_add(r->diag, r->file, NULL, "top level must be a JSON object");
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

bool jr_check_schema(JsonReader *r, const cJSON *root, int version) {
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!s) {
        content_diag_add(r->diag, r->file, "schema", "missing (expected %d)", version);
        return false;
    }
    if (!cJSON_IsNumber(s) || s->valuedouble != (double)(int)s->valuedouble) {
        content_diag_add(r->diag, r->file, "schema", "must be a whole number");
        return false;
    }
    if (s->valueint != version) {
        content_diag_add(r->diag, r->file, "schema",
                         "unknown schema version %d (this build reads %d)", s->valueint, version);
        return false;
    }
    return true;
}

void jr_check_keys(JsonReader *r, const cJSON *obj, const char *path, const char *const *allowed) {
    if (!cJSON_IsObject(obj)) {
        return;
    }
    int n = 0;
    while (allowed[n]) {
        n++;
    }
    for (const cJSON *it = obj->child; it; it = it->next) {
        bool ok = false;
        for (int i = 0; i < n && !ok; i++) {
            ok = strcmp(it->string, allowed[i]) == 0;
        }
        if (ok) {
            continue;
        }
        char p[256];
        json_path_key(p, sizeof p, path, it->string);
        const char *s = content_suggest(it->string, allowed, n);
        if (s) {
            content_diag_add(r->diag, r->file, p, "unknown field '%s' (did you mean '%s'?)",
                             it->string, s);
        } else {
            content_diag_add(r->diag, r->file, p, "unknown field '%s'", it->string);
        }
    }
}

static const cJSON *member(JsonReader *r, const cJSON *obj, const char *path, const char *key,
                           bool required, char *p, size_t cap) {
    json_path_key(p, cap, path, key);
    const cJSON *v = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
    if (!v && required) {
        content_diag_add(r->diag, r->file, p, "missing");
    }
    return v;
}

const cJSON *jr_object(JsonReader *r, const cJSON *obj, const char *path, const char *key) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, true, p, sizeof p);
    if (v && !cJSON_IsObject(v)) {
        content_diag_add(r->diag, r->file, p, "must be an object");
        return NULL;
    }
    return v;
}

const cJSON *jr_array(JsonReader *r, const cJSON *obj, const char *path, const char *key,
                      bool nonempty) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, true, p, sizeof p);
    if (!v) {
        return NULL;
    }
    if (!cJSON_IsArray(v)) {
        content_diag_add(r->diag, r->file, p, "must be an array");
        return NULL;
    }
    if (nonempty && cJSON_GetArraySize(v) == 0) {
        content_diag_add(r->diag, r->file, p, "must not be empty");
    }
    return v;
}

const char *jr_string(JsonReader *r, const cJSON *obj, const char *path, const char *key,
                      bool allow_empty) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, true, p, sizeof p);
    if (!v) {
        return "";
    }
    if (!cJSON_IsString(v)) {
        content_diag_add(r->diag, r->file, p, "must be a string");
        return "";
    }
    if (!allow_empty && v->valuestring[0] == '\0') {
        content_diag_add(r->diag, r->file, p, "must not be empty");
    }
    const char *copy = content_arena_str(r->arena, v->valuestring);
    jr_note_copy(r, v, copy);
    return copy;
}

const char *jr_string_opt(JsonReader *r, const cJSON *obj, const char *path, const char *key) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, false, p, sizeof p);
    if (!v) {
        return "";
    }
    if (!cJSON_IsString(v)) {
        content_diag_add(r->diag, r->file, p, "must be a string");
        return "";
    }
    const char *copy = content_arena_str(r->arena, v->valuestring);
    jr_note_copy(r, v, copy);
    return copy;
}

static int cmp_node_addr(const void *a, const void *b) {
    uintptr_t x = (uintptr_t) * (const cJSON *const *)a;
    uintptr_t y = (uintptr_t) * (const cJSON *const *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

void jr_note_copy(JsonReader *r, const cJSON *node, const char *copy) {
    if (!r->marked || r->marked_count <= 0 || !r->on_marked) {
        return;
    }
    if (bsearch(&node, r->marked, (size_t)r->marked_count, sizeof *r->marked, cmp_node_addr)) {
        r->on_marked(r->marked_ctx, copy);
    }
}

bool jr_bool_opt(JsonReader *r, const cJSON *obj, const char *path, const char *key, bool def) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, false, p, sizeof p);
    if (!v) {
        return def;
    }
    if (!cJSON_IsBool(v)) {
        content_diag_add(r->diag, r->file, p, "must be true or false");
        return def;
    }
    return cJSON_IsTrue(v);
}

bool jr_number(JsonReader *r, const cJSON *obj, const char *path, const char *key, double min,
               double max, bool required, double *out_value) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, required, p, sizeof p);
    if (!v) {
        return false;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
        content_diag_add(r->diag, r->file, p, "must be a number");
        return false;
    }
    if (v->valuedouble < min || v->valuedouble > max) {
        content_diag_add(r->diag, r->file, p, "%g is out of range [%g, %g]", v->valuedouble, min,
                         max);
        return false;
    }
    *out_value = v->valuedouble;
    return true;
}

bool jr_int(JsonReader *r, const cJSON *obj, const char *path, const char *key, long min, long max,
            bool required, int *out_value) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, required, p, sizeof p);
    if (!v) {
        return false;
    }
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)) {
        content_diag_add(r->diag, r->file, p, "must be a whole number");
        return false;
    }
    if (v->valuedouble < (double)min || v->valuedouble > (double)max) {
        content_diag_add(r->diag, r->file, p, "%g is out of range [%ld, %ld]", v->valuedouble, min,
                         max);
        return false;
    }
    *out_value = (int)v->valuedouble;
    return true;
}

int jr_enum(JsonReader *r, const cJSON *obj, const char *path, const char *key,
            const char *const *values) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, true, p, sizeof p);
    if (!v) {
        return -1;
    }
    if (!cJSON_IsString(v)) {
        content_diag_add(r->diag, r->file, p, "must be a string");
        return -1;
    }
    int n = 0;
    while (values[n]) {
        if (strcmp(values[n], v->valuestring) == 0) {
            return n;
        }
        n++;
    }
    char list[256] = "";
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", values[i]);
        if (w < 0 || (size_t)w >= sizeof list - used) {
            break;
        }
        used += (size_t)w;
    }
    content_diag_add(r->diag, r->file, p, "'%s' is not one of: %s", v->valuestring, list);
    return -1;
}

bool jr_vec3(JsonReader *r, const cJSON *obj, const char *path, const char *key, double limit,
             bool required, float out_v[3]) {
    char p[256];
    const cJSON *v = member(r, obj, path, key, required, p, sizeof p);
    if (!v) {
        return false;
    }
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 3) {
        content_diag_add(r->diag, r->file, p, "must be an array of 3 numbers [x, y, z] in mm");
        return false;
    }
    for (int i = 0; i < 3; i++) {
        const cJSON *c = cJSON_GetArrayItem(v, i);
        if (!cJSON_IsNumber(c) || !isfinite(c->valuedouble) || fabs(c->valuedouble) > limit) {
            char pi[272];
            json_path_index(pi, sizeof pi, p, i);
            content_diag_add(r->diag, r->file, pi, "must be a number within +-%g mm", limit);
            return false;
        }
        out_v[i] = (float)c->valuedouble;
    }
    return true;
}

bool content_id_is_valid(const char *id) {
    size_t n = strlen(id);
    if (n == 0 || n > 63 || !(id[0] >= 'a' && id[0] <= 'z')) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

bool content_date_is_valid(const char *s) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return false;
        }
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
