/* ids: the shared ids of DESIGN.md (views, layers, dermatome maps, levels of detail) with
 * one spelling for files, the command line and tests. Owns nothing but constant tables. */
#ifndef PAINMAP_CORE_IDS_H
#define PAINMAP_CORE_IDS_H

#include <stdbool.h>

typedef enum {
    VIEW_ANTERIOR,
    VIEW_POSTERIOR,
    VIEW_LEFT,
    VIEW_RIGHT,
    VIEW_SUPERIOR,
    VIEW_INFERIOR,
    VIEW_DEEP_POSTERIOR,
    VIEW_COUNT
} ViewId;

typedef enum {
    LAYER_SKIN,
    LAYER_SUPERFICIAL_MUSCLES,
    LAYER_DEEP_MUSCLES,
    LAYER_BONES,
    LAYER_LIGAMENTS,
    LAYER_NERVES,
    LAYER_ZONES,
    LAYER_DERMATOMES,
    LAYER_COUNT
} LayerId;

typedef enum { DERM_MAP_KEEGAN_GARRETT, DERM_MAP_LEE_2008, DERM_MAP_COUNT } DermMapId;
#define DERM_MAP_DEFAULT DERM_MAP_LEE_2008

typedef enum { LOD_FULL, LOD_TABLET, LOD_COUNT } LodId;

/* Bit for a layer in a layer mask. */
#define LAYER_BIT(l)   (1u << (unsigned)(l))
#define LAYER_MASK_ALL ((1u << LAYER_COUNT) - 1u)

const char *view_name(ViewId view);
const char *layer_name(LayerId layer);
const char *derm_map_name(DermMapId map);
const char *lod_name(LodId lod);
/* find_ functions return false when the name is not a known id. */
bool view_find(const char *name, ViewId *out_view);
bool layer_find(const char *name, LayerId *out_layer);
bool derm_map_find(const char *name, DermMapId *out_map);
bool lod_find(const char *name, LodId *out_lod);
/* Parses "bones,nerves" into a mask; on an unknown id copies it to bad (cap bytes). */
bool layer_mask_parse(const char *list, unsigned *out_mask, char *bad, int bad_cap);

#endif
