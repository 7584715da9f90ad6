#include "content/content_translate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content_diag.h"

/* What a translation may change, file by file. Everything else is data (ids, kinds, zone
 * lists, segments, citations' bibliographic fields, evidence levels...) and must be left
 * out or repeated exactly. */
typedef enum {
    TR_TEXT,   /* a string the translation replaces */
    TR_OBJECT, /* an object holding texts (sub) */
    TR_LIST,   /* an array of entries matched by "id" (sub) */
    TR_MAP,    /* an object whose every member is a text (ui strings, evidence levels) */
    TR_REVIEW  /* the translation's own review object, replacing the English one */
} TrKind;

typedef struct TrField {
    const char *key;
    TrKind kind;
    const struct TrField *sub;
} TrField;

static const TrField META[] = {{"licence", TR_TEXT, NULL},
                               {"disclaimer", TR_TEXT, NULL},
                               {"evidence_levels", TR_MAP, NULL},
                               {"smudging_note", TR_TEXT, NULL},
                               {"dermatome_maps_note", TR_TEXT, NULL},
                               {"variants_note", TR_TEXT, NULL},
                               {NULL, TR_TEXT, NULL}};
static const TrField CITATION[] = {{"note", TR_TEXT, NULL}, {NULL, TR_TEXT, NULL}};
static const TrField CITATIONS[] = {{"citations", TR_LIST, CITATION}, {NULL, TR_TEXT, NULL}};
static const TrField UI[] = {{"strings", TR_MAP, NULL}, {NULL, TR_TEXT, NULL}};
static const TrField INNERVATION[] = {
    {"nerve", TR_TEXT, NULL}, {"note", TR_TEXT, NULL}, {NULL, TR_TEXT, NULL}};
static const TrField STRUCTURE[] = {{"name", TR_TEXT, NULL},
                                    {"plain_name", TR_TEXT, NULL},
                                    {"origin", TR_TEXT, NULL},
                                    {"insertion", TR_TEXT, NULL},
                                    {"innervation", TR_OBJECT, INNERVATION},
                                    {"action", TR_TEXT, NULL},
                                    {"student_text", TR_TEXT, NULL},
                                    {"patient_text", TR_TEXT, NULL},
                                    {"review", TR_REVIEW, NULL},
                                    {NULL, TR_TEXT, NULL}};
static const TrField STRUCTURES[] = {{"structures", TR_LIST, STRUCTURE}, {NULL, TR_TEXT, NULL}};
static const TrField ZONE[] = {{"name", TR_TEXT, NULL},     {"plain_name", TR_TEXT, NULL},
                               {"text", TR_TEXT, NULL},     {"disagreement", TR_TEXT, NULL},
                               {"review", TR_REVIEW, NULL}, {NULL, TR_TEXT, NULL}};
static const TrField ZONES[] = {{"zones", TR_LIST, ZONE}, {NULL, TR_TEXT, NULL}};
static const TrField CAPTIONS[] = {{"tension", TR_TEXT, NULL},
                                   {"travel", TR_TEXT, NULL},
                                   {"primary", TR_TEXT, NULL},
                                   {"spillover", TR_TEXT, NULL},
                                   {NULL, TR_TEXT, NULL}};
static const TrField EVIDENCE[] = {{"note", TR_TEXT, NULL}, {NULL, TR_TEXT, NULL}};
static const TrField SOURCE[] = {{"name", TR_TEXT, NULL},
                                 {"plain_name", TR_TEXT, NULL},
                                 {"captions", TR_OBJECT, CAPTIONS},
                                 {"summary_patient", TR_TEXT, NULL},
                                 {"summary_student", TR_TEXT, NULL},
                                 {"evidence", TR_OBJECT, EVIDENCE},
                                 {"review", TR_REVIEW, NULL},
                                 {NULL, TR_TEXT, NULL}};
static const TrField SOURCES[] = {{"sources", TR_LIST, SOURCE}, {NULL, TR_TEXT, NULL}};
static const TrField REDFLAG_ITEM[] = {{"text", TR_TEXT, NULL}, {NULL, TR_TEXT, NULL}};
static const TrField REDFLAG_GROUP[] = {{"title", TR_TEXT, NULL},
                                        {"action", TR_TEXT, NULL},
                                        {"items", TR_LIST, REDFLAG_ITEM},
                                        {NULL, TR_TEXT, NULL}};
static const TrField REDFLAGS[] = {{"title", TR_TEXT, NULL},
                                   {"intro", TR_TEXT, NULL},
                                   {"groups", TR_LIST, REDFLAG_GROUP},
                                   {"review", TR_REVIEW, NULL},
                                   {NULL, TR_TEXT, NULL}};

static const TrField *const FILE_SPECS[CONTENT_FILE_COUNT] = {META,  CITATIONS, UI,      STRUCTURES,
                                                              ZONES, SOURCES,   REDFLAGS};

typedef struct Merge {
    JsonReader *r;
    TrResult *res;
} Merge;

static void add_node(Merge *m, const cJSON *node) {
    TrResult *res = m->res;
    if (res->node_count == res->node_cap) {
        int cap = res->node_cap ? 2 * res->node_cap : 256;
        const cJSON **n = realloc(res->nodes, (size_t)cap * sizeof *n);
        if (!n) {
            return;
        }
        res->nodes = n;
        res->node_cap = cap;
    }
    res->nodes[res->node_count++] = node;
}

static void add_missing(Merge *m, const char *path, int strings) {
    TrResult *res = m->res;
    if (res->missing_count == res->missing_cap) {
        int cap = res->missing_cap ? 2 * res->missing_cap : 64;
        TrMissing *n = realloc(res->missing, (size_t)cap * sizeof *n);
        if (!n) {
            return;
        }
        res->missing = n;
        res->missing_cap = cap;
    }
    size_t len = strlen(path) + 1;
    char *copy = malloc(len);
    if (!copy) {
        return;
    }
    memcpy(copy, path, len);
    res->missing[res->missing_count].path = copy;
    res->missing[res->missing_count].strings = strings;
    res->missing_count++;
}

static bool is_text(const cJSON *v) {
    return cJSON_IsString(v) && v->valuestring && v->valuestring[0];
}

static const TrField *find_field(const TrField *spec, const char *key) {
    for (const TrField *f = spec; f->key; f++) {
        if (strcmp(f->key, key) == 0) {
            return f;
        }
    }
    return NULL;
}

static void replace_text(cJSON *obj, const char *key, const char *text) {
    cJSON *s = cJSON_CreateString(text);
    if (s) {
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, s);
    }
}

static void merge_obj(Merge *m, cJSON *en, const cJSON *tr, const TrField *spec, const char *path,
                      const char *trpath, bool root);

/* Every English text under en is kept: a fallback. Returns how many. */
static int keep_all(Merge *m, cJSON *en, const TrField *f, const char *path) {
    int before = m->res->node_count;
    if (f->kind == TR_MAP) {
        for (const cJSON *c = en->child; c; c = c->next) {
            if (is_text(c)) {
                add_node(m, c);
            }
        }
    } else if (f->kind == TR_OBJECT && cJSON_IsObject(en)) {
        merge_obj(m, en, NULL, f->sub, path, "", false);
    } else if (f->kind == TR_LIST && cJSON_IsArray(en)) {
        for (cJSON *e = en->child; e; e = e->next) {
            if (cJSON_IsObject(e)) {
                merge_obj(m, e, NULL, f->sub, path, "", false);
            }
        }
    } else if (f->kind == TR_TEXT && is_text(en)) {
        add_node(m, en);
    }
    return m->res->node_count - before;
}

static const char *entry_id(const cJSON *e) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
    return cJSON_IsString(id) && id->valuestring[0] ? id->valuestring : NULL;
}

static void merge_list(Merge *m, cJSON *en, const cJSON *tr, const TrField *sub, const char *path,
                       const char *trpath) {
    /* the translation's entries: each names an English entry, once */
    int i = 0;
    for (const cJSON *t = tr->child; t; t = t->next, i++) {
        char pi[256], pid[280];
        json_path_index(pi, sizeof pi, trpath, i);
        json_path_key(pid, sizeof pid, pi, "id");
        const char *id = cJSON_IsObject(t) ? entry_id(t) : NULL;
        if (!id) {
            content_diag_add(m->r->diag, m->r->file, pi,
                             "an entry of a translation is an object with the \"id\" of an "
                             "English entry");
            continue;
        }
        bool found = false;
        for (const cJSON *e = en->child; e && !found; e = e->next) {
            const char *eid = entry_id(e);
            found = eid && strcmp(eid, id) == 0;
        }
        if (!found) {
            content_diag_add(m->r->diag, m->r->file, pid,
                             "'%s' is not an id of the English file (a translation cannot add "
                             "entries)",
                             id);
            continue;
        }
        int j = 0;
        for (const cJSON *u = tr->child; u != t; u = u->next, j++) {
            const char *uid = cJSON_IsObject(u) ? entry_id(u) : NULL;
            if (uid && strcmp(uid, id) == 0) {
                content_diag_add(m->r->diag, m->r->file, pid, "duplicate id '%s' (first at %s[%d])",
                                 id, trpath, j);
                break;
            }
        }
    }
    /* the English entries, each with its translation or none */
    for (cJSON *e = en->child; e; e = e->next) {
        const char *id = cJSON_IsObject(e) ? entry_id(e) : NULL;
        if (!id) {
            continue; /* the loader reports it */
        }
        char pe[256];
        snprintf(pe, sizeof pe, "%.120s[id=%.120s]", path, id);
        const cJSON *t = NULL;
        int k = 0, ti = -1;
        for (const cJSON *c = tr->child; c && !t; c = c->next, k++) {
            const char *cid = cJSON_IsObject(c) ? entry_id(c) : NULL;
            if (cid && strcmp(cid, id) == 0) {
                t = c;
                ti = k;
            }
        }
        if (!t) {
            int before = m->res->node_count;
            merge_obj(m, e, NULL, sub, pe, "", false);
            if (m->res->node_count > before) {
                add_missing(m, pe, m->res->node_count - before);
            }
            continue;
        }
        char pt[256];
        json_path_index(pt, sizeof pt, trpath, ti);
        merge_obj(m, e, t, sub, pe, pt, false);
    }
}

/* Checks the members of tr that are not texts: each must exist in English and be equal. */
static void check_data(Merge *m, const cJSON *en, const cJSON *tr, const TrField *spec,
                       const char *trpath, bool root) {
    for (const cJSON *t = tr->child; t; t = t->next) {
        if (root && (!strcmp(t->string, "locale") || !strcmp(t->string, "schema"))) {
            continue; /* checked by the caller */
        }
        char pt[300];
        json_path_key(pt, sizeof pt, trpath, t->string);
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(en, t->string);
        const TrField *f = find_field(spec, t->string);
        if (!e) {
            content_diag_add(m->r->diag, m->r->file, pt,
                             "'%s' is not in the English file (a translation holds only the "
                             "texts of English entries)",
                             t->string);
        } else if (!f && !cJSON_Compare(e, t, true)) {
            content_diag_add(m->r->diag, m->r->file, pt,
                             "differs from the English file: a translation may change texts "
                             "only, not '%s' (leave it out)",
                             t->string);
        }
    }
}

static void merge_obj(Merge *m, cJSON *en, const cJSON *tr, const TrField *spec, const char *path,
                      const char *trpath, bool root) {
    if (tr) {
        check_data(m, en, tr, spec, trpath, root);
    }
    for (const TrField *f = spec; f->key; f++) {
        cJSON *e = cJSON_GetObjectItemCaseSensitive(en, f->key);
        if (!e) {
            continue; /* not in English: check_data reported any translation of it */
        }
        const cJSON *t = tr ? cJSON_GetObjectItemCaseSensitive(tr, f->key) : NULL;
        char pk[300], ptk[300];
        json_path_key(pk, sizeof pk, path, f->key);
        json_path_key(ptk, sizeof ptk, trpath, f->key);
        switch (f->kind) {
            case TR_TEXT:
                if (t && !cJSON_IsString(t)) {
                    content_diag_add(m->r->diag, m->r->file, ptk, "must be a string");
                    t = NULL;
                }
                if (!is_text(e)) {
                    if (t && is_text(t) && cJSON_IsString(e)) {
                        content_diag_add(m->r->diag, m->r->file, ptk,
                                         "the English text is empty here: a translation cannot add "
                                         "text");
                    }
                    break;
                }
                if (!t || !is_text(t) || !cJSON_SetValuestring(e, t->valuestring)) {
                    add_node(m, e);
                    if (tr) {
                        add_missing(m, pk, 1);
                    }
                }
                break;
            case TR_MAP:
            case TR_OBJECT:
            case TR_LIST: {
                bool ok_type = f->kind == TR_LIST ? cJSON_IsArray(t) : cJSON_IsObject(t);
                if (t && !ok_type) {
                    content_diag_add(m->r->diag, m->r->file, ptk, "must be %s",
                                     f->kind == TR_LIST ? "an array" : "an object");
                    t = NULL;
                }
                if (!t) {
                    int n = keep_all(m, e, f, pk);
                    if (tr && n > 0) {
                        add_missing(m, pk, n);
                    }
                } else if (f->kind == TR_OBJECT) {
                    merge_obj(m, e, t, f->sub, pk, ptk, false);
                } else if (f->kind == TR_LIST) {
                    if (cJSON_IsArray(e)) {
                        merge_list(m, e, t, f->sub, pk, ptk);
                    }
                } else {
                    for (const cJSON *c = t->child; c; c = c->next) {
                        char pc[400];
                        json_path_key(pc, sizeof pc, ptk, c->string);
                        if (!cJSON_GetObjectItemCaseSensitive(e, c->string)) {
                            content_diag_add(m->r->diag, m->r->file, pc,
                                             "'%s' is not in the English file", c->string);
                        } else if (!cJSON_IsString(c)) {
                            content_diag_add(m->r->diag, m->r->file, pc, "must be a string");
                        }
                    }
                    for (cJSON *c = e->child; c; c = c->next) {
                        if (!is_text(c)) {
                            continue;
                        }
                        const cJSON *tc = cJSON_GetObjectItemCaseSensitive(t, c->string);
                        if (!is_text(tc) || !cJSON_SetValuestring(c, tc->valuestring)) {
                            char pc[400];
                            json_path_key(pc, sizeof pc, pk, c->string);
                            add_node(m, c);
                            add_missing(m, pc, 1);
                        }
                    }
                }
                break;
            }
            case TR_REVIEW:
                if (t) {
                    if (!cJSON_IsObject(t)) {
                        content_diag_add(m->r->diag, m->r->file, ptk, "must be an object");
                    }
                    cJSON *copy = cJSON_Duplicate(t, true);
                    if (copy) {
                        cJSON_ReplaceItemInObjectCaseSensitive(en, f->key, copy);
                    }
                } else if (tr && cJSON_IsObject(e)) {
                    /* a translated entry without its own review has not been reviewed */
                    replace_text(e, "status", "draft");
                    replace_text(e, "reviewer_role", "");
                    add_missing(m, pk, 0);
                }
                break;
        }
    }
}

void tr_merge(ContentFileId file, cJSON *en_root, const cJSON *tr_root, JsonReader *r,
              TrResult *res) {
    if (file < 0 || file >= CONTENT_FILE_COUNT || !en_root) {
        return;
    }
    Merge m = {r, res};
    const TrField *spec = FILE_SPECS[file];
    if (!tr_root) {
        int before = res->node_count;
        merge_obj(&m, en_root, NULL, spec, "", "", true);
        add_missing(&m, "", res->node_count - before);
        return;
    }
    merge_obj(&m, en_root, tr_root, spec, "", "", true);
}

void tr_result_free(TrResult *res) {
    for (int i = 0; i < res->missing_count; i++) {
        free(res->missing[i].path);
    }
    free(res->missing);
    free(res->nodes);
    memset(res, 0, sizeof *res);
}
