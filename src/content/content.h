/* content: painmap's words (names, texts, captions, citations, red flags) parsed from
 * the JSON files of one locale (assets/content/<locale>/), validated, with paired entries
 * expanded to _l/_r and every id resolved to an index. English (en/) holds the facts and
 * its texts; another locale holds texts only and is laid over English, falling back to it
 * text by text (content_load_translated, content_load_locale_dir; docs/translation.md).
 * Loads from memory buffers; content_read_dir is a convenience that reads the files first.
 * Owns all its strings (one arena per ContentDb). Depends on cJSON and core only: no SDL,
 * no GL. */
#ifndef PAINMAP_CONTENT_CONTENT_H
#define PAINMAP_CONTENT_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "content/content_diag.h"

#define CONTENT_SCHEMA_VERSION 1

typedef enum {
    CONTENT_FILE_META = 0,
    CONTENT_FILE_CITATIONS,
    CONTENT_FILE_UI,
    CONTENT_FILE_STRUCTURES,
    CONTENT_FILE_ZONES,
    CONTENT_FILE_SOURCES,
    CONTENT_FILE_REDFLAGS,
    CONTENT_FILE_COUNT
} ContentFileId;

typedef enum { CONTENT_SIDE_MIDLINE = 0, CONTENT_SIDE_LEFT, CONTENT_SIDE_RIGHT } ContentSide;

typedef enum {
    CONTENT_PHASE_TENSION = 0,
    CONTENT_PHASE_TRAVEL,
    CONTENT_PHASE_PRIMARY,
    CONTENT_PHASE_SPILLOVER,
    CONTENT_PHASE_COUNT
} ContentPhase;

typedef enum {
    CONTENT_STEP_STRUCTURE = 0,
    CONTENT_STEP_LANDMARK,
    CONTENT_STEP_ZONE
} ContentStepKind;

/* One input file: name is what errors print ("sources.json"); data NULL = missing. */
typedef struct ContentFile {
    const char *name;
    const char *data;
    size_t len;
    char why[200]; /* data NULL although something is there (a folder, no permission): why */
} ContentFile;

typedef struct ContentInput {
    ContentFile files[CONTENT_FILE_COUNT];
    const char *locale; /* expected "locale" value, e.g. "en"; NULL = accept any */
} ContentInput;

/* What the content is checked against, beyond itself. Every list is optional (NULL/0 =
 * skip that check). Ids are fully expanded (piriformis_r, key_l5_l, zone_buttock_r). */
typedef struct ContentCheck {
    const char *const *landmark_ids;
    int landmark_count;
    const char *const *zone_shape_ids; /* every zone id with a shape (zones + dermatomes) */
    int zone_shape_count;
    const char *const *node_names; /* node names of body.glb */
    int node_count;
} ContentCheck;

typedef struct ContentReview {
    const char *status; /* "draft" | "reviewed" */
    const char *reviewer_role;
    const char *date; /* YYYY-MM-DD */
} ContentReview;

typedef struct ContentIndexList {
    int *items;
    int count;
} ContentIndexList;

typedef struct ContentCitation {
    const char *id, *authors, *title, *journal, *confidence, *note;
    int year;
} ContentCitation;

typedef struct ContentStructure {
    const char *id;      /* piriformis_r */
    const char *base_id; /* piriformis */
    ContentSide side;
    const char *kind, *layer;
    const char *name, *plain_name; /* with the side word appended for paired entries */
    const char *origin, *insertion, *action;
    const char *nerve, *innervation_note;
    const char **segments;
    int segment_count;
    const char *student_text, *patient_text;
    int fma_id; /* 0 = none */
    ContentIndexList citations;
    ContentReview review;
} ContentStructure;

typedef struct ContentZone {
    const char *id, *base_id;
    ContentSide side;
    const char *kind;            /* region | dermatome | nerve_territory */
    const char *segment, *nerve; /* "" when not applicable */
    const char *name, *plain_name, *text, *disagreement;
    ContentIndexList citations;
    ContentReview review;
} ContentZone;

typedef struct ContentPathStep {
    ContentStepKind kind;
    const char *id; /* resolved full id (structure, landmark or zone) */
    int index;      /* structure or zone index; landmark: index into ContentCheck ids or -1 */
} ContentPathStep;

typedef struct ContentSource {
    const char *id, *base_id;
    ContentSide side;
    const char *group, *mechanism;
    int structure; /* structure index */
    const char *name, *plain_name;
    ContentIndexList primary, spillover; /* zone indices */
    ContentPathStep *path;
    int path_count;
    const char *captions[CONTENT_PHASE_COUNT];
    const char *summary_patient, *summary_student;
    const char *evidence_level, *evidence_strength, *evidence_note;
    ContentIndexList citations;
    ContentReview review;
} ContentSource;

typedef struct ContentRedFlagItem {
    const char *id, *text;
} ContentRedFlagItem;

typedef struct ContentRedFlagGroup {
    const char *id, *urgency, *title, *action;
    ContentRedFlagItem *items;
    int item_count;
    ContentIndexList citations;
} ContentRedFlagGroup;

typedef struct ContentKV {
    const char *key, *value;
} ContentKV;

typedef struct ContentMeta {
    const char *content_version, *date, *licence, *disclaimer;
    const char *smudging_note, *dermatome_maps_note, *variants_note;
    ContentKV *evidence_levels;
    int evidence_level_count;
} ContentMeta;

/* A text a translation does not give: the English one is used in its place. */
typedef struct ContentFallback {
    ContentFileId file;
    const char *file_name; /* as diagnostics name it, e.g. "es/structures.json" */
    /* where, in the translation file: "structures[id=piriformis].origin", a whole entry
     * "zones[id=zone_groin]", a whole file "" */
    const char *path;
    int strings; /* how many English texts stand in (0: a missing review, marked draft) */
} ContentFallback;

typedef struct ContentArenaBlock ContentArenaBlock;

typedef struct ContentDb {
    const char *locale;
    ContentMeta meta;
    ContentCitation *citations;
    int citation_count;
    ContentStructure *structures;
    int structure_count;
    ContentZone *zones;
    int zone_count;
    ContentSource *sources;
    int source_count;
    const char *redflags_title, *redflags_intro;
    ContentRedFlagGroup *redflag_groups;
    int redflag_group_count;
    ContentReview redflags_review;
    ContentKV *ui;
    int ui_count;
    /* Loaded through content_load_translated: what the translation lacked (empty when it is
     * complete, and for English itself). */
    ContentFallback *fallbacks;
    int fallback_count;
    const char **fallback_texts; /* every string of the db that is an English stand-in,
                                    sorted by address: use content_text_is_fallback */
    int fallback_text_count;
    ContentArenaBlock *arena;
} ContentDb;

/* The file name of each ContentFileId ("meta.json", ...). */
const char *content_file_name(ContentFileId id);

/* Parses and validates every file. Every problem goes to diag as "file:json.path: message";
 * returns true only when there were none. out_db is filled as far as the input allows even
 * on failure (free it either way). */
bool content_load(const ContentInput *input, const ContentCheck *check, ContentDb *out_db,
                  ContentDiag *diag);
void content_free(ContentDb *db);

/* Loads a translation over its base (English): every text comes from `translation` where it
 * gives one and from `base` otherwise, file by file, entry by entry, string by string; a
 * missing file, entry, field or UI string is never an error, only a ContentFallback. Ids,
 * kinds, zone lists and every other non-text field come from base alone: a translation that
 * names an id the base lacks, or gives a non-text field a different value, is an error (and
 * that value is ignored). A translated entry carries its own review (one without is marked
 * draft). translation NULL = content_load(base). File names in diagnostics are the
 * ContentFile names. */
bool content_load_translated(const ContentInput *base, const ContentInput *translation,
                             const ContentCheck *check, ContentDb *out_db, ContentDiag *diag);
/* True if text (a pointer into db: a name, caption, UI string...) is English standing in for
 * a missing translation. */
bool content_text_is_fallback(const ContentDb *db, const char *text);

#define CONTENT_BASE_LOCALE "en"
#define CONTENT_LOCALE_CAP  16

/* Loads content_dir/<locale>/ over content_dir/en/ (content_load_translated); locale "en",
 * NULL or "" loads English alone. File names in diagnostics: "structures.json" for English
 * alone, "en/structures.json" and "es/structures.json" for a translated load. A locale with
 * no folder is an error, and English is loaded in its place. Returns true with no problems. */
bool content_load_locale_dir(const char *content_dir, const char *locale, const ContentCheck *check,
                             ContentDb *out_db, ContentDiag *diag);

/* The locales present: the sub-folders of content_dir whose name is a locale code (2 or 3
 * lower-case letters, optionally "_" and 2 upper-case letters or digits) and that hold a
 * meta.json, sorted, at most max. Returns how many were written. */
int content_list_locales(const char *content_dir, char (*out)[CONTENT_LOCALE_CAP], int max);

/* The language's own name for a locale ("Español"): strings.language_name of
 * content_dir/<locale>/ui.json, or the locale code itself when that is missing. For the
 * language switch. Returns false (out = the code) when the file cannot be read. */
bool content_locale_name(const char *content_dir, const char *locale, char *out, size_t cap);

/* The locale to start in, from the environment's values (pure: pass getenv's results, NULL
 * or "" for unset): the first set of LC_ALL, LC_MESSAGES, LANG (POSIX order) gives its
 * language ("es" from "es_ES.UTF-8", "es-MX", "es"); it is returned when it is one of
 * `available` (the pointer from that list), otherwise "en". "C" and "POSIX" mean "en". */
const char *content_locale_pick(const char *lc_all, const char *lc_messages, const char *lang,
                                const char *const *available, int available_count);
/* content_locale_pick on this process's environment. */
const char *content_locale_from_env(const char *const *available, int available_count);

/* The locale to load: `preferred` (a user setting) when it names an installed locale;
 * otherwise, and when preferred is NULL, "" or "system", the system's (LC_ALL / LC_MESSAGES
 * / LANG) among those installed; otherwise "en". Writes it to out. */
void content_choose_locale(const char *content_dir, const char *preferred, char *out, size_t cap);

/* Reads every content file of dir into out_input (names set, data malloc'd; missing files
 * stay NULL and are reported by content_load). False if dir itself is not a readable
 * directory (err gets why). Free with content_input_free. */
bool content_read_dir(const char *dir, ContentInput *out_input, char *err, size_t err_cap);
void content_input_free(ContentInput *input);

/* Lookups by full id; -1 if absent. */
int content_find_structure(const ContentDb *db, const char *id);
int content_find_zone(const ContentDb *db, const char *id);
int content_find_source(const ContentDb *db, const char *id);
int content_find_citation(const ContentDb *db, const char *id);
/* A UI string, or `fallback` if the key is missing. */
const char *content_ui(const ContentDb *db, const char *key, const char *fallback);
/* "left" / "right" / "midline" (ids, not UI words). */
const char *content_side_name(ContentSide side);

#endif
