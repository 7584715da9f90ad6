#include "core/ids.h"

#include <string.h>

#include "core/strutil.h"

static const char *const VIEW_NAMES[VIEW_COUNT] = {
    "anterior", "posterior", "left", "right", "superior", "inferior", "deep_posterior",
};
static const char *const LAYER_NAMES[LAYER_COUNT] = {
    "skin",  "superficial_muscles", "deep_muscles", "bones", "ligaments", "nerves",
    "zones", "dermatomes",
};
static const char *const MAP_NAMES[DERM_MAP_COUNT] = {"keegan_garrett", "lee_2008"};
static const char *const LOD_NAMES[LOD_COUNT] = {"full", "tablet"};

static bool find(const char *const *names, int count, const char *name, int *out_index) {
    for (int i = 0; i < count; i++) {
        if (strcmp(names[i], name) == 0) {
            *out_index = i;
            return true;
        }
    }
    return false;
}

const char *view_name(ViewId view) {
    return (unsigned)view < VIEW_COUNT ? VIEW_NAMES[view] : "?";
}
const char *layer_name(LayerId layer) {
    return (unsigned)layer < LAYER_COUNT ? LAYER_NAMES[layer] : "?";
}
const char *derm_map_name(DermMapId map) {
    return (unsigned)map < DERM_MAP_COUNT ? MAP_NAMES[map] : "?";
}
const char *lod_name(LodId lod) {
    return (unsigned)lod < LOD_COUNT ? LOD_NAMES[lod] : "?";
}

bool view_find(const char *name, ViewId *out_view) {
    int i;
    if (!find(VIEW_NAMES, VIEW_COUNT, name, &i)) {
        return false;
    }
    *out_view = (ViewId)i;
    return true;
}

bool layer_find(const char *name, LayerId *out_layer) {
    int i;
    if (!find(LAYER_NAMES, LAYER_COUNT, name, &i)) {
        return false;
    }
    *out_layer = (LayerId)i;
    return true;
}

bool derm_map_find(const char *name, DermMapId *out_map) {
    int i;
    if (!find(MAP_NAMES, DERM_MAP_COUNT, name, &i)) {
        return false;
    }
    *out_map = (DermMapId)i;
    return true;
}

bool lod_find(const char *name, LodId *out_lod) {
    int i;
    if (!find(LOD_NAMES, LOD_COUNT, name, &i)) {
        return false;
    }
    *out_lod = (LodId)i;
    return true;
}

bool layer_mask_parse(const char *list, unsigned *out_mask, char *bad, int bad_cap) {
    unsigned mask = 0;
    const char *p = list;
    if (!*p) {
        str_copy(bad, (size_t)bad_cap, "(empty list)");
        return false;
    }
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[64];
        if (n == 0 || n >= sizeof name) {
            str_copy(bad, (size_t)bad_cap, n == 0 ? "(empty id)" : p);
            return false;
        }
        memcpy(name, p, n);
        name[n] = '\0';
        LayerId layer;
        if (!layer_find(name, &layer)) {
            str_copy(bad, (size_t)bad_cap, name);
            return false;
        }
        mask |= LAYER_BIT(layer);
        p += n;
        if (*p == ',') {
            p++;
            if (!*p) {
                str_copy(bad, (size_t)bad_cap, "(empty id)");
                return false;
            }
        }
    }
    *out_mask = mask;
    return true;
}
