/* leitner: spaced repetition with Leitner boxes, kept per device profile in a JSON file in
 * the user directory (no account). An item is a quiz item key ("origin:piriformis_r"). A
 * right answer moves it up one box and schedules it further out; a wrong one sends it back
 * to box 1, due again at once. Days are whole days since 1970-01-01 (UTC) that the caller
 * passes in, so everything here is pure and testable. Owns its items. No SDL, no GL. */
#ifndef PAINMAP_STUDY_LEITNER_H
#define PAINMAP_STUDY_LEITNER_H

#include <stdbool.h>
#include <stddef.h>

enum { LEITNER_BOXES = 5, LEITNER_ITEM_MAX = 128, LEITNER_ITEMS_MAX = 20000 };

#define LEITNER_FILE_NAME "study_progress.json"

typedef struct LeitnerItem {
    char item[LEITNER_ITEM_MAX];
    int box;       /* 1 .. LEITNER_BOXES */
    long due_day;  /* asked again from this day on */
    long last_day; /* answered last on this day */
    int seen, missed;
} LeitnerItem;

typedef struct Leitner {
    LeitnerItem *items;
    int count, cap;
} Leitner;

/* Days until an item in box b (1..LEITNER_BOXES) is due again: 0, 1, 3, 7, 21. */
int leitner_interval_days(int box);
/* Whole days since 1970-01-01 for a Unix time in seconds (floor, so before 1970 works). */
long leitner_day_from_unix(long long unix_sec);

void leitner_init(Leitner *l);
void leitner_free(Leitner *l);
/* The item's record, or NULL if it was never answered. */
const LeitnerItem *leitner_find(const Leitner *l, const char *item);
/* Records an answer on day today. A new item starts in box 1 and is then moved like any
 * other: right -> one box up (at most LEITNER_BOXES), due after that box's interval; wrong ->
 * box 1, due today. False only when out of memory or the key is too long or empty. */
bool leitner_record(Leitner *l, const char *item, bool correct, long today);
/* True when the item is due on day today (unknown items are not: they are new). */
bool leitner_is_due(const Leitner *l, const char *item, long today);
/* The items due on day today, lowest box first, then the longest overdue, then by key;
 * writes up to cap pointers to their keys (valid until l changes) and returns how many are
 * due in all. */
int leitner_due(const Leitner *l, long today, const char **out_items, int cap);

/* Parses a progress file (schema 1). name starts messages. On failure out is untouched and
 * err gets "name:json.path: message". */
bool leitner_parse(const char *json, size_t len, const char *name, Leitner *out, char *err,
                   size_t err_cap);
/* The progress as JSON text (malloc'd, free() it); NULL when out of memory. */
char *leitner_to_json(const Leitner *l);
/* Reads path into out (replacing what it held). A missing file is a fresh start (true, out
 * empty); an unreadable or damaged one is false with err set, and out is left empty. */
bool leitner_load(const char *path, Leitner *out, char *err, size_t err_cap);
/* Writes path atomically (temp file, sync, rename) with mode 0600. */
bool leitner_save(const char *path, const Leitner *l, char *err, size_t err_cap);

#endif
