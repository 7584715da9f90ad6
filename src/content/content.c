#include "content/content.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/canon.h"
#include "content/content_json.h"
#include "content/content_translate.h"
#include "core/fileio.h"
#include "core/strutil.h"

#define ID_CAP 64

static const char *const FILE_NAMES[CONTENT_FILE_COUNT] = {
    "meta.json",  "citations.json", "ui.json",      "structures.json",
    "zones.json", "sources.json",   "redflags.json"};

const char *content_file_name(ContentFileId id) {
    return (id >= 0 && id < CONTENT_FILE_COUNT) ? FILE_NAMES[id] : "?";
}

const char *content_side_name(ContentSide side) {
    return side == CONTENT_SIDE_LEFT ? "left" : side == CONTENT_SIDE_RIGHT ? "right" : "midline";
}

/* ------------------------------------------------------------------------------------ */
/* Loader state and id tables                                                            */

typedef struct IdTable {
    const char *what; /* "zone", "structure", ... for messages */
    const char *const *ids;
    const ContentSide *sides; /* NULL: derive from the _l/_r suffix */
    int count;
} IdTable;

typedef struct Loader {
    JsonReader r;
    ContentDb *db;
    const ContentCheck *check;
    const ContentInput *input;
    const char *side_word[3];
    IdTable structures, zones, citations, landmarks;
    const char *last_fallback; /* the latest English fallback copy (see on_fallback_copy) */
    int fallback_text_cap;
} Loader;

typedef struct Expanded {
    char id[ID_CAP];
    const char *base;
    ContentSide side;
} Expanded;

static ContentSide side_from_suffix(const char *id) {
    if (str_has_suffix(id, "_l")) {
        return CONTENT_SIDE_LEFT;
    }
    if (str_has_suffix(id, "_r")) {
        return CONTENT_SIDE_RIGHT;
    }
    return CONTENT_SIDE_MIDLINE;
}

static const char *side_suffix(ContentSide side) {
    return side == CONTENT_SIDE_LEFT ? "_l" : side == CONTENT_SIDE_RIGHT ? "_r" : "";
}

static int table_find(const IdTable *t, const char *id) {
    for (int i = 0; i < t->count; i++) {
        if (strcmp(t->ids[i], id) == 0) {
            return i;
        }
    }
    return -1;
}

static ContentSide table_side(const IdTable *t, int i) {
    return t->sides ? t->sides[i] : side_from_suffix(t->ids[i]);
}

static void report_unknown(Loader *L, const char *path, const IdTable *t, const char *ref,
                           ContentSide side) {
    char probe[ID_CAP + 4];
    snprintf(probe, sizeof probe, "%s%s", ref, side_from_suffix(ref) ? "" : side_suffix(side));
    const char *s = content_suggest(probe, t->ids, t->count);
    if (s) {
        char shown[ID_CAP];
        str_copy(shown, sizeof shown, s);
        const char *suf = side_suffix(side);
        /* the text wrote the id without a side: suggest it the same way */
        if (suf[0] && !side_from_suffix(ref) && str_has_suffix(shown, suf)) {
            shown[strlen(shown) - 2] = '\0';
        }
        content_diag_add(L->r.diag, L->r.file, path, "unknown %s '%s' (did you mean '%s'?)",
                         t->what, ref, shown);
    } else {
        content_diag_add(L->r.diag, L->r.file, path, "unknown %s '%s'", t->what, ref);
    }
}

/* Resolves a reference written in an entry of the given side: paired refs are written
 * without a side and take the entry's side; midline ids resolve as written. */
static int resolve_ref(Loader *L, const char *path, const IdTable *t, const char *ref,
                       ContentSide side) {
    if (t->count == 0 && t->ids == NULL) {
        return -1;
    }
    char full[ID_CAP + 4];
    if (side != CONTENT_SIDE_MIDLINE && !side_from_suffix(ref)) {
        snprintf(full, sizeof full, "%s%s", ref, side_suffix(side));
        int i = table_find(t, full);
        if (i >= 0) {
            return i;
        }
    }
    int i = table_find(t, ref);
    if (i >= 0) {
        ContentSide s = table_side(t, i);
        if (side != CONTENT_SIDE_MIDLINE && s != CONTENT_SIDE_MIDLINE && s != side) {
            content_diag_add(L->r.diag, L->r.file, path,
                             "side mismatch: a %s entry refers to the %s %s '%s' (write it "
                             "without a side suffix)",
                             content_side_name(side), content_side_name(s), t->what, ref);
            return -1;
        }
        return i;
    }
    if (side == CONTENT_SIDE_MIDLINE) {
        snprintf(full, sizeof full, "%s_l", ref);
        if (table_find(t, full) >= 0) {
            content_diag_add(L->r.diag, L->r.file, path,
                             "%s '%s' is paired: a midline entry must name a side (%s_l or %s_r)",
                             t->what, ref, ref, ref);
            return -1;
        }
    }
    report_unknown(L, path, t, ref, side);
    return -1;
}

/* Reads "id" and "paired" of one array item and expands it to one or two entries. */
static int expand_item(Loader *L, const cJSON *item, const char *path, Expanded out[2]) {
    const char *id = jr_string(&L->r, item, path, "id", false);
    bool paired = jr_bool_opt(&L->r, item, path, "paired", false);
    if (!id[0]) {
        return 0;
    }
    char p[256];
    json_path_key(p, sizeof p, path, "id");
    if (!content_id_is_valid(id)) {
        content_diag_add(L->r.diag, L->r.file, p,
                         "'%s' is not a valid id (lower-case letters, digits and _, at most 63)",
                         id);
        return 0;
    }
    if (strlen(id) > ID_CAP - 3) {
        content_diag_add(L->r.diag, L->r.file, p, "id '%s' is too long", id);
        return 0;
    }
    if (paired) {
        if (side_from_suffix(id)) {
            content_diag_add(L->r.diag, L->r.file, p,
                             "a paired id is written without a side suffix ('%s')", id);
            return 0;
        }
        snprintf(out[0].id, ID_CAP, "%s_l", id);
        snprintf(out[1].id, ID_CAP, "%s_r", id);
        out[0].base = out[1].base = id;
        out[0].side = CONTENT_SIDE_LEFT;
        out[1].side = CONTENT_SIDE_RIGHT;
        return 2;
    }
    str_copy(out[0].id, ID_CAP, id);
    out[0].base = id;
    out[0].side = side_from_suffix(id);
    return 1;
}

static void check_duplicates(Loader *L, const char *array, const char *const *ids, const int *src,
                             int n) {
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < j; i++) {
            if (strcmp(ids[i], ids[j]) == 0) {
                char p[128];
                json_path_index(p, sizeof p, array, src[j]);
                content_diag_add(L->r.diag, L->r.file, p, "duplicate id '%s' (first at %s[%d])",
                                 ids[j], array, src[i]);
                break;
            }
        }
    }
}

/* A string of the db that is English standing in for a missing translation. */
static void note_fallback_text(Loader *L, const char *copy) {
    ContentDb *db = L->db;
    if (db->fallback_text_count == L->fallback_text_cap) {
        int cap = L->fallback_text_cap ? 2 * L->fallback_text_cap : 256;
        const char **n = realloc(db->fallback_texts, (size_t)cap * sizeof *n);
        if (!n) {
            return;
        }
        db->fallback_texts = n;
        L->fallback_text_cap = cap;
    }
    db->fallback_texts[db->fallback_text_count++] = copy;
    L->last_fallback = copy;
}

static void on_fallback_copy(void *ctx, const char *copy) {
    note_fallback_text(ctx, copy);
}

static const char *sided_name(Loader *L, const char *name, ContentSide side) {
    if (side == CONTENT_SIDE_MIDLINE || !name[0]) {
        return name;
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%s (%s)", name, L->side_word[side]);
    const char *sided = content_arena_str(&L->db->arena, buf);
    if (name == L->last_fallback) {
        note_fallback_text(L, sided);
    }
    return sided;
}

static void read_review(Loader *L, const cJSON *obj, const char *path, ContentReview *out) {
    static const char *const statuses[] = {"draft", "reviewed", NULL};
    static const char *const keys[] = {"status", "reviewer_role", "date", NULL};
    out->status = out->reviewer_role = out->date = "";
    const cJSON *rv = jr_object(&L->r, obj, path, "review");
    if (!rv) {
        return;
    }
    char p[256];
    json_path_key(p, sizeof p, path, "review");
    jr_check_keys(&L->r, rv, p, keys);
    int s = jr_enum(&L->r, rv, p, "status", statuses);
    out->status = s >= 0 ? statuses[s] : "";
    out->reviewer_role = jr_string(&L->r, rv, p, "reviewer_role", true);
    out->date = jr_string(&L->r, rv, p, "date", false);
    char pd[280];
    json_path_key(pd, sizeof pd, p, "date");
    if (out->date[0] && !content_date_is_valid(out->date)) {
        content_diag_add(L->r.diag, L->r.file, pd, "'%s' is not a date (YYYY-MM-DD)", out->date);
    }
    if (s == 1 && !out->reviewer_role[0]) {
        char pr[280];
        json_path_key(pr, sizeof pr, p, "reviewer_role");
        content_diag_add(L->r.diag, L->r.file, pr, "a reviewed item must name the reviewer's role");
    }
}

static ContentIndexList read_refs(Loader *L, const cJSON *obj, const char *path, const char *key,
                                  const IdTable *t, ContentSide side, bool nonempty,
                                  bool required) {
    ContentIndexList list = {NULL, 0};
    char p[256];
    json_path_key(p, sizeof p, path, key);
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!arr && !required) {
        return list;
    }
    arr = jr_array(&L->r, obj, path, key, nonempty);
    if (!arr) {
        return list;
    }
    int n = cJSON_GetArraySize(arr);
    list.items = content_arena_alloc(&L->db->arena, (size_t)(n ? n : 1) * sizeof(int));
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char pi[280];
        json_path_index(pi, sizeof pi, p, i);
        if (!cJSON_IsString(it)) {
            content_diag_add(L->r.diag, L->r.file, pi, "must be a %s id (string)", t->what);
            continue;
        }
        int k = resolve_ref(L, pi, t, it->valuestring, side);
        if (k < 0) {
            continue;
        }
        bool dup = false;
        for (int j = 0; j < list.count; j++) {
            dup = dup || list.items[j] == k;
        }
        if (dup) {
            content_diag_add(L->r.diag, L->r.file, pi, "'%s' is listed twice", it->valuestring);
            continue;
        }
        if (list.items) {
            list.items[list.count++] = k;
        }
    }
    return list;
}

/* ------------------------------------------------------------------------------------ */
/* meta.json                                                                             */

static const char *const EVIDENCE_LEVELS[] = {
    "expert_observation", "injection_confirmed", "cadaver",
    "systematic_review",  "clinical_series",     NULL};

static bool version_is_valid(const char *v) {
    int dots = 0;
    bool digit = false;
    for (const char *p = v; *p; p++) {
        if (*p == '.') {
            if (!digit) {
                return false;
            }
            dots++;
            digit = false;
        } else if (*p >= '0' && *p <= '9') {
            digit = true;
        } else {
            return false;
        }
    }
    return dots == 2 && digit;
}

static void load_meta(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema",
                                       "locale",
                                       "content_version",
                                       "date",
                                       "licence",
                                       "disclaimer",
                                       "evidence_levels",
                                       "smudging_note",
                                       "dermatome_maps_note",
                                       "variants_note",
                                       NULL};
    ContentMeta *m = &L->db->meta;
    jr_check_keys(&L->r, root, "", keys);
    m->content_version = jr_string(&L->r, root, "", "content_version", false);
    if (m->content_version[0] && !version_is_valid(m->content_version)) {
        content_diag_add(L->r.diag, L->r.file, "content_version",
                         "'%s' is not a version (MAJOR.MINOR.PATCH)", m->content_version);
    }
    m->date = jr_string(&L->r, root, "", "date", false);
    if (m->date[0] && !content_date_is_valid(m->date)) {
        content_diag_add(L->r.diag, L->r.file, "date", "'%s' is not a date (YYYY-MM-DD)", m->date);
    }
    m->licence = jr_string(&L->r, root, "", "licence", false);
    m->disclaimer = jr_string(&L->r, root, "", "disclaimer", false);
    m->smudging_note = jr_string(&L->r, root, "", "smudging_note", false);
    m->dermatome_maps_note = jr_string(&L->r, root, "", "dermatome_maps_note", false);
    m->variants_note = jr_string(&L->r, root, "", "variants_note", false);
    const cJSON *ev = jr_object(&L->r, root, "", "evidence_levels");
    if (!ev) {
        return;
    }
    jr_check_keys(&L->r, ev, "evidence_levels", EVIDENCE_LEVELS);
    int n = 0;
    for (const char *const *k = EVIDENCE_LEVELS; *k; k++) {
        n++;
    }
    m->evidence_levels = content_arena_alloc(&L->db->arena, (size_t)n * sizeof(ContentKV));
    for (int i = 0; i < n && m->evidence_levels; i++) {
        m->evidence_levels[m->evidence_level_count].key = EVIDENCE_LEVELS[i];
        m->evidence_levels[m->evidence_level_count].value =
            jr_string(&L->r, ev, "evidence_levels", EVIDENCE_LEVELS[i], false);
        m->evidence_level_count++;
    }
}

/* ------------------------------------------------------------------------------------ */
/* citations.json                                                                        */

static void load_citations(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema", "locale", "citations", NULL};
    static const char *const item_keys[] = {"id",      "authors",    "year", "title",
                                            "journal", "confidence", "note", NULL};
    static const char *const conf[] = {"S", "S2", "E", NULL};
    jr_check_keys(&L->r, root, "", keys);
    const cJSON *arr = jr_array(&L->r, root, "", "citations", true);
    if (!arr) {
        return;
    }
    int n = cJSON_GetArraySize(arr);
    ContentDb *db = L->db;
    db->citations = content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *db->citations);
    const char **ids = content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *ids);
    int *src = content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *src);
    if (!db->citations || !ids || !src) {
        return;
    }
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char p[64];
        json_path_index(p, sizeof p, "citations", i);
        jr_check_keys(&L->r, it, p, item_keys);
        const char *id = jr_string(&L->r, it, p, "id", false);
        ContentCitation *c = &db->citations[db->citation_count];
        c->id = id;
        c->authors = jr_string(&L->r, it, p, "authors", false);
        c->title = jr_string(&L->r, it, p, "title", false);
        c->journal = jr_string(&L->r, it, p, "journal", false);
        c->note = jr_string_opt(&L->r, it, p, "note");
        int k = jr_enum(&L->r, it, p, "confidence", conf);
        c->confidence = k >= 0 ? conf[k] : "";
        jr_int(&L->r, it, p, "year", 1800, 2100, true, &c->year);
        if (!id[0]) {
            continue;
        }
        ids[db->citation_count] = id;
        src[db->citation_count] = i;
        db->citation_count++;
    }
    check_duplicates(L, "citations", ids, src, db->citation_count);
    L->citations = (IdTable){"citation", ids, NULL, db->citation_count};
}

/* ------------------------------------------------------------------------------------ */
/* ui.json                                                                               */

static void load_ui(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema", "locale", "strings", NULL};
    jr_check_keys(&L->r, root, "", keys);
    const cJSON *s = jr_object(&L->r, root, "", "strings");
    if (!s) {
        return;
    }
    int n = cJSON_GetArraySize(s);
    ContentDb *db = L->db;
    db->ui = content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *db->ui);
    if (!db->ui) {
        return;
    }
    for (const cJSON *it = s->child; it; it = it->next) {
        char p[160];
        json_path_key(p, sizeof p, "strings", it->string);
        if (!cJSON_IsString(it) || !it->valuestring[0]) {
            content_diag_add(L->r.diag, L->r.file, p, "must be a non-empty string");
            continue;
        }
        db->ui[db->ui_count].key = content_arena_str(&db->arena, it->string);
        db->ui[db->ui_count].value = content_arena_str(&db->arena, it->valuestring);
        jr_note_copy(&L->r, it, db->ui[db->ui_count].value);
        db->ui_count++;
    }
    int req_n;
    const char *const *req = canon_required_ui_strings(&req_n);
    for (int i = 0; i < req_n; i++) {
        if (!cJSON_GetObjectItemCaseSensitive(s, req[i])) {
            char p[160];
            json_path_key(p, sizeof p, "strings", req[i]);
            content_diag_add(L->r.diag, L->r.file, p, "missing (a required UI string)");
        }
    }
}

/* ------------------------------------------------------------------------------------ */
/* structures.json                                                                       */

static bool segment_is_valid(const char *s) {
    static const char *const segs[] = {"T10", "T11", "T12", "L1", "L2", "L3",  "L4", "L5",
                                       "S1",  "S2",  "S3",  "S4", "S5", "Co1", NULL};
    for (const char *const *p = segs; *p; p++) {
        if (strcmp(*p, s) == 0) {
            return true;
        }
    }
    return false;
}

static void load_structures(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema", "locale", "structures", NULL};
    static const char *const item_keys[] = {
        "id",     "paired",    "kind",        "layer",  "name",         "plain_name",
        "origin", "insertion", "innervation", "action", "student_text", "patient_text",
        "fma_id", "citations", "review",      NULL};
    static const char *const inn_keys[] = {"nerve", "segments", "note", NULL};
    static const char *const kinds[] = {"bone",  "ligament", "muscle", "nerve",
                                        "joint", "skin",     NULL};
    int layer_n;
    const char *const *layers = canon_layers(&layer_n);
    const char *layer_list[16];
    for (int i = 0; i < layer_n && i < 15; i++) {
        layer_list[i] = layers[i];
    }
    layer_list[layer_n < 15 ? layer_n : 15] = NULL;

    jr_check_keys(&L->r, root, "", keys);
    const cJSON *arr = jr_array(&L->r, root, "", "structures", true);
    if (!arr) {
        return;
    }
    ContentDb *db = L->db;
    int cap = 2 * cJSON_GetArraySize(arr) + 1;
    db->structures = content_arena_alloc(&db->arena, (size_t)cap * sizeof *db->structures);
    const char **ids = content_arena_alloc(&db->arena, (size_t)cap * sizeof *ids);
    ContentSide *sides = content_arena_alloc(&db->arena, (size_t)cap * sizeof *sides);
    int *src = content_arena_alloc(&db->arena, (size_t)cap * sizeof *src);
    if (!db->structures || !ids || !sides || !src) {
        return;
    }
    /* first pass: ids, so that nothing depends on order */
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char p[64];
        json_path_index(p, sizeof p, "structures", i);
        Expanded ex[2];
        int n = expand_item(L, it, p, ex);
        for (int k = 0; k < n; k++) {
            ContentStructure *s = &db->structures[db->structure_count];
            s->id = content_arena_str(&db->arena, ex[k].id);
            s->base_id = content_arena_str(&db->arena, ex[k].base);
            s->side = ex[k].side;
            ids[db->structure_count] = s->id;
            sides[db->structure_count] = s->side;
            src[db->structure_count] = i;
            db->structure_count++;
        }
    }
    check_duplicates(L, "structures", ids, src, db->structure_count);
    L->structures = (IdTable){"structure", ids, sides, db->structure_count};

    for (int e = 0; e < db->structure_count; e++) {
        ContentStructure *s = &db->structures[e];
        const cJSON *it = cJSON_GetArrayItem(arr, src[e]);
        char p[64];
        json_path_index(p, sizeof p, "structures", src[e]);
        jr_check_keys(&L->r, it, p, item_keys);
        int k = jr_enum(&L->r, it, p, "kind", kinds);
        s->kind = k >= 0 ? kinds[k] : "";
        k = jr_enum(&L->r, it, p, "layer", layer_list);
        s->layer = k >= 0 ? layer_list[k] : "";
        s->name = sided_name(L, jr_string(&L->r, it, p, "name", false), s->side);
        s->plain_name = sided_name(L, jr_string(&L->r, it, p, "plain_name", false), s->side);
        s->origin = jr_string(&L->r, it, p, "origin", true);
        s->insertion = jr_string(&L->r, it, p, "insertion", true);
        s->action = jr_string(&L->r, it, p, "action", true);
        s->student_text = jr_string(&L->r, it, p, "student_text", false);
        s->patient_text = jr_string(&L->r, it, p, "patient_text", false);
        s->nerve = s->innervation_note = "";
        const cJSON *inn = jr_object(&L->r, it, p, "innervation");
        if (inn) {
            char pi[96];
            json_path_key(pi, sizeof pi, p, "innervation");
            jr_check_keys(&L->r, inn, pi, inn_keys);
            s->nerve = jr_string(&L->r, inn, pi, "nerve", true);
            s->innervation_note = jr_string_opt(&L->r, inn, pi, "note");
            const cJSON *segs = jr_array(&L->r, inn, pi, "segments", false);
            int ns = segs ? cJSON_GetArraySize(segs) : 0;
            s->segments = content_arena_alloc(&db->arena, (size_t)(ns ? ns : 1) * sizeof(char *));
            int j = 0;
            for (const cJSON *sg = segs ? segs->child : NULL; sg && s->segments; sg = sg->next) {
                char pseg[128], psg[140];
                json_path_key(pseg, sizeof pseg, pi, "segments");
                json_path_index(psg, sizeof psg, pseg, j++);
                if (!cJSON_IsString(sg) || !segment_is_valid(sg->valuestring)) {
                    content_diag_add(L->r.diag, L->r.file, psg,
                                     "not a spinal segment (T10..T12, L1..L5, S1..S5, Co1)");
                    continue;
                }
                s->segments[s->segment_count++] = content_arena_str(&db->arena, sg->valuestring);
            }
        }
        if (cJSON_GetObjectItemCaseSensitive(it, "fma_id")) {
            jr_int(&L->r, it, p, "fma_id", 1, 99999999, false, &s->fma_id);
        }
        s->citations =
            read_refs(L, it, p, "citations", &L->citations, CONTENT_SIDE_MIDLINE, false, true);
        read_review(L, it, p, &s->review);
    }

    /* the canonical list must be covered, with the kinds and layers it names */
    int cn;
    const CanonStructure *canon = canon_structures(&cn);
    for (int c = 0; c < cn; c++) {
        for (int side = 0; side < (canon[c].paired ? 2 : 1); side++) {
            char id[ID_CAP];
            snprintf(id, sizeof id, "%s%s", canon[c].id,
                     canon[c].paired ? (side ? "_r" : "_l") : "");
            int e = table_find(&L->structures, id);
            if (e < 0) {
                content_diag_add(L->r.diag, L->r.file, "structures",
                                 "no entry for the structure '%s'%s", id,
                                 canon[c].paired ? " (write it once with \"paired\": true)" : "");
                continue;
            }
            ContentStructure *s = &db->structures[e];
            char p[96];
            json_path_index(p, sizeof p, "structures", src[e]);
            if (s->kind[0] && strcmp(s->kind, canon[c].kind) != 0) {
                char pk[128];
                json_path_key(pk, sizeof pk, p, "kind");
                content_diag_add(L->r.diag, L->r.file, pk, "'%s' is a %s, not a %s", id,
                                 canon[c].kind, s->kind);
            }
            if (s->layer[0] && strcmp(s->layer, canon[c].layer) != 0) {
                char pl[128];
                json_path_key(pl, sizeof pl, p, "layer");
                content_diag_add(L->r.diag, L->r.file, pl,
                                 "'%s' belongs to the layer '%s', not '%s'", id, canon[c].layer,
                                 s->layer);
            }
        }
    }
    if (L->check && L->check->node_names) {
        const ContentCheck *ck = L->check;
        for (int n = 0; n < ck->node_count; n++) {
            if (table_find(&L->structures, ck->node_names[n]) < 0) {
                content_diag_add(L->r.diag, L->r.file, "structures",
                                 "body.glb has a node '%s' with no entry here", ck->node_names[n]);
            }
        }
        for (int e = 0; e < db->structure_count; e++) {
            const ContentStructure *s = &db->structures[e];
            if (!s->kind[0] || !canon_kind_has_mesh(s->kind)) {
                continue;
            }
            bool found = false;
            for (int n = 0; n < ck->node_count && !found; n++) {
                found = strcmp(ck->node_names[n], s->id) == 0;
            }
            if (!found) {
                char p[64];
                json_path_index(p, sizeof p, "structures", src[e]);
                content_diag_add(L->r.diag, L->r.file, p, "'%s' (a %s) has no node in body.glb",
                                 s->id, s->kind);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------ */
/* zones.json                                                                            */

static void segment_of_derm(const char *base, char *out, size_t cap) {
    /* derm_l5 -> L5, derm_t12 -> T12 */
    out[0] = '\0';
    if (!str_has_prefix(base, "derm_")) {
        return;
    }
    snprintf(out, cap, "%s", base + 5);
    for (char *c = out; *c; c++) {
        if (*c >= 'a' && *c <= 'z') {
            *c = (char)(*c - 'a' + 'A');
        }
    }
}

static void load_zones(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema", "locale", "zones", NULL};
    static const char *const item_keys[] = {"id",           "paired",    "kind",       "segment",
                                            "nerve",        "name",      "plain_name", "text",
                                            "disagreement", "citations", "review",     NULL};
    static const char *const kinds[] = {"region", "dermatome", "nerve_territory", NULL};
    jr_check_keys(&L->r, root, "", keys);
    const cJSON *arr = jr_array(&L->r, root, "", "zones", true);
    if (!arr) {
        return;
    }
    ContentDb *db = L->db;
    int cap = 2 * cJSON_GetArraySize(arr) + 1;
    db->zones = content_arena_alloc(&db->arena, (size_t)cap * sizeof *db->zones);
    const char **ids = content_arena_alloc(&db->arena, (size_t)cap * sizeof *ids);
    ContentSide *sides = content_arena_alloc(&db->arena, (size_t)cap * sizeof *sides);
    int *src = content_arena_alloc(&db->arena, (size_t)cap * sizeof *src);
    if (!db->zones || !ids || !sides || !src) {
        return;
    }
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char p[64];
        json_path_index(p, sizeof p, "zones", i);
        Expanded ex[2];
        int n = expand_item(L, it, p, ex);
        for (int k = 0; k < n; k++) {
            ContentZone *z = &db->zones[db->zone_count];
            z->id = content_arena_str(&db->arena, ex[k].id);
            z->base_id = content_arena_str(&db->arena, ex[k].base);
            z->side = ex[k].side;
            ids[db->zone_count] = z->id;
            sides[db->zone_count] = z->side;
            src[db->zone_count] = i;
            db->zone_count++;
        }
    }
    check_duplicates(L, "zones", ids, src, db->zone_count);
    L->zones = (IdTable){"zone", ids, sides, db->zone_count};

    for (int e = 0; e < db->zone_count; e++) {
        ContentZone *z = &db->zones[e];
        const cJSON *it = cJSON_GetArrayItem(arr, src[e]);
        char p[64];
        json_path_index(p, sizeof p, "zones", src[e]);
        jr_check_keys(&L->r, it, p, item_keys);
        int k = jr_enum(&L->r, it, p, "kind", kinds);
        z->kind = k >= 0 ? kinds[k] : "";
        z->name = sided_name(L, jr_string(&L->r, it, p, "name", false), z->side);
        z->plain_name = sided_name(L, jr_string(&L->r, it, p, "plain_name", false), z->side);
        z->text = jr_string(&L->r, it, p, "text", false);
        z->disagreement = jr_string_opt(&L->r, it, p, "disagreement");
        z->segment = jr_string_opt(&L->r, it, p, "segment");
        z->nerve = jr_string_opt(&L->r, it, p, "nerve");
        char pk[96];
        if (k == 1) {
            char want[16];
            segment_of_derm(z->base_id, want, sizeof want);
            json_path_key(pk, sizeof pk, p, "segment");
            if (!want[0]) {
                json_path_key(pk, sizeof pk, p, "id");
                content_diag_add(L->r.diag, L->r.file, pk, "a dermatome id starts with 'derm_'");
            } else if (!z->segment[0]) {
                content_diag_add(L->r.diag, L->r.file, pk,
                                 "missing (a dermatome names its "
                                 "segment, here '%s')",
                                 want);
            } else if (strcmp(z->segment, want) != 0) {
                content_diag_add(L->r.diag, L->r.file, pk, "'%s' does not match the id (want '%s')",
                                 z->segment, want);
            }
        } else if (str_has_prefix(z->base_id, "derm_") && k >= 0) {
            json_path_key(pk, sizeof pk, p, "kind");
            content_diag_add(L->r.diag, L->r.file, pk, "a derm_ zone must be of kind 'dermatome'");
        }
        if (z->nerve[0]) {
            json_path_key(pk, sizeof pk, p, "nerve");
            int s = resolve_ref(L, pk, &L->structures, z->nerve, z->side);
            if (s >= 0) {
                z->nerve = db->structures[s].id;
                if (strcmp(db->structures[s].kind, "nerve") != 0) {
                    content_diag_add(L->r.diag, L->r.file, pk, "'%s' is not a nerve",
                                     db->structures[s].id);
                }
            }
        }
        z->citations =
            read_refs(L, it, p, "citations", &L->citations, CONTENT_SIDE_MIDLINE, false, true);
        read_review(L, it, p, &z->review);
    }

    int rn;
    const CanonId *req = canon_required_zones(&rn);
    for (int r = 0; r < rn; r++) {
        char id[ID_CAP];
        snprintf(id, sizeof id, "%s%s", req[r].id, req[r].paired ? "_r" : "");
        if (table_find(&L->zones, id) < 0) {
            content_diag_add(L->r.diag, L->r.file, "zones", "no entry for the zone '%s'%s",
                             req[r].id, req[r].paired ? " (paired)" : "");
        }
    }
    if (L->check && L->check->zone_shape_ids) {
        const ContentCheck *ck = L->check;
        for (int e = 0; e < db->zone_count; e++) {
            bool found = false;
            for (int s = 0; s < ck->zone_shape_count && !found; s++) {
                found = strcmp(ck->zone_shape_ids[s], db->zones[e].id) == 0;
            }
            if (!found) {
                char p[64];
                json_path_index(p, sizeof p, "zones", src[e]);
                content_diag_add(L->r.diag, L->r.file, p,
                                 "zone '%s' has no shape in the anatomy zone files",
                                 db->zones[e].id);
            }
        }
        for (int s = 0; s < ck->zone_shape_count; s++) {
            if (table_find(&L->zones, ck->zone_shape_ids[s]) < 0) {
                content_diag_add(L->r.diag, L->r.file, "zones", "no entry for the zone shape '%s'",
                                 ck->zone_shape_ids[s]);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------ */
/* sources.json                                                                          */

static void load_path(Loader *L, const cJSON *it, const char *p, ContentSource *s) {
    static const char *const step_keys[] = {"structure", "landmark", "zone", NULL};
    const cJSON *arr = jr_array(&L->r, it, p, "path", true);
    if (!arr) {
        return;
    }
    char pp[96];
    json_path_key(pp, sizeof pp, p, "path");
    int n = cJSON_GetArraySize(arr);
    s->path = content_arena_alloc(&L->db->arena, (size_t)(n ? n : 1) * sizeof *s->path);
    int i = 0;
    for (const cJSON *st = arr->child; st && s->path; st = st->next, i++) {
        char ps[128];
        json_path_index(ps, sizeof ps, pp, i);
        if (!cJSON_IsObject(st)) {
            content_diag_add(L->r.diag, L->r.file, ps, "a path step must be an object");
            continue;
        }
        jr_check_keys(&L->r, st, ps, step_keys);
        int named = 0;
        for (int k = 0; k < 3; k++) {
            named += cJSON_GetObjectItemCaseSensitive(st, step_keys[k]) != NULL;
        }
        if (named != 1) {
            content_diag_add(L->r.diag, L->r.file, ps,
                             "a path step names exactly one of structure, landmark or zone");
            continue;
        }
        ContentPathStep *step = &s->path[s->path_count];
        char pk[160];
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(st, step_keys[k]);
            if (!v) {
                continue;
            }
            json_path_key(pk, sizeof pk, ps, step_keys[k]);
            if (!cJSON_IsString(v)) {
                content_diag_add(L->r.diag, L->r.file, pk, "must be an id (string)");
                break;
            }
            step->kind = (ContentStepKind)k;
            const IdTable *t = k == 0 ? &L->structures : k == 1 ? &L->landmarks : &L->zones;
            if (k == 1 && !L->landmarks.ids) {
                /* no landmark list to check against: keep the id as written, sided */
                char full[ID_CAP + 4];
                snprintf(full, sizeof full, "%s", v->valuestring);
                step->id = content_arena_str(&L->db->arena, full);
                step->index = -1;
                s->path_count++;
                break;
            }
            int idx = resolve_ref(L, pk, t, v->valuestring, s->side);
            if (idx < 0) {
                break;
            }
            step->index = idx;
            /* landmark ids belong to the caller's list: keep a copy */
            step->id = k == 1 ? content_arena_str(&L->db->arena, t->ids[idx]) : t->ids[idx];
            s->path_count++;
        }
    }
}

static void load_sources(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema", "locale", "sources", NULL};
    static const char *const item_keys[] = {"id",
                                            "paired",
                                            "group",
                                            "mechanism",
                                            "structure",
                                            "name",
                                            "plain_name",
                                            "primary",
                                            "spillover",
                                            "path",
                                            "captions",
                                            "summary_patient",
                                            "summary_student",
                                            "evidence",
                                            "citations",
                                            "review",
                                            NULL};
    static const char *const groups[] = {"muscles", "joints", "nerves", "nerve_roots", NULL};
    static const char *const mechs[] = {"myofascial", "joint", "nerve_territory", "radicular",
                                        NULL};
    static const char *const phases[] = {"tension", "travel", "primary", "spillover", NULL};
    static const char *const ev_keys[] = {"level", "strength", "note", NULL};
    static const char *const strengths[] = {"low", "moderate", "high", NULL};
    jr_check_keys(&L->r, root, "", keys);
    const cJSON *arr = jr_array(&L->r, root, "", "sources", true);
    if (!arr) {
        return;
    }
    ContentDb *db = L->db;
    int cap = 2 * cJSON_GetArraySize(arr) + 1;
    db->sources = content_arena_alloc(&db->arena, (size_t)cap * sizeof *db->sources);
    const char **ids = content_arena_alloc(&db->arena, (size_t)cap * sizeof *ids);
    int *src = content_arena_alloc(&db->arena, (size_t)cap * sizeof *src);
    if (!db->sources || !ids || !src) {
        return;
    }
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char p[64];
        json_path_index(p, sizeof p, "sources", i);
        Expanded ex[2];
        int n = expand_item(L, it, p, ex);
        for (int k = 0; k < n; k++) {
            ContentSource *s = &db->sources[db->source_count];
            s->id = content_arena_str(&db->arena, ex[k].id);
            s->base_id = content_arena_str(&db->arena, ex[k].base);
            s->side = ex[k].side;
            ids[db->source_count] = s->id;
            src[db->source_count] = i;
            db->source_count++;
        }
    }
    check_duplicates(L, "sources", ids, src, db->source_count);

    for (int e = 0; e < db->source_count; e++) {
        ContentSource *s = &db->sources[e];
        const cJSON *it = cJSON_GetArrayItem(arr, src[e]);
        char p[64];
        json_path_index(p, sizeof p, "sources", src[e]);
        jr_check_keys(&L->r, it, p, item_keys);
        int k = jr_enum(&L->r, it, p, "group", groups);
        s->group = k >= 0 ? groups[k] : "";
        k = jr_enum(&L->r, it, p, "mechanism", mechs);
        s->mechanism = k >= 0 ? mechs[k] : "";
        s->structure = -1;
        const char *st = jr_string(&L->r, it, p, "structure", false);
        if (st[0]) {
            char pk[96];
            json_path_key(pk, sizeof pk, p, "structure");
            s->structure = resolve_ref(L, pk, &L->structures, st, s->side);
        }
        s->name = sided_name(L, jr_string(&L->r, it, p, "name", false), s->side);
        s->plain_name = sided_name(L, jr_string(&L->r, it, p, "plain_name", false), s->side);
        s->primary = read_refs(L, it, p, "primary", &L->zones, s->side, true, true);
        s->spillover = read_refs(L, it, p, "spillover", &L->zones, s->side, false, false);
        for (int a = 0; a < s->primary.count; a++) {
            for (int b = 0; b < s->spillover.count; b++) {
                if (s->primary.items[a] == s->spillover.items[b]) {
                    char pk[96];
                    json_path_index(pk, sizeof pk, p, 0);
                    json_path_key(pk, sizeof pk, p, "spillover");
                    content_diag_add(L->r.diag, L->r.file, pk,
                                     "zone '%s' is both primary and spillover",
                                     db->zones[s->primary.items[a]].id);
                }
            }
        }
        load_path(L, it, p, s);
        const cJSON *caps = jr_object(&L->r, it, p, "captions");
        for (int ph = 0; ph < CONTENT_PHASE_COUNT; ph++) {
            s->captions[ph] = "";
        }
        if (caps) {
            char pc[96];
            json_path_key(pc, sizeof pc, p, "captions");
            jr_check_keys(&L->r, caps, pc, phases);
            for (int ph = 0; ph < CONTENT_PHASE_COUNT; ph++) {
                s->captions[ph] = jr_string(&L->r, caps, pc, phases[ph], false);
            }
        }
        s->summary_patient = jr_string(&L->r, it, p, "summary_patient", false);
        s->summary_student = jr_string(&L->r, it, p, "summary_student", false);
        s->evidence_level = s->evidence_strength = s->evidence_note = "";
        const cJSON *ev = jr_object(&L->r, it, p, "evidence");
        if (ev) {
            char pe[96];
            json_path_key(pe, sizeof pe, p, "evidence");
            jr_check_keys(&L->r, ev, pe, ev_keys);
            k = jr_enum(&L->r, ev, pe, "level", EVIDENCE_LEVELS);
            s->evidence_level = k >= 0 ? EVIDENCE_LEVELS[k] : "";
            k = jr_enum(&L->r, ev, pe, "strength", strengths);
            s->evidence_strength = k >= 0 ? strengths[k] : "";
            s->evidence_note = jr_string(&L->r, ev, pe, "note", false);
        }
        s->citations =
            read_refs(L, it, p, "citations", &L->citations, CONTENT_SIDE_MIDLINE, true, true);
        read_review(L, it, p, &s->review);
    }

    int rn;
    const CanonId *req = canon_required_sources(&rn);
    for (int r = 0; r < rn; r++) {
        for (int side = 0; side < (req[r].paired ? 2 : 1); side++) {
            char id[ID_CAP];
            snprintf(id, sizeof id, "%s%s", req[r].id, req[r].paired ? (side ? "_r" : "_l") : "");
            if (content_find_source(db, id) < 0) {
                content_diag_add(L->r.diag, L->r.file, "sources", "no entry for the source '%s'",
                                 id);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------ */
/* redflags.json                                                                         */

static void load_redflags(Loader *L, const cJSON *root) {
    static const char *const keys[] = {"schema", "locale", "title", "intro",
                                       "groups", "review", NULL};
    static const char *const group_keys[] = {"id",    "urgency",   "title", "action",
                                             "items", "citations", NULL};
    static const char *const item_keys[] = {"id", "text", NULL};
    static const char *const urgencies[] = {"emergency", "urgent", "soon", NULL};
    ContentDb *db = L->db;
    jr_check_keys(&L->r, root, "", keys);
    db->redflags_title = jr_string(&L->r, root, "", "title", false);
    db->redflags_intro = jr_string(&L->r, root, "", "intro", false);
    read_review(L, root, "", &db->redflags_review);
    const cJSON *arr = jr_array(&L->r, root, "", "groups", true);
    if (!arr) {
        return;
    }
    int n = cJSON_GetArraySize(arr);
    db->redflag_groups =
        content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *db->redflag_groups);
    const char **gids = content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *gids);
    int *gsrc = content_arena_alloc(&db->arena, (size_t)(n ? n : 1) * sizeof *gsrc);
    if (!db->redflag_groups || !gids || !gsrc) {
        return;
    }
    int i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        char p[64];
        json_path_index(p, sizeof p, "groups", i);
        jr_check_keys(&L->r, it, p, group_keys);
        /* a group without an id is reported and its slot reused by the next group, so
         * start each one empty (its items were counted against another array) */
        ContentRedFlagGroup *g = &db->redflag_groups[db->redflag_group_count];
        memset(g, 0, sizeof *g);
        g->id = jr_string(&L->r, it, p, "id", false);
        int k = jr_enum(&L->r, it, p, "urgency", urgencies);
        g->urgency = k >= 0 ? urgencies[k] : "";
        g->title = jr_string(&L->r, it, p, "title", false);
        g->action = jr_string(&L->r, it, p, "action", false);
        g->citations =
            read_refs(L, it, p, "citations", &L->citations, CONTENT_SIDE_MIDLINE, false, false);
        const cJSON *items = jr_array(&L->r, it, p, "items", true);
        int ni = items ? cJSON_GetArraySize(items) : 0;
        g->items = content_arena_alloc(&db->arena, (size_t)(ni ? ni : 1) * sizeof *g->items);
        const char **iids = content_arena_alloc(&db->arena, (size_t)(ni ? ni : 1) * sizeof *iids);
        int *isrc = content_arena_alloc(&db->arena, (size_t)(ni ? ni : 1) * sizeof *isrc);
        char pa[96];
        json_path_key(pa, sizeof pa, p, "items");
        int j = 0;
        for (const cJSON *x = items ? items->child : NULL; x && g->items; x = x->next, j++) {
            char px[128];
            json_path_index(px, sizeof px, pa, j);
            jr_check_keys(&L->r, x, px, item_keys);
            ContentRedFlagItem *item = &g->items[g->item_count];
            item->id = jr_string(&L->r, x, px, "id", false);
            item->text = jr_string(&L->r, x, px, "text", false);
            if (!item->id[0]) {
                continue;
            }
            iids[g->item_count] = item->id;
            isrc[g->item_count] = j;
            g->item_count++;
        }
        check_duplicates(L, pa, iids, isrc, g->item_count);
        if (!g->id[0]) {
            continue;
        }
        gids[db->redflag_group_count] = g->id;
        gsrc[db->redflag_group_count] = i;
        db->redflag_group_count++;
    }
    check_duplicates(L, "groups", gids, gsrc, db->redflag_group_count);
    int rn;
    const char *const *req = canon_required_redflag_groups(&rn);
    for (int r = 0; r < rn; r++) {
        bool found = false;
        for (int g = 0; g < db->redflag_group_count && !found; g++) {
            found = strcmp(db->redflag_groups[g].id, req[r]) == 0;
        }
        if (!found) {
            content_diag_add(L->r.diag, L->r.file, "groups", "no group '%s'", req[r]);
        }
    }
}

/* ------------------------------------------------------------------------------------ */

typedef void (*FileLoader)(Loader *L, const cJSON *root);

/* order matters: ids a file refers to are loaded first */
static const FileLoader LOADERS[CONTENT_FILE_COUNT] = {
    load_meta, load_citations, load_ui, load_structures, load_zones, load_sources, load_redflags};

static void loader_init(Loader *L, const ContentInput *input, const ContentCheck *check,
                        ContentDb *out_db, ContentDiag *diag, const char *locale) {
    memset(out_db, 0, sizeof *out_db);
    memset(L, 0, sizeof *L);
    L->db = out_db;
    L->check = check;
    L->input = input;
    L->r.diag = diag;
    L->r.arena = &out_db->arena;
    L->side_word[CONTENT_SIDE_MIDLINE] = "";
    L->side_word[CONTENT_SIDE_LEFT] = "left";
    L->side_word[CONTENT_SIDE_RIGHT] = "right";
    L->structures.what = "structure";
    L->zones.what = "zone";
    L->citations.what = "citation";
    L->landmarks.what = "landmark";
    if (check && check->landmark_ids) {
        L->landmarks.ids = check->landmark_ids;
        L->landmarks.count = check->landmark_count;
    }
    out_db->locale = content_arena_str(&out_db->arena, locale ? locale : "");
}

/* Checks "schema" and "locale" of a parsed root against the locale expected (NULL: any). */
static void check_root(JsonReader *r, const cJSON *root, const char *locale) {
    jr_check_schema(r, root, CONTENT_SCHEMA_VERSION);
    const char *loc = jr_string(r, root, "", "locale", false);
    if (locale && loc[0] && strcmp(loc, locale) != 0) {
        content_diag_add(r->diag, r->file, "locale", "'%s' does not match the folder '%s'", loc,
                         locale);
    }
}

static void load_root(Loader *L, int f, const cJSON *root) {
    LOADERS[f](L, root);
    if (f == CONTENT_FILE_UI) {
        L->side_word[CONTENT_SIDE_LEFT] = content_ui(L->db, "side_left", "left");
        L->side_word[CONTENT_SIDE_RIGHT] = content_ui(L->db, "side_right", "right");
    }
}

bool content_load(const ContentInput *input, const ContentCheck *check, ContentDb *out_db,
                  ContentDiag *diag) {
    int before = diag->count;
    Loader L;
    loader_init(&L, input, check, out_db, diag, input->locale);
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        const ContentFile *cf = &input->files[f];
        L.r.file = cf->name ? cf->name : FILE_NAMES[f];
        if (!cf->data && cf->why[0]) {
            content_diag_add(L.r.diag, L.r.file, NULL, "cannot read (%s)", cf->why);
            continue;
        }
        cJSON *root = jr_parse(&L.r, cf->data, cf->len);
        if (!root) {
            continue;
        }
        check_root(&L.r, root, input->locale);
        load_root(&L, f, root);
        cJSON_Delete(root);
    }
    return diag->count == before;
}

static int cmp_ptr(const void *a, const void *b) {
    uintptr_t x = (uintptr_t) * (const void *const *)a;
    uintptr_t y = (uintptr_t) * (const void *const *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

bool content_load_translated(const ContentInput *base, const ContentInput *translation,
                             const ContentCheck *check, ContentDb *out_db, ContentDiag *diag) {
    if (!translation) {
        return content_load(base, check, out_db, diag);
    }
    int before = diag->count;
    Loader L;
    loader_init(&L, translation, check, out_db, diag, translation->locale);
    TrResult res;
    memset(&res, 0, sizeof res);
    int missing_cap = 0;
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        const ContentFile *bf = &base->files[f];
        const ContentFile *tf = &translation->files[f];
        JsonReader br = L.r, tr = L.r;
        br.file = bf->name ? bf->name : FILE_NAMES[f];
        tr.file = tf->name ? tf->name : FILE_NAMES[f];
        cJSON *root = jr_parse(&br, bf->data, bf->len);
        if (!root) {
            continue;
        }
        check_root(&br, root, base->locale);
        cJSON *troot = NULL;
        if (tf->data) {
            troot = jr_parse(&tr, tf->data, tf->len);
            if (troot) {
                check_root(&tr, troot, translation->locale);
            }
        }
        int first_node = res.node_count, first_missing = res.missing_count;
        tr_merge((ContentFileId)f, root, troot, &tr, &res);
        cJSON_Delete(troot);
        /* the merged file reads as the translation's */
        const cJSON **nodes = res.nodes + first_node;
        int n = res.node_count - first_node;
        if (n > 0) {
            qsort(nodes, (size_t)n, sizeof *nodes, cmp_ptr); /* NULL when none: not for qsort */
        }
        L.r.file = tr.file;
        L.r.marked = nodes;
        L.r.marked_count = n;
        L.r.on_marked = on_fallback_copy;
        L.r.marked_ctx = &L;
        load_root(&L, f, root);
        L.r.marked = NULL;
        L.r.marked_count = 0;
        cJSON_Delete(root);
        for (int k = first_missing; k < res.missing_count; k++) {
            if (out_db->fallback_count == missing_cap) {
                int cap = missing_cap ? 2 * missing_cap : 64;
                ContentFallback *nf = realloc(out_db->fallbacks, (size_t)cap * sizeof *nf);
                if (!nf) {
                    break;
                }
                out_db->fallbacks = nf;
                missing_cap = cap;
            }
            ContentFallback *fb = &out_db->fallbacks[out_db->fallback_count++];
            fb->file = (ContentFileId)f;
            fb->file_name = content_arena_str(&out_db->arena, tr.file);
            fb->path = content_arena_str(&out_db->arena, res.missing[k].path);
            fb->strings = res.missing[k].strings;
        }
    }
    tr_result_free(&res);
    if (out_db->fallback_text_count > 0) { /* none (a complete translation): NULL */
        qsort(out_db->fallback_texts, (size_t)out_db->fallback_text_count,
              sizeof *out_db->fallback_texts, cmp_ptr);
    }
    return diag->count == before;
}

bool content_text_is_fallback(const ContentDb *db, const char *text) {
    if (!text || db->fallback_text_count == 0) {
        return false;
    }
    return bsearch(&text, db->fallback_texts, (size_t)db->fallback_text_count,
                   sizeof *db->fallback_texts, cmp_ptr) != NULL;
}

void content_free(ContentDb *db) {
    free(db->fallbacks);
    free((void *)db->fallback_texts);
    content_arena_free(&db->arena);
    memset(db, 0, sizeof *db);
}

bool content_read_dir(const char *dir, ContentInput *out_input, char *err, size_t err_cap) {
    memset(out_input, 0, sizeof *out_input);
    if (!file_is_dir(dir)) {
        snprintf(err, err_cap, "%s: not a readable directory", dir);
        return false;
    }
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        char path[1024];
        out_input->files[f].name = FILE_NAMES[f];
        if (!path_join(path, sizeof path, dir, FILE_NAMES[f])) {
            continue;
        }
        char *data = NULL;
        size_t len = 0;
        char ferr[256];
        if (file_read_all(path, &data, &len, ferr, sizeof ferr)) {
            out_input->files[f].data = data;
            out_input->files[f].len = len;
        } else if (file_exists(path)) {
            /* not "missing": say what is wrong with what is there */
            snprintf(out_input->files[f].why, sizeof out_input->files[f].why, "%.190s", ferr);
        }
    }
    return true;
}

void content_input_free(ContentInput *input) {
    for (int f = 0; f < CONTENT_FILE_COUNT; f++) {
        free((void *)input->files[f].data);
        input->files[f].data = NULL;
    }
}

int content_find_structure(const ContentDb *db, const char *id) {
    for (int i = 0; i < db->structure_count; i++) {
        if (strcmp(db->structures[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int content_find_zone(const ContentDb *db, const char *id) {
    for (int i = 0; i < db->zone_count; i++) {
        if (strcmp(db->zones[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int content_find_source(const ContentDb *db, const char *id) {
    for (int i = 0; i < db->source_count; i++) {
        if (strcmp(db->sources[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

int content_find_citation(const ContentDb *db, const char *id) {
    for (int i = 0; i < db->citation_count; i++) {
        if (strcmp(db->citations[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

const char *content_ui(const ContentDb *db, const char *key, const char *fallback) {
    for (int i = 0; i < db->ui_count; i++) {
        if (strcmp(db->ui[i].key, key) == 0) {
            return db->ui[i].value;
        }
    }
    return fallback;
}
