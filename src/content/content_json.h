/* content_json: cJSON readers that report every problem as "file:json.path: message"
 * and copy strings into an arena. Shared by the content loader and the zone-shape loader
 * (referral/). Internal to painmap_core; no SDL, no GL. */
#ifndef PAINMAP_CONTENT_JSON_H
#define PAINMAP_CONTENT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "content/content_diag.h"

typedef struct ContentArenaBlock ContentArenaBlock;

/* A chain of blocks; every allocation is zeroed and lives until content_arena_free. */
void *content_arena_alloc(ContentArenaBlock **arena, size_t size);
const char *content_arena_str(ContentArenaBlock **arena, const char *s);
void content_arena_free(ContentArenaBlock **arena);

typedef struct JsonReader {
    ContentDiag *diag;
    const char *file;
    ContentArenaBlock **arena;
    /* Optional: string nodes to watch (sorted by address). When jr_string or jr_string_opt
     * copies one of them, on_marked gets the copy (the translation loader uses this to know
     * which strings came from the English fallback). */
    const cJSON *const *marked;
    int marked_count;
    void (*on_marked)(void *ctx, const char *copy);
    void *marked_ctx;
} JsonReader;

/* Parses a whole buffer; on a syntax error reports "file:LINE:COL: invalid JSON ..." and
 * returns NULL. data == NULL reports "file: missing". The root must be an object. */
cJSON *jr_parse(JsonReader *r, const char *data, size_t len);
/* Checks "schema" is present and equals `version`. */
bool jr_check_schema(JsonReader *r, const cJSON *root, int version);
/* Reports every key of obj not in allowed (NULL-terminated), with a suggestion. */
void jr_check_keys(JsonReader *r, const cJSON *obj, const char *path, const char *const *allowed);
/* Object member that must be present and of the given type; NULL (reported) otherwise. */
const cJSON *jr_object(JsonReader *r, const cJSON *obj, const char *path, const char *key);
const cJSON *jr_array(JsonReader *r, const cJSON *obj, const char *path, const char *key,
                      bool nonempty);
/* Required string (arena copy); "" and an error if missing, not a string, or empty when
 * !allow_empty. */
const char *jr_string(JsonReader *r, const cJSON *obj, const char *path, const char *key,
                      bool allow_empty);
/* Optional string: "" when absent; error when present but not a string. */
const char *jr_string_opt(JsonReader *r, const cJSON *obj, const char *path, const char *key);
/* Calls r->on_marked with copy when node is one of r->marked (for copies made outside
 * jr_string). */
void jr_note_copy(JsonReader *r, const cJSON *node, const char *copy);
/* Optional bool (default def). */
bool jr_bool_opt(JsonReader *r, const cJSON *obj, const char *path, const char *key, bool def);
/* Number in [min, max]; when required and absent, an error. Returns false if absent/bad. */
bool jr_number(JsonReader *r, const cJSON *obj, const char *path, const char *key, double min,
               double max, bool required, double *out_value);
/* Whole number in [min, max]. */
bool jr_int(JsonReader *r, const cJSON *obj, const char *path, const char *key, long min, long max,
            bool required, int *out_value);
/* String that must be one of values (NULL-terminated list); returns its index or -1. */
int jr_enum(JsonReader *r, const cJSON *obj, const char *path, const char *key,
            const char *const *values);
/* A [x, y, z] array of finite numbers with |v| <= limit. */
bool jr_vec3(JsonReader *r, const cJSON *obj, const char *path, const char *key, double limit,
             bool required, float out_v[3]);

/* True for ids made of [a-z0-9_], starting with a letter, at most 63 chars. */
bool content_id_is_valid(const char *id);
/* True for "YYYY-MM-DD" with a plausible month and day. */
bool content_date_is_valid(const char *s);

#endif
