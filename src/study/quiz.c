#include "study/quiz.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/strutil.h"

static const char *const KIND_IDS[QUIZ_KIND_COUNT] = {
    "name_structure", "tap_structure", "zone_source", "dermatome",
    "origin",         "insertion",     "innervation", "nerve_below_piriformis",
};

/* Distractor texts closer than this to the right answer (or to each other) are left out:
 * a shared opening of this many bytes, or this share of the same longer words. */
#define SIMILAR_PREFIX 16
#define SIMILAR_WORDS  0.6f

enum { CANDIDATES_MAX = 256 };

/* ---- PRNG: splitmix64, so a seed gives the same quiz on every platform ---------------- */

void quiz_rng_seed(QuizRng *rng, uint64_t seed) {
    rng->state = seed;
}

uint64_t quiz_rng_next(QuizRng *rng) {
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int quiz_rng_below(QuizRng *rng, int n) {
    return n <= 1 ? 0 : (int)(quiz_rng_next(rng) % (uint64_t)n);
}

static void shuffle(int *a, int n, QuizRng *rng) {
    for (int i = n - 1; i > 0; i--) {
        int j = quiz_rng_below(rng, i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

const char *quiz_kind_id(QuizKind kind) {
    return kind >= 0 && kind < QUIZ_KIND_COUNT ? KIND_IDS[kind] : "unknown";
}

int quiz_kind_find(const char *id) {
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
        if (strcmp(KIND_IDS[k], id) == 0) {
            return k;
        }
    }
    return -1;
}

/* ---- helpers ------------------------------------------------------------------------- */

static const char *T(const QuizData *d, const char *key) {
    return study_text_get(d->text, key);
}

static bool can_show(const QuizData *d, const ContentStructure *s) {
    if (!strcmp(s->kind, "joint") || !strcmp(s->kind, "skin")) {
        return false;
    }
    return d->has_mesh ? d->has_mesh(s->id, d->has_mesh_user) : true;
}

static const char *first_citation(const ContentDb *db, const ContentIndexList *l) {
    return l->count > 0 ? db->citations[l->items[0]].id : "";
}

/* The field a structure question asks about. */
static const char *structure_field(const ContentStructure *s, QuizKind kind) {
    switch (kind) {
        case QUIZ_ORIGIN:
            return s->origin;
        case QUIZ_INSERTION:
            return s->insertion;
        case QUIZ_INNERVATION:
            return s->nerve;
        default:
            return "";
    }
}

/* Words of four letters or more, lower-cased, as a crude fingerprint of a text. */
static int words_of(const char *s, char words[][32], int cap) {
    int n = 0;
    while (*s && n < cap) {
        while (*s && !isalnum((unsigned char)*s)) {
            s++;
        }
        int len = 0;
        char w[32];
        while (*s && isalnum((unsigned char)*s)) {
            if (len < 31) {
                w[len++] = (char)tolower((unsigned char)*s);
            }
            s++;
        }
        w[len] = '\0';
        bool dup = false;
        for (int i = 0; i < n && !dup; i++) {
            dup = strcmp(words[i], w) == 0;
        }
        if (len >= 4 && !dup) {
            memcpy(words[n++], w, (size_t)len + 1);
        }
    }
    return n;
}

/* True when two answer texts say nearly the same thing, so one cannot be plainly wrong
 * while the other is right. */
static bool too_similar(const char *a, const char *b) {
    size_t p = 0;
    while (a[p] && a[p] == b[p]) {
        p++;
    }
    if (p >= SIMILAR_PREFIX || (!a[p] && !b[p])) {
        return true;
    }
    char wa[48][32], wb[48][32];
    int na = words_of(a, wa, 48), nb = words_of(b, wb, 48);
    int both = 0;
    for (int i = 0; i < na; i++) {
        for (int j = 0; j < nb; j++) {
            both += strcmp(wa[i], wb[j]) == 0;
        }
    }
    int any = na + nb - both;
    return any > 0 && (float)both / (float)any > SIMILAR_WORDS;
}

static const char *side_word(const QuizData *d, ContentSide side) {
    return side == CONTENT_SIDE_LEFT    ? content_ui(d->content, "side_left", "left")
           : side == CONTENT_SIDE_RIGHT ? content_ui(d->content, "side_right", "right")
                                        : "";
}

static ContentSide landmark_side(const char *id) {
    return str_has_suffix(id, "_l")   ? CONTENT_SIDE_LEFT
           : str_has_suffix(id, "_r") ? CONTENT_SIDE_RIGHT
                                      : CONTENT_SIDE_MIDLINE;
}

static void set_option(QuizOption *o, const char *id, const char *label) {
    str_copy(o->id, sizeof o->id, id);
    str_copy(o->label, sizeof o->label, label);
}

/* Writes the option that entry index (of the kind's list) stands for. */
typedef void (*OptionFn)(const QuizData *d, QuizKind kind, int index, QuizOption *out);

/* Puts the right entry and the n_wrong distractor entries into q's options in a shuffled
 * order and records where the right one went. */
static void place_options(const QuizData *d, QuizQuestion *q, int right, const int *wrong,
                          int n_wrong, OptionFn fn, QuizRng *rng) {
    int order[QUIZ_OPTIONS_MAX];
    int n = n_wrong + 1;
    for (int i = 0; i < n; i++) {
        order[i] = i;
    }
    shuffle(order, n, rng);
    for (int i = 0; i < n; i++) {
        int src = order[i];
        if (src == 0) {
            fn(d, q->kind, right, &q->options[i]);
            q->correct = i;
        } else {
            fn(d, q->kind, wrong[src - 1], &q->options[i]);
        }
    }
    q->option_count = n;
}

/* Picks up to want of cand[] at random (a partial shuffle); returns how many. */
static int pick(int *cand, int n, int want, QuizRng *rng) {
    int k = n < want ? n : want;
    for (int i = 0; i < k; i++) {
        int j = i + quiz_rng_below(rng, n - i);
        int t = cand[i];
        cand[i] = cand[j];
        cand[j] = t;
    }
    return k;
}

/* Fills a template (up to three named blanks) and drops trailing spaces, which an empty
 * last blank ("{note}") leaves behind. */
static void fmt(char *out, size_t cap, const char *tmpl, const char *n0, const char *v0,
                const char *n1, const char *v1, const char *n2, const char *v2) {
    const char *names[3] = {n0, n1, n2};
    const char *values[3] = {v0, v1, v2};
    int n = n2 ? 3 : n1 ? 2 : n0 ? 1 : 0;
    study_format(out, cap, tmpl, names, values, n);
    size_t len = strlen(out);
    while (len > 0 && out[len - 1] == ' ') {
        out[--len] = '\0';
    }
}

static void begin(QuizQuestion *q, QuizKind kind, const char *subject) {
    memset(q, 0, sizeof *q);
    q->kind = kind;
    str_copy(q->subject, sizeof q->subject, subject);
    snprintf(q->item, sizeof q->item, "%s:%s", KIND_IDS[kind], subject);
}

/* ---- name the highlighted structure / tap the named one ------------------------------ */

static void structure_option(const QuizData *d, QuizKind kind, int i, QuizOption *o) {
    (void)kind;
    set_option(o, d->content->structures[i].id, d->content->structures[i].name);
}

static bool make_structure(const QuizData *d, QuizKind kind, int subject, QuizRng *rng,
                           QuizQuestion *q) {
    const ContentDb *db = d->content;
    const ContentStructure *s = &db->structures[subject];
    if (!can_show(d, s)) {
        return false;
    }
    /* same kind first (a muscle among muscles), then any; never the other side's twin */
    int same[CANDIDATES_MAX], other[CANDIDATES_MAX], ns = 0, no = 0;
    for (int i = 0; i < db->structure_count && ns < CANDIDATES_MAX && no < CANDIDATES_MAX; i++) {
        const ContentStructure *c = &db->structures[i];
        bool side_ok = s->side == CONTENT_SIDE_MIDLINE || c->side == CONTENT_SIDE_MIDLINE ||
                       c->side == s->side;
        if (i == subject || !strcmp(c->base_id, s->base_id) || !side_ok || !can_show(d, c) ||
            !strcmp(c->name, s->name)) {
            continue;
        }
        if (!strcmp(c->kind, s->kind)) {
            same[ns++] = i;
        } else {
            other[no++] = i;
        }
    }
    int wrong[QUIZ_OPTIONS_MAX - 1];
    int k = pick(same, ns, QUIZ_OPTIONS_MAX - 1, rng);
    memcpy(wrong, same, (size_t)k * sizeof(int));
    int k2 = pick(other, no, QUIZ_OPTIONS_MAX - 1 - k, rng);
    memcpy(wrong + k, other, (size_t)k2 * sizeof(int));
    if (k + k2 < QUIZ_OPTIONS_MAX - 1) {
        return false;
    }
    begin(q, kind, s->id);
    str_copy(q->highlight, sizeof q->highlight, s->id);
    place_options(d, q, subject, wrong, k + k2, structure_option, rng);
    if (kind == QUIZ_TAP_STRUCTURE) {
        q->answer_mode = QUIZ_ANSWER_TAP;
        q->highlight[0] = '\0'; /* the question is where it is */
        fmt(q->prompt, sizeof q->prompt, T(d, "prompt_tap_structure"), "structure", s->name, NULL,
            NULL, NULL, NULL);
    } else {
        str_copy(q->prompt, sizeof q->prompt, T(d, "prompt_name_structure"));
    }
    fmt(q->explanation, sizeof q->explanation, T(d, "explain_structure"), "structure", s->name,
        "text", s->student_text, NULL, NULL);
    str_copy(q->citation, sizeof q->citation, first_citation(db, &s->citations));
    return true;
}

/* ---- which sources refer to this zone ------------------------------------------------ */

static void source_option(const QuizData *d, QuizKind kind, int i, QuizOption *o) {
    (void)kind;
    set_option(o, d->content->sources[i].id, d->content->sources[i].name);
}

static bool make_zone_source(const QuizData *d, int subject, QuizRng *rng, QuizQuestion *q) {
    const ContentDb *db = d->content;
    const ContentZone *z = &db->zones[subject];
    RefMatch m[64];
    int n = ref_where_zone(d->engine, subject, m, 64);
    if (n <= 0 || n > 64) {
        return false;
    }
    /* options come from one side: the zone's, or for a midline zone a side drawn at random */
    ContentSide side = z->side;
    if (side == CONTENT_SIDE_MIDLINE) {
        side = quiz_rng_below(rng, 2) ? CONTENT_SIDE_LEFT : CONTENT_SIDE_RIGHT;
    }
    int right[64], nr = 0, wrong[CANDIDATES_MAX], nw = 0;
    for (int i = 0; i < n; i++) {
        const ContentSource *s = &db->sources[m[i].source];
        if (s->side == side || s->side == CONTENT_SIDE_MIDLINE) {
            right[nr++] = i;
        }
    }
    for (int i = 0; i < db->source_count && nw < CANDIDATES_MAX; i++) {
        const ContentSource *s = &db->sources[i];
        bool refers = false;
        for (int k = 0; k < n && !refers; k++) {
            refers = m[k].source == i;
        }
        if (!refers && (s->side == side || s->side == CONTENT_SIDE_MIDLINE)) {
            wrong[nw++] = i;
        }
    }
    if (nr == 0 || nw < QUIZ_OPTIONS_MAX - 1) {
        return false;
    }
    const RefMatch *hit = &m[right[quiz_rng_below(rng, nr)]];
    int k = pick(wrong, nw, QUIZ_OPTIONS_MAX - 1, rng);
    begin(q, QUIZ_ZONE_SOURCE, z->id);
    str_copy(q->zone, sizeof q->zone, z->id);
    place_options(d, q, hit->source, wrong, k, source_option, rng);
    const ContentSource *src = &db->sources[hit->source];
    bool primary = false;
    for (int i = 0; i < hit->zone_count; i++) {
        primary = primary || (hit->zones[i].zone == subject && hit->zones[i].primary);
    }
    fmt(q->prompt, sizeof q->prompt, T(d, "prompt_zone_source"), "zone", z->name, NULL, NULL, NULL,
        NULL);
    fmt(q->explanation, sizeof q->explanation, T(d, "explain_zone_source"), "source", src->name,
        "zone", z->name, "role", T(d, primary ? "role_primary" : "role_spillover"));
    size_t len = strlen(q->explanation);
    if (src->summary_student && *src->summary_student && len + 2 < sizeof q->explanation) {
        q->explanation[len] = ' ';
        str_copy(q->explanation + len + 1, sizeof q->explanation - len - 1, src->summary_student);
    }
    str_copy(q->citation, sizeof q->citation, first_citation(db, &src->citations));
    return true;
}

/* ---- which dermatome is at this point ------------------------------------------------ */

static void zone_option(const QuizData *d, QuizKind kind, int i, QuizOption *o) {
    (void)kind;
    set_option(o, d->content->zones[i].id, d->content->zones[i].name);
}

static bool make_dermatome(const QuizData *d, int subject, QuizRng *rng, QuizQuestion *q) {
    const ContentDb *db = d->content;
    const Landmark *l = &d->skin->items[subject];
    RefDermHit hits[8];
    int n = ref_dermatomes_at(d->engine, d->map, l->pos_mm, hits, 8);
    if (n < 1 || hits[0].zone < 0 || hits[0].weight < QUIZ_DERM_MIN) {
        return false;
    }
    for (int i = 1; i < n; i++) {
        if (hits[i].weight > QUIZ_DERM_OTHER_MAX) {
            return false; /* two dermatomes overlap here: no single right answer */
        }
    }
    int answer = hits[0].zone;
    const ContentZone *az = &db->zones[answer];
    int wrong[CANDIDATES_MAX], nw = 0;
    for (int i = 0; i < db->zone_count && nw < CANDIDATES_MAX; i++) {
        const ContentZone *z = &db->zones[i];
        if (i != answer && !strcmp(z->kind, "dermatome") && z->side == az->side &&
            ref_zone_weight(d->engine, i, d->map, l->pos_mm) <= QUIZ_DERM_OTHER_MAX) {
            wrong[nw++] = i;
        }
    }
    if (nw < QUIZ_OPTIONS_MAX - 1) {
        return false;
    }
    int k = pick(wrong, nw, QUIZ_OPTIONS_MAX - 1, rng);
    begin(q, QUIZ_DERMATOME, l->id);
    const char *map_id = d->engine->shapes->map_ids[d->map];
    str_copy(q->map, sizeof q->map, map_id);
    q->has_point = true;
    memcpy(q->point_mm, l->pos_mm, sizeof q->point_mm);
    place_options(d, q, answer, wrong, k, zone_option, rng);

    char base[LANDMARK_ID_MAX];
    str_copy(base, sizeof base, l->id);
    ContentSide side = landmark_side(l->id);
    if (side != CONTENT_SIDE_MIDLINE) {
        base[strlen(base) - 2] = '\0';
    }
    const char *pname = study_text_point(d->text, base);
    char point[256];
    if (!pname) {
        str_copy(point, sizeof point, T(d, "marked_point"));
    } else if (side == CONTENT_SIDE_MIDLINE) {
        str_copy(point, sizeof point, pname);
    } else {
        fmt(point, sizeof point, T(d, "point_with_side"), "point", pname, "side",
            side_word(d, side), NULL, NULL);
    }
    char map_key[80];
    snprintf(map_key, sizeof map_key, "map_%s", map_id);
    const char *map_name = content_ui(db, map_key, map_id);
    fmt(q->prompt, sizeof q->prompt, T(d, "prompt_dermatome"), "point", point, "map", map_name,
        NULL, NULL);
    fmt(q->explanation, sizeof q->explanation, T(d, "explain_dermatome"), "point", point, "map",
        map_name, "dermatome", az->name);
    size_t len = strlen(q->explanation);
    if (az->disagreement && *az->disagreement && len + 2 < sizeof q->explanation) {
        q->explanation[len] = ' ';
        str_copy(q->explanation + len + 1, sizeof q->explanation - len - 1, az->disagreement);
    }
    str_copy(q->citation, sizeof q->citation, first_citation(db, &az->citations));
    return true;
}

/* ---- origin, insertion, innervation -------------------------------------------------- */

/* "Superior gluteal nerve (L4, L5, S1)" */
static void innervation_label(const ContentStructure *s, char *out, size_t cap) {
    char segs[96] = "";
    size_t pos = 0;
    for (int i = 0; i < s->segment_count && pos + 8 < sizeof segs; i++) {
        pos +=
            (size_t)snprintf(segs + pos, sizeof segs - pos, "%s%s", i ? ", " : "", s->segments[i]);
    }
    if (segs[0]) {
        snprintf(out, cap, "%s (%s)", s->nerve, segs);
    } else {
        str_copy(out, cap, s->nerve);
    }
}

static void field_option(const QuizData *d, QuizKind kind, int i, QuizOption *o) {
    const ContentStructure *s = &d->content->structures[i];
    str_copy(o->id, sizeof o->id, s->id);
    if (kind == QUIZ_INNERVATION) {
        innervation_label(s, o->label, sizeof o->label);
    } else {
        str_copy(o->label, sizeof o->label, structure_field(s, kind));
    }
}

static bool make_field(const QuizData *d, QuizKind kind, int subject, QuizRng *rng,
                       QuizQuestion *q) {
    const ContentDb *db = d->content;
    const ContentStructure *s = &db->structures[subject];
    const char *answer = structure_field(s, kind);
    if (strcmp(s->kind, "muscle") != 0 || !answer || !*answer) {
        return false;
    }
    int cand[CANDIDATES_MAX], nc = 0;
    for (int i = 0; i < db->structure_count && nc < CANDIDATES_MAX; i++) {
        const ContentStructure *c = &db->structures[i];
        const char *text = structure_field(c, kind);
        if (!strcmp(c->kind, "muscle") && c->side == s->side && text && *text &&
            !too_similar(text, answer)) {
            cand[nc++] = i;
        }
    }
    /* random order, then keep each one unlike the ones kept before it */
    pick(cand, nc, nc, rng);
    int wrong[QUIZ_OPTIONS_MAX - 1], nw = 0;
    for (int i = 0; i < nc && nw < QUIZ_OPTIONS_MAX - 1; i++) {
        const char *text = structure_field(&db->structures[cand[i]], kind);
        bool unlike = true;
        for (int j = 0; j < nw && unlike; j++) {
            unlike = !too_similar(text, structure_field(&db->structures[wrong[j]], kind));
        }
        if (unlike) {
            wrong[nw++] = cand[i];
        }
    }
    if (nw < QUIZ_OPTIONS_MAX - 1) {
        return false;
    }
    begin(q, kind, s->id);
    str_copy(q->highlight, sizeof q->highlight, s->id);
    place_options(d, q, subject, wrong, nw, field_option, rng);
    static const char *const prompts[] = {"prompt_origin", "prompt_insertion",
                                          "prompt_innervation"};
    static const char *const explains[] = {"explain_origin", "explain_insertion",
                                           "explain_innervation"};
    int f = (int)kind - (int)QUIZ_ORIGIN;
    fmt(q->prompt, sizeof q->prompt, T(d, prompts[f]), "structure", s->name, NULL, NULL, NULL,
        NULL);
    char label[QUIZ_LABEL_MAX];
    if (kind == QUIZ_INNERVATION) {
        innervation_label(s, label, sizeof label);
    } else {
        str_copy(label, sizeof label, answer);
    }
    fmt(q->explanation, sizeof q->explanation, T(d, explains[f]), "structure", s->name, "answer",
        label, "note", kind == QUIZ_INNERVATION ? s->innervation_note : "");
    str_copy(q->citation, sizeof q->citation, first_citation(db, &s->citations));
    return true;
}

/* ---- which nerve leaves below piriformis --------------------------------------------- */

static bool make_nerve_below(const QuizData *d, int subject, QuizRng *rng, QuizQuestion *q) {
    const ContentDb *db = d->content;
    const ContentStructure *s = &db->structures[subject];
    if (!d->exits || strcmp(s->kind, "nerve") != 0) {
        return false;
    }
    const NerveExit *e = nerve_exit_find(d->exits, s->base_id);
    if (!e || e->kind != NERVE_EXIT_BELOW || !can_show(d, s)) {
        return false;
    }
    /* wrong: nerves of the same side that neither leave below nor branch from one that does;
     * one that leaves above goes in first when there is one */
    int above[CANDIDATES_MAX], none[CANDIDATES_MAX], na = 0, nn = 0;
    for (int i = 0; i < db->structure_count && na < CANDIDATES_MAX && nn < CANDIDATES_MAX; i++) {
        const ContentStructure *c = &db->structures[i];
        if (strcmp(c->kind, "nerve") != 0 || c->side != s->side || !can_show(d, c)) {
            continue;
        }
        const NerveExit *ce = nerve_exit_find(d->exits, c->base_id);
        if (!ce || nerve_exit_carries_below(d->exits, (int)(ce - d->exits->items))) {
            continue;
        }
        if (ce->kind == NERVE_EXIT_ABOVE) {
            above[na++] = i;
        } else {
            none[nn++] = i;
        }
    }
    int wrong[QUIZ_OPTIONS_MAX - 1];
    int k = pick(above, na, 1, rng);
    memcpy(wrong, above, (size_t)k * sizeof(int));
    int k2 = pick(none, nn, QUIZ_OPTIONS_MAX - 1 - k, rng);
    memcpy(wrong + k, none, (size_t)k2 * sizeof(int));
    if (k + k2 < QUIZ_OPTIONS_MAX - 1) {
        return false;
    }
    begin(q, QUIZ_NERVE_BELOW_PIRIFORMIS, s->id);
    place_options(d, q, subject, wrong, k + k2, structure_option, rng);
    str_copy(q->prompt, sizeof q->prompt, T(d, "prompt_nerve_below_piriformis"));
    fmt(q->explanation, sizeof q->explanation, T(d, "explain_nerve_below_piriformis"), "nerve",
        s->name, "text", s->student_text, NULL, NULL);
    str_copy(q->citation, sizeof q->citation, first_citation(db, &s->citations));
    return true;
}

/* ---- dispatch -------------------------------------------------------------------------- */

int quiz_subject_count(const QuizData *data, QuizKind kind) {
    switch (kind) {
        case QUIZ_ZONE_SOURCE:
            return data->content->zone_count;
        case QUIZ_DERMATOME:
            return data->skin ? data->skin->count : 0;
        case QUIZ_NERVE_BELOW_PIRIFORMIS:
            return data->exits ? data->content->structure_count : 0;
        case QUIZ_KIND_COUNT:
            return 0;
        default:
            return data->content->structure_count;
    }
}

static const char *subject_id(const QuizData *data, QuizKind kind, int i) {
    switch (kind) {
        case QUIZ_ZONE_SOURCE:
            return data->content->zones[i].id;
        case QUIZ_DERMATOME:
            return data->skin->items[i].id;
        default:
            return data->content->structures[i].id;
    }
}

bool quiz_make(const QuizData *data, QuizKind kind, int subject, QuizRng *rng, QuizQuestion *out) {
    if (subject < 0 || subject >= quiz_subject_count(data, kind)) {
        return false;
    }
    switch (kind) {
        case QUIZ_NAME_STRUCTURE:
        case QUIZ_TAP_STRUCTURE:
            return make_structure(data, kind, subject, rng, out);
        case QUIZ_ZONE_SOURCE:
            return make_zone_source(data, subject, rng, out);
        case QUIZ_DERMATOME:
            return make_dermatome(data, subject, rng, out);
        case QUIZ_ORIGIN:
        case QUIZ_INSERTION:
        case QUIZ_INNERVATION:
            return make_field(data, kind, subject, rng, out);
        case QUIZ_NERVE_BELOW_PIRIFORMIS:
            return make_nerve_below(data, subject, rng, out);
        case QUIZ_KIND_COUNT:
            break;
    }
    return false;
}

bool quiz_make_item(const QuizData *data, const char *item, QuizRng *rng, QuizQuestion *out) {
    const char *colon = strchr(item, ':');
    char kind_id[48];
    if (!colon || (size_t)(colon - item) >= sizeof kind_id) {
        return false;
    }
    memcpy(kind_id, item, (size_t)(colon - item));
    kind_id[colon - item] = '\0';
    int kind = quiz_kind_find(kind_id);
    if (kind < 0) {
        return false;
    }
    int n = quiz_subject_count(data, (QuizKind)kind);
    for (int i = 0; i < n; i++) {
        if (strcmp(subject_id(data, (QuizKind)kind, i), colon + 1) == 0) {
            return quiz_make(data, (QuizKind)kind, i, rng, out);
        }
    }
    return false;
}

static bool used(const QuizQuestion *qs, int n, const char *item) {
    for (int i = 0; i < n; i++) {
        if (strcmp(qs[i].item, item) == 0) {
            return true;
        }
    }
    return false;
}

/* One new question of a kind: random subjects first, then every subject from a random
 * start, so a kind with few feasible subjects is still found. */
static bool next_of_kind(const QuizData *data, QuizKind kind, QuizRng *rng, QuizQuestion *out,
                         int made, QuizQuestion *q) {
    int n = quiz_subject_count(data, kind);
    if (n == 0) {
        return false;
    }
    for (int tries = 0; tries < 24; tries++) {
        if (quiz_make(data, kind, quiz_rng_below(rng, n), rng, q) && !used(out, made, q->item)) {
            return true;
        }
    }
    int start = quiz_rng_below(rng, n);
    for (int i = 0; i < n; i++) {
        if (quiz_make(data, kind, (start + i) % n, rng, q) && !used(out, made, q->item)) {
            return true;
        }
    }
    return false;
}

int quiz_generate(const QuizData *data, uint64_t seed, int count, QuizQuestion *out) {
    QuizRng rng;
    quiz_rng_seed(&rng, seed);
    int order[QUIZ_KIND_COUNT];
    bool spent[QUIZ_KIND_COUNT] = {false};
    for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
        order[k] = k;
    }
    shuffle(order, QUIZ_KIND_COUNT, &rng);
    int made = 0;
    for (int turn = 0; made < count; turn++) {
        int live = 0;
        for (int k = 0; k < QUIZ_KIND_COUNT; k++) {
            live += !spent[k];
        }
        if (live == 0) {
            break;
        }
        QuizKind kind = (QuizKind)order[turn % QUIZ_KIND_COUNT];
        if (spent[kind]) {
            continue;
        }
        if (next_of_kind(data, kind, &rng, out, made, &out[made])) {
            made++;
        } else {
            spent[kind] = true;
        }
    }
    return made;
}
