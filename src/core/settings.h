/* settings: the user's preferences (dermatome map, language, reduced motion, high contrast,
 * text size, kiosk idle minutes, paper size, how long saved drawings are kept) and their JSON file
 * in the user's folder. Pure: parses and writes text; the app reads and saves the file. */
#ifndef PAINMAP_CORE_SETTINGS_H
#define PAINMAP_CORE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ids.h"

enum { SETTINGS_VERSION = 1 };

typedef enum { PAPER_A4, PAPER_LETTER } PaperSize;

typedef struct {
    DermMapId map;
    char locale[8];      /* "en", "es", or "system": the system's language when installed */
    bool reduced_motion; /* step through phases instead of animating */
    bool high_contrast;
    float text_scale; /* 1.0 to 2.0 */
    int idle_minutes; /* kiosk: reset after this long untouched (1..120) */
    PaperSize paper;
    int retention_days; /* saved drawings older than this are deleted (0 = kept) */
} Settings;

void settings_default(Settings *out);
/* Parses a settings file. Unknown fields are ignored (a newer painmap may add some); a
 * field with a bad value is an error naming it ("settings.json: text_scale: ..."), and out
 * then keeps the defaults for everything. */
bool settings_parse(const char *json, size_t len, const char *name, Settings *out, char *err,
                    size_t err_cap);
/* The settings as JSON text (malloc'd, free() it); NULL when out of memory. */
char *settings_to_json(const Settings *s);

#endif
