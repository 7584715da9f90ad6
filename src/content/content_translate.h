/* content_translate: lays one translation file (assets/content/<locale>/X.json) over the
 * parsed English file, so that the ordinary loader reads the result. A translation may hold
 * only the ids of English entries, their texts and their review; any other field may be
 * repeated only with the English value. Every English text the translation does not give is
 * kept (the fallback) and listed. Internal to the content loader; no SDL, no GL. */
#ifndef PAINMAP_CONTENT_TRANSLATE_H
#define PAINMAP_CONTENT_TRANSLATE_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "content/content.h"
#include "content/content_json.h"

typedef struct TrMissing {
    char *path;  /* "structures[id=piriformis].origin"; "" = the whole file */
    int strings; /* English texts used in its place */
} TrMissing;

typedef struct TrResult {
    const cJSON **nodes; /* English string nodes left in the merged tree (the fallbacks) */
    int node_count, node_cap;
    TrMissing *missing;
    int missing_count, missing_cap;
} TrResult;

/* Merges tr_root (NULL: the translation file is missing or unreadable) into en_root, in
 * place. Problems in the translation go to r (r->file names the translation file). */
void tr_merge(ContentFileId file, cJSON *en_root, const cJSON *tr_root, JsonReader *r,
              TrResult *res);
void tr_result_free(TrResult *res);

#endif
