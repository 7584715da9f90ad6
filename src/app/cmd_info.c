#include "app/cmd_info.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "anatomy/body.h"
#include "content/canon.h"
#include "content/content.h"
#include "core/fileio.h"
#include "core/paths.h"
#include "core/strutil.h"
#include "platform/plat.h"
#include "referral/ref_assets.h"
#include "referral/referral.h"
#include "referral/timeline.h"

enum { INFO_OK = 0, INFO_ENV = 1, INFO_INPUT = 2 };

typedef struct InfoOpts {
    const char *assets_dir;
    const char *map;
    const char *zone, *landmark, *point;
    const char *locale; /* --locale: the texts' language (check-content: the one to check) */
    bool json;
    const char *pos[4]; /* positional arguments after the subcommand */
    int pos_count;
} InfoOpts;

typedef struct Info {
    FILE *out, *err;
    InfoOpts o;
    const char *exe_dir;
    char assets_dir[4096];
    RefAssets assets;
    bool loaded;
    Body body; /* the baked model, when one is found: skin for --point, nodes for checks */
    bool have_body;
    char model_path[4096];
    char body_error[1024]; /* a body.glb was found but could not be read: why */
} Info;

/* Loads body.glb if one can be found (--model is the viewer's; here $PAINMAP_MODEL or beside
 * the program/assets). Not finding one is fine: points are then used as given. */
static void load_body(Info *in) {
    char err[8192];
    if (in->have_body ||
        !paths_find_model(NULL, in->assets_dir, in->exe_dir ? in->exe_dir : ".", in->model_path,
                          sizeof in->model_path, err, sizeof err)) {
        return;
    }
    if (!body_load_file(in->model_path, &in->body, err, sizeof err)) {
        fprintf(in->err, "painmap: warning: %s (continuing without the model)\n", err);
        snprintf(in->body_error, sizeof in->body_error, "%.1000s", err);
        return;
    }
    in->have_body = true;
}

/* The skin vertex nearest to p (full detail); false without a model. */
static bool project_to_skin(const Info *in, const float p[3], float out[3], float *out_dist) {
    if (!in->have_body) {
        return false;
    }
    int s = body_find(&in->body, "skin");
    if (s < 0 || in->body.items[s].lod[BODY_LOD_FULL].vcount == 0) {
        return false;
    }
    const BodyMesh *m = &in->body.items[s].lod[BODY_LOD_FULL];
    float best = 1e30f;
    uint32_t bi = 0;
    for (uint32_t v = 0; v < m->vcount; v++) {
        float d = 0;
        for (int k = 0; k < 3; k++) {
            float e = m->pos[v * 3 + (uint32_t)k] - p[k];
            d += e * e;
        }
        if (d < best) {
            best = d;
            bi = v;
        }
    }
    memcpy(out, &m->pos[bi * 3], 3 * sizeof(float));
    *out_dist = sqrtf(best);
    return true;
}

static int usage_error(Info *in, const char *what) {
    fprintf(in->err, "painmap: error: %s\n", what);
    fprintf(in->err,
            "usage: painmap list structures|sources|zones|landmarks|views|layers|maps [--json]\n"
            "       painmap query structure ID | source ID | redflags [--json]\n"
            "       painmap query where --zone ID | --landmark ID | --point X,Y,Z [--map ID] "
            "[--json]\n"
            "       painmap query dermatome --landmark ID | --point X,Y,Z [--map ID] [--json]\n"
            "       painmap check-content [DIR] [--locale L] [--json]\n"
            "       (list, query and check-content take --locale L: en, es, ...)\n");
    return INFO_INPUT;
}

static bool parse_opts(Info *in, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (!strcmp(a, "--json")) {
            in->o.json = true;
            continue;
        }
        if (!strcmp(a, "--assets-dir")) {
            slot = &in->o.assets_dir;
        } else if (!strcmp(a, "--map")) {
            slot = &in->o.map;
        } else if (!strcmp(a, "--zone")) {
            slot = &in->o.zone;
        } else if (!strcmp(a, "--landmark")) {
            slot = &in->o.landmark;
        } else if (!strcmp(a, "--point")) {
            slot = &in->o.point;
        } else if (!strcmp(a, "--locale")) {
            slot = &in->o.locale;
        }
        if (slot) {
            if (i + 1 >= argc) {
                char msg[128];
                snprintf(msg, sizeof msg, "%s needs a value", a);
                usage_error(in, msg);
                return false;
            }
            *slot = argv[++i];
            continue;
        }
        if (a[0] == '-' && a[1] == '-') {
            char msg[160];
            snprintf(msg, sizeof msg, "unknown option '%s'", a);
            usage_error(in, msg);
            return false;
        }
        if (in->o.pos_count == 4) {
            usage_error(in, "too many arguments");
            return false;
        }
        in->o.pos[in->o.pos_count++] = a;
    }
    return true;
}

/* Loads the assets (once). Problems in the files are reported as a warning: queries still
 * answer from what loaded; check-content is the command that fails on them. */
static int load(Info *in) {
    if (in->loaded) {
        return INFO_OK;
    }
    ContentDiag diag = {0};
    ref_assets_load(in->assets_dir, in->o.locale ? in->o.locale : "en", NULL, 0, &in->assets,
                    &diag);
    in->loaded = true;
    if (diag.count > 0) {
        fprintf(in->err,
                "painmap: warning: the assets have %d problem(s); run 'painmap check-content'\n",
                diag.count);
    }
    content_diag_free(&diag);
    if (!in->assets.engine_ready) {
        fprintf(in->err, "painmap: error: could not load the content in %s\n", in->assets_dir);
        return INFO_ENV;
    }
    return INFO_OK;
}

static int unknown_id(Info *in, const char *what, const char *id, const char *const *ids, int n) {
    const char *best[3];
    int k = content_suggest_many(id, ids, n, best, 3);
    fprintf(in->err, "painmap: error: unknown %s '%s'", what, id);
    if (k > 0) {
        fprintf(in->err, "; closest: ");
        for (int i = 0; i < k; i++) {
            fprintf(in->err, "%s%s", i ? ", " : "", best[i]);
        }
    }
    fprintf(in->err, "\n");
    return INFO_INPUT;
}

/* ------------------------------------------------------------------------------------ */
/* helpers to collect id lists for suggestions                                           */

typedef enum { IDS_STRUCTURES, IDS_SOURCES, IDS_ZONES, IDS_LANDMARKS } IdsKind;

static const char **collect_ids(Info *in, IdsKind kind, int *out_n) {
    const ContentDb *db = &in->assets.content;
    int n = kind == IDS_STRUCTURES ? db->structure_count
            : kind == IDS_SOURCES  ? db->source_count
            : kind == IDS_ZONES    ? db->zone_count
                                   : in->assets.landmarks.count;
    const char **ids = malloc((size_t)(n ? n : 1) * sizeof *ids);
    if (!ids) {
        *out_n = 0;
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        ids[i] = kind == IDS_STRUCTURES ? db->structures[i].id
                 : kind == IDS_SOURCES  ? db->sources[i].id
                 : kind == IDS_ZONES    ? db->zones[i].id
                                        : in->assets.landmarks.items[i].id;
    }
    *out_n = n;
    return ids;
}

static int unknown_of(Info *in, const char *what, IdsKind kind, const char *id) {
    int n;
    const char **ids = collect_ids(in, kind, &n);
    int rc = unknown_id(in, what, id, ids, n);
    free(ids);
    return rc;
}

static void print_json(Info *in, cJSON *j) {
    char *s = cJSON_Print(j);
    if (s) {
        fprintf(in->out, "%s\n", s);
        free(s);
    }
    cJSON_Delete(j);
}

static cJSON *citations_json(const ContentDb *db, const ContentIndexList *l) {
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < l->count; i++) {
        const ContentCitation *c = &db->citations[l->items[i]];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", c->id);
        cJSON_AddStringToObject(o, "authors", c->authors);
        cJSON_AddNumberToObject(o, "year", c->year);
        cJSON_AddStringToObject(o, "title", c->title);
        cJSON_AddStringToObject(o, "journal", c->journal);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static void print_citations(Info *in, const ContentIndexList *l) {
    const ContentDb *db = &in->assets.content;
    if (l->count == 0) {
        return;
    }
    fprintf(in->out, "Sources:\n");
    for (int i = 0; i < l->count; i++) {
        const ContentCitation *c = &db->citations[l->items[i]];
        fprintf(in->out, "  [%s] %s (%d). %s. %s.\n", c->id, c->authors, c->year, c->title,
                c->journal);
    }
}

static cJSON *review_json(const ContentReview *r) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "status", r->status);
    cJSON_AddStringToObject(o, "reviewer_role", r->reviewer_role);
    cJSON_AddStringToObject(o, "date", r->date);
    return o;
}

/* ------------------------------------------------------------------------------------ */
/* list                                                                                  */

static int list_simple(Info *in, const char *const *ids, int n, const char *ui_prefix) {
    cJSON *arr = in->o.json ? cJSON_CreateArray() : NULL;
    for (int i = 0; i < n; i++) {
        char key[96];
        snprintf(key, sizeof key, "%s%s", ui_prefix, ids[i]);
        const char *name = in->loaded ? content_ui(&in->assets.content, key, ids[i]) : ids[i];
        if (arr) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", ids[i]);
            cJSON_AddStringToObject(o, "name", name);
            cJSON_AddItemToArray(arr, o);
        } else {
            fprintf(in->out, "%-20s %s\n", ids[i], name);
        }
    }
    if (arr) {
        print_json(in, arr);
    }
    return INFO_OK;
}

static int cmd_list(Info *in) {
    if (in->o.pos_count != 1) {
        return usage_error(in, "list needs one of: structures sources zones landmarks views "
                               "layers maps");
    }
    const char *what = in->o.pos[0];
    int rc = load(in);
    if (rc != INFO_OK) {
        return rc;
    }
    const ContentDb *db = &in->assets.content;
    int n;
    if (!strcmp(what, "views")) {
        const char *const *ids = canon_views(&n);
        return list_simple(in, ids, n, "view_");
    }
    if (!strcmp(what, "layers")) {
        const char *const *ids = canon_layers(&n);
        return list_simple(in, ids, n, "layer_");
    }
    if (!strcmp(what, "maps")) {
        const char *const *ids = canon_maps(&n);
        return list_simple(in, ids, n, "map_");
    }
    cJSON *arr = in->o.json ? cJSON_CreateArray() : NULL;
    if (!strcmp(what, "structures")) {
        for (int i = 0; i < db->structure_count; i++) {
            const ContentStructure *s = &db->structures[i];
            if (arr) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "id", s->id);
                cJSON_AddStringToObject(o, "name", s->name);
                cJSON_AddStringToObject(o, "kind", s->kind);
                cJSON_AddStringToObject(o, "layer", s->layer);
                cJSON_AddStringToObject(o, "side", content_side_name(s->side));
                cJSON_AddItemToArray(arr, o);
            } else {
                fprintf(in->out, "%-36s %-8s %-7s %s\n", s->id, s->kind, content_side_name(s->side),
                        s->name);
            }
        }
    } else if (!strcmp(what, "sources")) {
        for (int i = 0; i < db->source_count; i++) {
            const ContentSource *s = &db->sources[i];
            if (arr) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "id", s->id);
                cJSON_AddStringToObject(o, "name", s->name);
                cJSON_AddStringToObject(o, "group", s->group);
                cJSON_AddStringToObject(o, "mechanism", s->mechanism);
                cJSON_AddStringToObject(o, "side", content_side_name(s->side));
                cJSON_AddItemToArray(arr, o);
            } else {
                fprintf(in->out, "%-28s %-16s %-7s %s\n", s->id, s->mechanism,
                        content_side_name(s->side), s->name);
            }
        }
    } else if (!strcmp(what, "zones")) {
        for (int i = 0; i < db->zone_count; i++) {
            const ContentZone *z = &db->zones[i];
            if (arr) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "id", z->id);
                cJSON_AddStringToObject(o, "name", z->name);
                cJSON_AddStringToObject(o, "kind", z->kind);
                cJSON_AddStringToObject(o, "side", content_side_name(z->side));
                cJSON_AddItemToArray(arr, o);
            } else {
                fprintf(in->out, "%-44s %-15s %-7s %s\n", z->id, z->kind,
                        content_side_name(z->side), z->name);
            }
        }
    } else if (!strcmp(what, "landmarks")) {
        const LandmarkSet *ls = &in->assets.landmarks;
        for (int i = 0; i < ls->count; i++) {
            const Landmark *l = &ls->items[i];
            ContentSide side = str_has_suffix(l->id, "_l")   ? CONTENT_SIDE_LEFT
                               : str_has_suffix(l->id, "_r") ? CONTENT_SIDE_RIGHT
                                                             : CONTENT_SIDE_MIDLINE;
            if (arr) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "id", l->id);
                cJSON_AddStringToObject(o, "side", content_side_name(side));
                float v[3] = {l->pos_mm[0], l->pos_mm[1], l->pos_mm[2]};
                cJSON_AddItemToObject(o, "pos_mm", cJSON_CreateFloatArray(v, 3));
                cJSON_AddBoolToObject(o, "estimate", l->estimate);
                cJSON_AddItemToArray(arr, o);
            } else {
                fprintf(in->out, "%-36s %-7s (%7.1f, %7.1f, %7.1f) mm%s\n", l->id,
                        content_side_name(side), (double)l->pos_mm[0], (double)l->pos_mm[1],
                        (double)l->pos_mm[2], l->estimate ? "  estimate" : "");
            }
        }
    } else {
        cJSON_Delete(arr);
        static const char *const kinds[] = {"structures", "sources", "zones", "landmarks",
                                            "views",      "layers",  "maps"};
        return unknown_id(in, "list", what, kinds, 7);
    }
    if (arr) {
        print_json(in, arr);
    }
    return INFO_OK;
}

/* ------------------------------------------------------------------------------------ */
/* query structure / source / redflags                                                   */

static int query_structure(Info *in, const char *id) {
    const ContentDb *db = &in->assets.content;
    int i = content_find_structure(db, id);
    if (i < 0) {
        return unknown_of(in, "structure", IDS_STRUCTURES, id);
    }
    const ContentStructure *s = &db->structures[i];
    if (in->o.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", s->id);
        cJSON_AddStringToObject(o, "name", s->name);
        cJSON_AddStringToObject(o, "plain_name", s->plain_name);
        cJSON_AddStringToObject(o, "kind", s->kind);
        cJSON_AddStringToObject(o, "layer", s->layer);
        cJSON_AddStringToObject(o, "side", content_side_name(s->side));
        cJSON_AddStringToObject(o, "origin", s->origin);
        cJSON_AddStringToObject(o, "insertion", s->insertion);
        cJSON *inn = cJSON_AddObjectToObject(o, "innervation");
        cJSON_AddStringToObject(inn, "nerve", s->nerve);
        cJSON_AddItemToObject(inn, "segments",
                              cJSON_CreateStringArray(s->segments, s->segment_count));
        cJSON_AddStringToObject(inn, "note", s->innervation_note);
        cJSON_AddStringToObject(o, "action", s->action);
        cJSON_AddStringToObject(o, "student_text", s->student_text);
        cJSON_AddStringToObject(o, "patient_text", s->patient_text);
        if (s->fma_id) {
            cJSON_AddNumberToObject(o, "fma_id", s->fma_id);
        }
        cJSON_AddItemToObject(o, "citations", citations_json(db, &s->citations));
        cJSON_AddItemToObject(o, "review", review_json(&s->review));
        print_json(in, o);
        return INFO_OK;
    }
    fprintf(in->out, "%s  [%s, %s, %s]\n", s->name, s->id, s->kind, s->layer);
    fprintf(in->out, "In plain words: %s\n", s->plain_name);
    if (s->origin[0]) {
        fprintf(in->out, "Origin: %s\n", s->origin);
    }
    if (s->insertion[0]) {
        fprintf(in->out, "Insertion: %s\n", s->insertion);
    }
    if (s->nerve[0] || s->segment_count) {
        fprintf(in->out, "Innervation: %s", s->nerve);
        for (int k = 0; k < s->segment_count; k++) {
            fprintf(in->out, "%s%s", k ? "-" : " (", s->segments[k]);
        }
        fprintf(in->out, "%s%s%s\n", s->segment_count ? ")" : "",
                s->innervation_note[0] ? "; " : "", s->innervation_note);
    }
    if (s->action[0]) {
        fprintf(in->out, "Action: %s\n", s->action);
    }
    fprintf(in->out, "\n%s\n\nFor patients: %s\n", s->student_text, s->patient_text);
    print_citations(in, &s->citations);
    fprintf(in->out, "Review: %s (%s)\n", s->review.status, s->review.date);
    return INFO_OK;
}

static cJSON *zone_list_json(const ContentDb *db, const ContentIndexList *l) {
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < l->count; i++) {
        cJSON_AddItemToArray(arr, cJSON_CreateString(db->zones[l->items[i]].id));
    }
    return arr;
}

static void print_zone_list(Info *in, const char *label, const ContentIndexList *l) {
    const ContentDb *db = &in->assets.content;
    fprintf(in->out, "%s:", label);
    if (l->count == 0) {
        fprintf(in->out, " none");
    }
    fprintf(in->out, "\n");
    for (int i = 0; i < l->count; i++) {
        const ContentZone *z = &db->zones[l->items[i]];
        fprintf(in->out, "  %-44s %s\n", z->id, z->name);
    }
}

static int query_source(Info *in, const char *id) {
    const ContentDb *db = &in->assets.content;
    int i = content_find_source(db, id);
    if (i < 0) {
        return unknown_of(in, "source", IDS_SOURCES, id);
    }
    const ContentSource *s = &db->sources[i];
    const char *st = s->structure >= 0 ? db->structures[s->structure].id : "";
    if (in->o.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", s->id);
        cJSON_AddStringToObject(o, "name", s->name);
        cJSON_AddStringToObject(o, "plain_name", s->plain_name);
        cJSON_AddStringToObject(o, "group", s->group);
        cJSON_AddStringToObject(o, "mechanism", s->mechanism);
        cJSON_AddStringToObject(o, "side", content_side_name(s->side));
        cJSON_AddStringToObject(o, "structure", st);
        cJSON_AddItemToObject(o, "primary", zone_list_json(db, &s->primary));
        cJSON_AddItemToObject(o, "spillover", zone_list_json(db, &s->spillover));
        cJSON *path = cJSON_AddArrayToObject(o, "path");
        static const char *const kinds[] = {"structure", "landmark", "zone"};
        for (int k = 0; k < s->path_count; k++) {
            cJSON *step = cJSON_CreateObject();
            cJSON_AddStringToObject(step, kinds[s->path[k].kind], s->path[k].id);
            cJSON_AddItemToArray(path, step);
        }
        cJSON *caps = cJSON_AddObjectToObject(o, "captions");
        for (int ph = 0; ph < CONTENT_PHASE_COUNT; ph++) {
            cJSON_AddStringToObject(caps, ref_phase_id((ContentPhase)ph), s->captions[ph]);
        }
        cJSON_AddStringToObject(o, "summary_patient", s->summary_patient);
        cJSON_AddStringToObject(o, "summary_student", s->summary_student);
        cJSON *ev = cJSON_AddObjectToObject(o, "evidence");
        cJSON_AddStringToObject(ev, "level", s->evidence_level);
        cJSON_AddStringToObject(ev, "strength", s->evidence_strength);
        cJSON_AddStringToObject(ev, "note", s->evidence_note);
        cJSON_AddItemToObject(o, "citations", citations_json(db, &s->citations));
        cJSON_AddItemToObject(o, "review", review_json(&s->review));
        print_json(in, o);
        return INFO_OK;
    }
    fprintf(in->out, "%s  [%s: %s referral from %s]\n", s->name, s->id, s->mechanism, st);
    fprintf(in->out, "In plain words: %s\n\n", s->summary_patient);
    fprintf(in->out, "%s\n\n", s->summary_student);
    print_zone_list(in, "Main pain areas (primary)", &s->primary);
    print_zone_list(in, "Sometimes also (spillover)", &s->spillover);
    fprintf(in->out, "Animation:\n");
    for (int ph = 0; ph < CONTENT_PHASE_COUNT; ph++) {
        fprintf(in->out, "  %-9s %s\n", ref_phase_id((ContentPhase)ph), s->captions[ph]);
    }
    fprintf(in->out, "Evidence: %s, %s. %s\n", s->evidence_level, s->evidence_strength,
            s->evidence_note);
    print_citations(in, &s->citations);
    fprintf(in->out, "Review: %s (%s)\n", s->review.status, s->review.date);
    return INFO_OK;
}

static int query_redflags(Info *in) {
    const ContentDb *db = &in->assets.content;
    if (in->o.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "title", db->redflags_title);
        cJSON_AddStringToObject(o, "intro", db->redflags_intro);
        cJSON *groups = cJSON_AddArrayToObject(o, "groups");
        for (int g = 0; g < db->redflag_group_count; g++) {
            const ContentRedFlagGroup *gr = &db->redflag_groups[g];
            cJSON *go = cJSON_CreateObject();
            cJSON_AddStringToObject(go, "id", gr->id);
            cJSON_AddStringToObject(go, "urgency", gr->urgency);
            cJSON_AddStringToObject(go, "title", gr->title);
            cJSON_AddStringToObject(go, "action", gr->action);
            cJSON *items = cJSON_AddArrayToObject(go, "items");
            for (int k = 0; k < gr->item_count; k++) {
                cJSON *io = cJSON_CreateObject();
                cJSON_AddStringToObject(io, "id", gr->items[k].id);
                cJSON_AddStringToObject(io, "text", gr->items[k].text);
                cJSON_AddItemToArray(items, io);
            }
            cJSON_AddItemToObject(go, "citations", citations_json(db, &gr->citations));
            cJSON_AddItemToArray(groups, go);
        }
        cJSON_AddStringToObject(o, "disclaimer", db->meta.disclaimer ? db->meta.disclaimer : "");
        print_json(in, o);
        return INFO_OK;
    }
    fprintf(in->out, "%s\n%s\n", db->redflags_title, db->redflags_intro);
    for (int g = 0; g < db->redflag_group_count; g++) {
        const ContentRedFlagGroup *gr = &db->redflag_groups[g];
        fprintf(in->out, "\n%s [%s]\n", gr->title, gr->urgency);
        for (int k = 0; k < gr->item_count; k++) {
            fprintf(in->out, "  - %s\n", gr->items[k].text);
        }
        fprintf(in->out, "  What to do: %s\n", gr->action);
    }
    if (db->meta.disclaimer && db->meta.disclaimer[0]) {
        fprintf(in->out, "\n%s\n", db->meta.disclaimer);
    }
    return INFO_OK;
}

/* ------------------------------------------------------------------------------------ */
/* query where / dermatome                                                               */

static bool parse_point(const char *s, float out[3]) {
    char buf[128];
    if (!str_copy(buf, sizeof buf, s)) {
        return false;
    }
    char *parts[3];
    int n = 0;
    char *p = buf;
    parts[n++] = p;
    for (; *p; p++) {
        if (*p == ',') {
            if (n == 3) {
                return false;
            }
            *p = '\0';
            parts[n++] = p + 1;
        }
    }
    if (n != 3) {
        return false;
    }
    for (int i = 0; i < 3; i++) {
        if (!str_parse_float(parts[i], &out[i]) || fabsf(out[i]) > 5000.0f) {
            return false;
        }
    }
    return true;
}

/* Resolves --landmark / --point to a point; returns an exit code. */
static int point_from_opts(Info *in, float out[3], const char **out_label) {
    if ((in->o.landmark != NULL) + (in->o.point != NULL) != 1) {
        return usage_error(in, "give exactly one of --landmark ID or --point X,Y,Z");
    }
    if (in->o.landmark) {
        const Landmark *l = landmarks_find(&in->assets.landmarks, in->o.landmark);
        if (!l) {
            return unknown_of(in, "landmark", IDS_LANDMARKS, in->o.landmark);
        }
        memcpy(out, l->pos_mm, 3 * sizeof(float));
        *out_label = l->id;
        return INFO_OK;
    }
    if (!parse_point(in->o.point, out)) {
        char msg[200];
        snprintf(msg, sizeof msg, "--point '%s': expected X,Y,Z in millimetres", in->o.point);
        return usage_error(in, msg);
    }
    *out_label = "point";
    load_body(in);
    float skin[3], dist;
    if (project_to_skin(in, out, skin, &dist)) {
        if (!in->o.json) {
            fprintf(in->out, "Point (%.0f, %.0f, %.0f) mm moved %.0f mm to the nearest skin\n",
                    (double)out[0], (double)out[1], (double)out[2], (double)dist);
        }
        memcpy(out, skin, sizeof skin);
        *out_label = "skin point";
    }
    return INFO_OK;
}

static int map_from_opts(Info *in, int *out_map) {
    *out_map = ref_map_find(&in->assets.engine, in->o.map);
    if (*out_map < 0) {
        int n;
        const char *const *ids = canon_maps(&n);
        return unknown_id(in, "dermatome map", in->o.map, ids, n);
    }
    return INFO_OK;
}

static int query_where(Info *in) {
    const ContentDb *db = &in->assets.content;
    const RefEngine *e = &in->assets.engine;
    int map;
    int rc = map_from_opts(in, &map);
    if (rc != INFO_OK) {
        return rc;
    }
    enum { CAP = 128 };
    RefMatch *m = malloc(CAP * sizeof *m);
    if (!m) {
        return INFO_ENV;
    }
    int n;
    char where[160];
    if (in->o.zone) {
        if (in->o.landmark || in->o.point) {
            free(m);
            return usage_error(in, "give only one of --zone, --landmark or --point");
        }
        int z = content_find_zone(db, in->o.zone);
        if (z < 0) {
            free(m);
            return unknown_of(in, "zone", IDS_ZONES, in->o.zone);
        }
        n = ref_where_zone(e, z, m, CAP);
        snprintf(where, sizeof where, "zone %s", db->zones[z].id);
    } else {
        float p[3];
        const char *label = "";
        rc = point_from_opts(in, p, &label);
        if (rc != INFO_OK) {
            free(m);
            return rc;
        }
        n = ref_where_point(e, map, p, m, CAP);
        snprintf(where, sizeof where, "%s (%.0f, %.0f, %.0f) mm", label, (double)p[0], (double)p[1],
                 (double)p[2]);
    }
    if (n > CAP) {
        n = CAP;
    }
    if (in->o.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "where", where);
        cJSON_AddStringToObject(o, "map", e->shapes->map_ids[map]);
        cJSON *arr = cJSON_AddArrayToObject(o, "sources");
        for (int i = 0; i < n; i++) {
            const ContentSource *s = &db->sources[m[i].source];
            cJSON *so = cJSON_CreateObject();
            cJSON_AddStringToObject(so, "id", s->id);
            cJSON_AddStringToObject(so, "name", s->name);
            cJSON_AddStringToObject(so, "match", m[i].primary ? "primary" : "spillover");
            cJSON *zs = cJSON_AddArrayToObject(so, "zones");
            for (int k = 0; k < m[i].zone_count; k++) {
                cJSON *zo = cJSON_CreateObject();
                cJSON_AddStringToObject(zo, "id", db->zones[m[i].zones[k].zone].id);
                cJSON_AddStringToObject(zo, "as", m[i].zones[k].primary ? "primary" : "spillover");
                cJSON_AddItemToArray(zs, zo);
            }
            cJSON_AddItemToArray(arr, so);
        }
        print_json(in, o);
        free(m);
        return INFO_OK;
    }
    fprintf(in->out, "Where it hurts: %s\n", where);
    fprintf(in->out, "Known to send pain here (every match, not ranked by likelihood):\n");
    if (n == 0) {
        fprintf(in->out, "  none of the sources in painmap\n");
    }
    for (int pass = 0; pass < 2; pass++) {
        bool header = false;
        for (int i = 0; i < n; i++) {
            if (m[i].primary != (pass == 0)) {
                continue;
            }
            if (!header) {
                fprintf(in->out, "%s\n", pass == 0 ? " Main pain area of:" : " Sometimes also:");
                header = true;
            }
            const ContentSource *s = &db->sources[m[i].source];
            fprintf(in->out, "  %-28s %s  (", s->id, s->name);
            for (int k = 0; k < m[i].zone_count; k++) {
                bool spill_in_primary = m[i].primary && !m[i].zones[k].primary;
                fprintf(in->out, "%s%s%s", k ? ", " : "", db->zones[m[i].zones[k].zone].id,
                        spill_in_primary ? " [spillover]" : "");
            }
            fprintf(in->out, ")\n");
        }
    }
    free(m);
    return INFO_OK;
}

static int query_dermatome(Info *in) {
    const RefEngine *e = &in->assets.engine;
    const ContentDb *db = &in->assets.content;
    int map;
    int rc = map_from_opts(in, &map);
    if (rc != INFO_OK) {
        return rc;
    }
    float p[3];
    const char *label = "";
    rc = point_from_opts(in, p, &label);
    if (rc != INFO_OK) {
        return rc;
    }
    RefDermHit hits[8];
    int n = ref_dermatomes_at(e, map, p, hits, 8);
    const char *map_id = e->shapes->map_ids[map];
    if (in->o.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "point", label);
        float v[3] = {p[0], p[1], p[2]};
        cJSON_AddItemToObject(o, "pos_mm", cJSON_CreateFloatArray(v, 3));
        cJSON_AddStringToObject(o, "map", map_id);
        if (n > 0) {
            cJSON_AddStringToObject(o, "dermatome", hits[0].id);
        } else {
            cJSON_AddNullToObject(o, "dermatome");
        }
        cJSON *arr = cJSON_AddArrayToObject(o, "overlapping");
        for (int i = 0; i < n; i++) {
            cJSON *h = cJSON_CreateObject();
            cJSON_AddStringToObject(h, "id", hits[i].id);
            cJSON_AddNumberToObject(h, "weight", floor((double)hits[i].weight * 100 + 0.5) / 100);
            cJSON_AddItemToArray(arr, h);
        }
        print_json(in, o);
        return INFO_OK;
    }
    char key[64];
    snprintf(key, sizeof key, "map_%s", map_id);
    fprintf(in->out, "Dermatome at %s (%.0f, %.0f, %.0f) mm, map %s:\n", label, (double)p[0],
            (double)p[1], (double)p[2], content_ui(db, key, map_id));
    if (n == 0) {
        fprintf(in->out, "  none (outside every dermatome of this map)\n");
        return INFO_OK;
    }
    for (int i = 0; i < n; i++) {
        const char *name = hits[i].zone >= 0 ? db->zones[hits[i].zone].name : "";
        fprintf(in->out, "  %s%-12s %-40s overlap %.2f\n", i == 0 ? "" : "", hits[i].id, name,
                (double)hits[i].weight);
    }
    return INFO_OK;
}

static int cmd_query(Info *in) {
    if (in->o.pos_count < 1) {
        return usage_error(in, "query needs: structure ID, source ID, where, dermatome or "
                               "redflags");
    }
    const char *what = in->o.pos[0];
    bool needs_id = !strcmp(what, "structure") || !strcmp(what, "source");
    bool known = needs_id || !strcmp(what, "where") || !strcmp(what, "dermatome") ||
                 !strcmp(what, "redflags");
    if (!known) {
        static const char *const kinds[] = {"structure", "source", "where", "dermatome",
                                            "redflags"};
        return unknown_id(in, "query", what, kinds, 5);
    }
    if (in->o.pos_count != (needs_id ? 2 : 1)) {
        return usage_error(in, needs_id ? "query structure|source needs one ID"
                                        : "unexpected argument");
    }
    int rc = load(in);
    if (rc != INFO_OK) {
        return rc;
    }
    if (!strcmp(what, "structure")) {
        return query_structure(in, in->o.pos[1]);
    }
    if (!strcmp(what, "source")) {
        return query_source(in, in->o.pos[1]);
    }
    if (!strcmp(what, "where")) {
        return query_where(in);
    }
    if (!strcmp(what, "dermatome")) {
        return query_dermatome(in);
    }
    return query_redflags(in);
}

/* ------------------------------------------------------------------------------------ */

/* The locales check-content looks at: --locale alone, or every folder of content/. False
 * (reported) when --locale names none that exists. */
static bool check_locales(Info *in, char (*out)[CONTENT_LOCALE_CAP], int max, int *out_n) {
    char dir[4200];
    *out_n = 0;
    if (!path_join(dir, sizeof dir, in->assets_dir, "content")) {
        return true;
    }
    char all[32][CONTENT_LOCALE_CAP];
    int n = content_list_locales(dir, all, 32);
    if (!in->o.locale) {
        for (int i = 0; i < n && *out_n < max; i++) {
            str_copy(out[(*out_n)++], CONTENT_LOCALE_CAP, all[i]);
        }
        return true;
    }
    for (int i = 0; i < n; i++) {
        if (!strcmp(all[i], in->o.locale)) {
            str_copy(out[(*out_n)++], CONTENT_LOCALE_CAP, all[i]);
            return true;
        }
    }
    const char *ids[32];
    for (int i = 0; i < n; i++) {
        ids[i] = all[i];
    }
    unknown_id(in, "locale", in->o.locale, ids, n);
    return false;
}

/* A translation's load repeats English's problems (under en/...) and the anatomy's: keep only
 * the lines about the translation's own files. */
static bool line_is_locale(const char *line, const char *locale) {
    if (!strncmp(line, "content/", 8)) {
        line += 8;
    }
    size_t n = strlen(locale);
    return !strncmp(line, locale, n) && (line[n] == '/' || line[n] == ':');
}

static void fallback_line(char *out, size_t cap, const ContentFallback *fb) {
    if (!fb->path[0]) {
        snprintf(out, cap, "%s: warning: no translation file; English is used (%d texts)",
                 fb->file_name, fb->strings);
    } else if (fb->strings == 0) {
        snprintf(out, cap, "%s:%s: warning: no review in the translation; marked draft",
                 fb->file_name, fb->path);
    } else if (fb->strings == 1) {
        snprintf(out, cap, "%s:%s: warning: not translated; English is used", fb->file_name,
                 fb->path);
    } else {
        snprintf(out, cap, "%s:%s: warning: not translated; English is used (%d texts)",
                 fb->file_name, fb->path, fb->strings);
    }
}

static int cmd_check(Info *in) {
    if (in->o.pos_count > 1) {
        return usage_error(in, "check-content takes at most one folder");
    }
    if (in->o.pos_count == 1) {
        if (!str_copy(in->assets_dir, sizeof in->assets_dir, in->o.pos[0])) {
            return usage_error(in, "folder name too long");
        }
    }
    char locales[16][CONTENT_LOCALE_CAP];
    int locale_count = 0;
    if (!check_locales(in, locales, 16, &locale_count)) {
        return INFO_INPUT;
    }
    ContentDiag diag = {0}, warn = {0};
    RefAssets a;
    load_body(in);
    const char **nodes = NULL;
    int node_count = 0;
    if (in->have_body) {
        nodes = malloc((size_t)(in->body.count ? in->body.count : 1) * sizeof *nodes);
        for (int i = 0; nodes && i < in->body.count; i++) {
            nodes[node_count++] = in->body.items[i].id;
        }
    } else if (!in->body_error[0]) {
        fprintf(in->err, "painmap: note: no body.glb found; the model's nodes were not checked\n");
    }
    /* English, the base of every translation, with the anatomy */
    ref_assets_load(in->assets_dir, "en", nodes, node_count, &a, &diag);
    /* then each translation over it: its own problems, and every text it lacks */
    int checked = 0, missing_texts = 0;
    for (int l = 0; l < locale_count; l++) {
        if (!strcmp(locales[l], "en")) {
            continue;
        }
        ContentDiag d = {0};
        RefAssets t;
        ref_assets_load(in->assets_dir, locales[l], nodes, node_count, &t, &d);
        for (int i = 0; i < d.count; i++) {
            if (line_is_locale(d.lines[i], locales[l])) {
                content_diag_add_line(&diag, d.lines[i]);
            }
        }
        for (int i = 0; i < t.content.fallback_count; i++) {
            char line[600];
            fallback_line(line, sizeof line, &t.content.fallbacks[i]);
            content_diag_add_line(&warn, line);
            missing_texts += t.content.fallbacks[i].strings;
        }
        checked++;
        ref_assets_free(&t);
        content_diag_free(&d);
    }
    free(nodes);
    if (in->body_error[0]) {
        /* a model that is there but unreadable is a problem of this data, not a note */
        char line[1200];
        snprintf(line, sizeof line, "body model: %.1100s", in->body_error);
        content_diag_add_line(&diag, line);
    }
    int rc = diag.count ? INFO_INPUT : INFO_OK;
    if (in->o.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddBoolToObject(o, "ok", diag.count == 0);
        cJSON_AddStringToObject(o, "assets_dir", in->assets_dir);
        cJSON_AddStringToObject(o, "model", in->have_body ? in->model_path : "");
        cJSON *arr = cJSON_AddArrayToObject(o, "problems");
        for (int i = 0; i < diag.count; i++) {
            cJSON_AddItemToArray(arr, cJSON_CreateString(diag.lines[i]));
        }
        cJSON *locs = cJSON_AddArrayToObject(o, "locales");
        for (int l = 0; l < locale_count; l++) {
            cJSON_AddItemToArray(locs, cJSON_CreateString(locales[l]));
        }
        cJSON *w = cJSON_AddArrayToObject(o, "warnings");
        for (int i = 0; i < warn.count; i++) {
            cJSON_AddItemToArray(w, cJSON_CreateString(warn.lines[i]));
        }
        print_json(in, o);
        ref_assets_free(&a);
        content_diag_free(&diag);
        content_diag_free(&warn);
        return rc;
    }
    for (int i = 0; i < diag.count; i++) {
        fprintf(in->out, "%s\n", diag.lines[i]);
    }
    for (int i = 0; i < warn.count; i++) {
        fprintf(in->out, "%s\n", warn.lines[i]);
    }
    if (diag.count) {
        fprintf(in->err, "painmap: check-content: %d problem(s) in %s\n", diag.count,
                in->assets_dir);
    } else {
        fprintf(in->out,
                "content OK: %d structures, %d sources, %d zones, %d citations, %d landmarks, "
                "%d dermatome maps (content %s)%s%s\n",
                a.content.structure_count, a.content.source_count, a.content.zone_count,
                a.content.citation_count, a.landmarks.count, a.shapes.map_count,
                a.content.meta.content_version ? a.content.meta.content_version : "?",
                in->have_body ? "; body nodes checked in " : "",
                in->have_body ? in->model_path : "");
    }
    if (checked > 0) {
        fprintf(in->out, "translations checked:");
        for (int l = 0; l < locale_count; l++) {
            if (strcmp(locales[l], "en")) {
                fprintf(in->out, " %s", locales[l]);
            }
        }
        if (warn.count) {
            fprintf(in->out, "; %d warning(s), %d text(s) fall back to English\n", warn.count,
                    missing_texts);
        } else {
            fprintf(in->out, "; complete\n");
        }
    }
    ref_assets_free(&a);
    content_diag_free(&diag);
    content_diag_free(&warn);
    return rc;
}

int app_info_run(int argc, char **argv, const char *exe_dir, FILE *out, FILE *err) {
    Info in;
    memset(&in, 0, sizeof in);
    in.out = out;
    in.err = err;
    in.exe_dir = exe_dir;
    if (argc < 1) {
        return usage_error(&in, "no command");
    }
    if (!parse_opts(&in, argc, argv)) {
        return INFO_INPUT;
    }
    const char *cmd = argv[0];
    bool check = !strcmp(cmd, "check-content");
    if (strcmp(cmd, "list") && strcmp(cmd, "query") && !check) {
        static const char *const cmds[] = {"list", "query", "check-content"};
        return unknown_id(&in, "command", cmd, cmds, 3);
    }
    if (check && in.o.pos_count == 1) {
        if (!file_is_dir(in.o.pos[0])) {
            fprintf(err, "painmap: error: '%s' is not a folder\n", in.o.pos[0]);
            return INFO_ENV;
        }
    } else {
        char perr[8192];
        if (!paths_find_assets(in.o.assets_dir, exe_dir ? exe_dir : ".", in.assets_dir,
                               sizeof in.assets_dir, perr, sizeof perr)) {
            fprintf(err, "painmap: error: %s\n", perr);
            return INFO_ENV;
        }
    }
    int rc;
    if (check) {
        rc = cmd_check(&in);
    } else if (!strcmp(cmd, "list")) {
        rc = cmd_list(&in);
    } else {
        rc = cmd_query(&in);
    }
    if (in.loaded) {
        ref_assets_free(&in.assets);
    }
    if (in.have_body) {
        body_free(&in.body);
    }
    return rc;
}

int app_info_main(int argc, char **argv) {
    return app_info_run(argc, argv, plat_exe_dir(), stdout, stderr);
}
