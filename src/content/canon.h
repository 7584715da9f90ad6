/* canon: the shared ids every part of painmap agrees on (DESIGN.md): the structures the
 * body must have, layers, views, dermatome maps, and the sources, zones, red-flag groups
 * and UI strings the content must provide. Static tables; owns nothing. */
#ifndef PAINMAP_CONTENT_CANON_H
#define PAINMAP_CONTENT_CANON_H

#include <stdbool.h>

typedef struct CanonStructure {
    const char *id; /* base id; paired ones exist as <id>_l and <id>_r */
    bool paired;
    const char *kind;  /* bone, ligament, muscle, nerve, joint, skin */
    const char *layer; /* layer id */
} CanonStructure;

typedef struct CanonId {
    const char *id;
    bool paired;
} CanonId;

const CanonStructure *canon_structures(int *out_count);
/* Layers, views and dermatome maps, in display order. */
const char *const *canon_layers(int *out_count);
const char *const *canon_views(int *out_count);
const char *const *canon_maps(int *out_count);
/* The default dermatome map id ("lee_2008"). */
const char *canon_default_map(void);
/* Sources and zones the content must define (base ids). */
const CanonId *canon_required_sources(int *out_count);
const CanonId *canon_required_zones(int *out_count);
const char *const *canon_required_redflag_groups(int *out_count);
/* UI string keys that must exist in ui.json (layer_*, view_*, map_* included). */
const char *const *canon_required_ui_strings(int *out_count);
/* True if kind names a structure that has a mesh of its own (everything but joints). */
bool canon_kind_has_mesh(const char *kind);

#endif
