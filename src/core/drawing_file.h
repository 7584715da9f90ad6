/* drawing_file: a pain drawing as the documented JSON file (docs/drawing-format.md): schema
 * version, content version, pseudonymous label, dates, the painted points and the summaries
 * (by id, so the file does not depend on the mesh or the content build). Parsing validates
 * everything, reports "file:json.path: message" and changes nothing on failure; schema 0
 * files are migrated. Saving is atomic and private (mode 0600), with a PNG preview path
 * beside the file. Owns the arrays of a DrawingDoc. No SDL, no GL. */
#ifndef PAINMAP_CORE_DRAWING_FILE_H
#define PAINMAP_CORE_DRAWING_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "content/content.h"
#include "core/drawing.h"

enum {
    DRAWING_FILE_SCHEMA = 1, /* written by this painmap; 0 is read and migrated */
    DRAWING_LABEL_MAX = 64,  /* bytes, NUL included */
    DRAWING_FILE_ID_MAX = 48,
    DRAWING_FILE_DATE_MAX = 24, /* "2026-11-23T14:32:05Z" */
    DRAWING_FILE_VERSION_MAX = 32,
    DRAWING_FILE_LIST_MAX = 512, /* entries in a summary list */
};
/* Files larger than this are refused before parsing. */
#define DRAWING_FILE_MAX_BYTES (32u * 1024u * 1024u)

typedef struct DrawingFileArea {
    char id[DRAWING_FILE_ID_MAX]; /* zone or dermatome id, e.g. zone_buttock_r, derm_l5_r */
    float area_mm2;
    int intensity; /* highest intensity painted there, 0..10 */
} DrawingFileArea;

typedef struct DrawingFileSource {
    char id[DRAWING_FILE_ID_MAX]; /* source id, e.g. piriformis_r */
    bool primary;
} DrawingFileSource;

typedef struct DrawingDoc {
    int schema_read; /* the schema version the file had (0 = migrated from the old shape) */
    char label[DRAWING_LABEL_MAX];
    char content_version[DRAWING_FILE_VERSION_MAX];
    char created[DRAWING_FILE_DATE_MAX], modified[DRAWING_FILE_DATE_MAX]; /* UTC, ISO 8601 */
    Drawing drawing;
    /* the summaries as saved (a schema 0 file has none until the app computes them) */
    bool has_summary;
    char map[DRAWING_FILE_ID_MAX]; /* dermatome map the summary used */
    float total_area_mm2;
    DrawingFileArea *zones, *dermatomes;
    int zone_count, dermatome_count;
    DrawingFileSource *sources;
    int source_count;
    bool saddle, both_legs;
} DrawingDoc;

/* An empty document (no label, no points). */
void drawing_doc_init(DrawingDoc *doc);
void drawing_doc_free(DrawingDoc *doc);
/* A new, empty drawing at time now: a fresh pseudonymous label, created = modified = now. */
void drawing_doc_create(DrawingDoc *doc, time_t now, const char *content_version);
/* Sets modified to now. */
void drawing_doc_touch(DrawingDoc *doc, time_t now);
/* Replaces the saved summaries with s (indices resolved to ids through db; map_id names the
 * dermatome map). False when out of memory (doc keeps no summary then). */
bool drawing_doc_set_summary(DrawingDoc *doc, const DrawingSummary *s, const ContentDb *db,
                             const char *map_id);

/* "drawing-2026-11-23-1432-K7Q": local date and time of t and three characters from rnd in an
 * alphabet without look-alikes (no 0/O, 1/I/L). Never a name. */
void drawing_label_format(time_t t, uint32_t rnd, char out[DRAWING_LABEL_MAX]);
/* The same with a random suffix from the system's secure random source. */
void drawing_label_generate(time_t t, char out[DRAWING_LABEL_MAX]);
/* True when a label may be saved and used as a file name: 1..63 bytes, no control
 * characters, no '/' or '\\', not starting with '.'. */
bool drawing_label_is_valid(const char *label);
/* "YYYY-MM-DDTHH:MM:SSZ" for t (UTC). */
void drawing_format_date(time_t t, char out[DRAWING_FILE_DATE_MAX]);

/* The document as JSON text (malloc'd, free() it); NULL when out of memory. */
char *drawing_doc_to_json(const DrawingDoc *doc);
/* Parses a drawing file (schema 1, or schema 0 migrated). name is what messages start with.
 * On success *out is replaced (the old contents freed); on failure out is untouched and err
 * gets every problem found, one "name:json.path: message" per line. */
bool drawing_doc_parse(const char *json, size_t len, const char *name, DrawingDoc *out, char *err,
                       size_t err_cap);
/* Reads and parses path (messages start with the path). Same guarantees as the parse. */
bool drawing_file_load(const char *path, DrawingDoc *out, char *err, size_t err_cap);
/* Writes the document to path atomically with mode 0600 (see drawing_file_write_private). */
bool drawing_file_save(const char *path, const DrawingDoc *doc, char *err, size_t err_cap);
/* Writes data to "path.tmp" created with mode 0600 (fchmod'ed too, whatever the umask or an
 * old temp file), flushes and syncs it, renames it over path and syncs the folder. On any
 * failure the temp file is removed and an earlier file at path is left byte for byte. */
bool drawing_file_write_private(const char *path, const void *data, size_t len, char *err,
                                size_t err_cap);

/* The preview beside a drawing file: "x/drawing-...-K7Q.json" -> "x/drawing-...-K7Q.png".
 * False if it does not fit. */
bool drawing_preview_path(const char *json_path, char *out, size_t cap);
/* dir + "/" + label + ".json"; false if the label is not valid or it does not fit. */
bool drawing_file_path(const char *dir, const char *label, char *out, size_t cap);

/* ---- two visits compared ---- */

typedef struct DrawingZoneChange {
    char id[DRAWING_FILE_ID_MAX];
    float area_a_mm2, area_b_mm2; /* 0 where that visit did not touch the zone */
    bool dermatome;
} DrawingZoneChange;

/* Every zone and dermatome in either visit's summary with its area in each, the largest change
 * first. Writes at most cap entries and returns the total (which may exceed cap). */
int drawing_doc_compare(const DrawingDoc *a, const DrawingDoc *b, DrawingZoneChange *out, int cap);

/* ---- the drawings folder (therapist: list, delete, retention) ---- */

typedef struct DrawingFileEntry {
    char file[DRAWING_LABEL_MAX + 8]; /* file name in the folder, "<label>.json" */
    char label[DRAWING_LABEL_MAX];    /* "" when the file could not be read */
    char modified[DRAWING_FILE_DATE_MAX];
    time_t modified_t; /* from "modified", or the file's time when it is damaged */
    bool damaged;      /* it does not load (listed so a therapist can delete it) */
    uint32_t point_count;
} DrawingFileEntry;

/* Creates dir (mode 0700) when it does not exist. */
bool drawing_dir_ensure(const char *dir, char *err, size_t err_cap);
/* The drawings (*.json files) in dir, most recently changed first (malloc'd array, free()
 * it). A missing folder is an empty list. Returns the count, or -1 (err says why). */
int drawing_dir_list(const char *dir, DrawingFileEntry **out, char *err, size_t err_cap);
/* Deletes a drawing file and its PNG preview (a missing preview is fine). */
bool drawing_file_delete(const char *json_path, char *err, size_t err_cap);
/* Retention: deletes every drawing in dir changed more than keep_days days before now
 * (keep_days <= 0 keeps everything). Returns how many were deleted, or -1. */
int drawing_dir_prune(const char *dir, time_t now, int keep_days, char *err, size_t err_cap);
/* Seconds since 1970 of a "YYYY-MM-DDTHH:MM:SSZ" date; false if it is not one. */
bool drawing_parse_date(const char *iso, time_t *out);

#endif
