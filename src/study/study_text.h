/* study_text: the words of study mode (question templates, explanations, names of the
 * points a dermatome question marks), read from assets/content/<locale>/study.json with
 * English as the fallback for a missing file or key. Templates name their blanks
 * ("Tap the {structure}.") so a translation can move them. Owns its strings. Depends on
 * cJSON and core only: no SDL, no GL. */
#ifndef PAINMAP_STUDY_STUDY_TEXT_H
#define PAINMAP_STUDY_STUDY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct StudyKV {
    char *key, *value;
} StudyKV;

typedef struct StudyText {
    StudyKV *strings; /* "strings": template and word keys */
    int string_count;
    StudyKV *points; /* "points": base landmark id -> what the point is called */
    int point_count;
} StudyText;

/* Parses one study.json (schema 1) and MERGES it into out: keys already present stay (so
 * parse the chosen locale first, then English as the fallback). name starts messages.
 * False (out unchanged by this file) with "name:json.path: message" in err. */
bool study_text_parse(const char *json, size_t len, const char *name, StudyText *out, char *err,
                      size_t err_cap);
/* Reads <assets_dir>/content/<locale>/study.json, then the English one for whatever it
 * lacks. False only when neither could be read and parsed (err says why). */
bool study_text_load(const char *assets_dir, const char *locale, StudyText *out, char *err,
                     size_t err_cap);
void study_text_free(StudyText *text);

/* The string for key, or the key itself when it is missing (tests check every key the
 * code asks for exists in the English file). */
const char *study_text_get(const StudyText *text, const char *key);
/* What the point with this base landmark id (key_l4, skin_coccyx) is called; NULL if the
 * file does not name it. */
const char *study_text_point(const StudyText *text, const char *base_id);

/* Fills a template's blanks: every "{name}" whose name is names[i] becomes values[i];
 * unknown blanks stay as written. Writes at most cap bytes (always terminated, cut on a
 * UTF-8 boundary); returns false if it was cut. */
bool study_format(char *out, size_t cap, const char *tmpl, const char *const *names,
                  const char *const *values, int n);

/* The keys of "strings" that the study code asks for (NULL-terminated), for tests. */
const char *const *study_text_required_keys(void);

#endif
