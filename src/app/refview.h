/* refview: puts the referral engine on the scene. Loads the anatomy + content assets, tells
 * the engine where each structure sits, and for a source at time t warms the source
 * structure, moves the travelling signal and paints the zones' intensities onto the skin as
 * per-vertex heat. Owns the loaded assets and the per-vertex weight cache. */
#ifndef PAINMAP_APP_REFVIEW_H
#define PAINMAP_APP_REFVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app/scene.h"
#include "referral/ref_assets.h"
#include "referral/timeline.h"
#include "render/gfx.h"

enum { REFVIEW_CACHE_MAX = 64 };

/* What the skin's paint was last made from: the same inputs give the same paint, so it is
 * neither recomputed nor sent to the GPU again (a still picture, or a camera that moves). */
typedef struct {
    bool valid;
    unsigned skin_uploads; /* scene->skin_paint_uploads right after this paint was sent */
    int source, map, mark_zone;
    bool zones, dermatomes, mark_point_set;
    float mark_point_mm[3];
    int zone_count;
    RefZoneIntensity zones_at[REF_TIMELINE_ZONES_MAX];
} RefPaintKey;

typedef struct {
    RefAssets assets;
    bool loaded;
    int map;    /* dermatome map index */
    int source; /* content source index, -1 = none */
    RefTimelineSample sample;
    float *heat; /* per skin vertex */
    /* weights of the zones in use, per skin vertex, keyed by zone and map */
    int cache_zone[REFVIEW_CACHE_MAX];
    int cache_map[REFVIEW_CACHE_MAX];
    float *cache_weights[REFVIEW_CACHE_MAX];
    int cache_count;
    GfxMesh signal_mesh;
    /* strongest dermatome segment (0 = T12 .. 10 = S5, -1 none) and its weight per skin
     * vertex, for the map in derm_map (-1 = not computed yet) */
    signed char *derm_segment;
    float *derm_weight;
    int derm_map;
    /* where it hurts: the zone or skin point to mark in a cool colour (-1 / false = none) */
    int mark_zone;
    bool mark_point_set;
    float mark_point_mm[3];
    RefPaintKey painted;
} RefView;

/* Dermatome segments in order, T12 to S5; their display colours. */
enum { REFVIEW_SEGMENTS = 11 };
extern const char *const REFVIEW_SEGMENT_NAMES[REFVIEW_SEGMENTS];
void refview_segment_color(int segment, float out_rgb[3]);

/* Loads and validates the assets against the scene's structures, with the texts of locale
 * ("es": Spanish over English; NULL or "" = English); problems are logged.
 * Returns false (with a message) when the assets could not be used at all. */
bool refview_load(RefView *rv, const char *assets_dir, const char *locale, const Scene *scene,
                  Gfx *gfx, char *err, size_t err_cap);
void refview_unload(RefView *rv, Gfx *gfx);
/* Picks a source by id; false (with suggestions in err) if there is no such source. */
bool refview_set_source(RefView *rv, const char *id, char *err, size_t err_cap);
/* Updates rv->sample (phase, caption, intensities) for the current source at t_sec. */
void refview_sample(RefView *rv, float t_sec);
/* Applies the animation at t_sec to the scene (tints, glow) and, when paint_skin, paints the
 * skin: the dermatomes of the current map when show_dermatomes, then the source's zones (main
 * areas vermillion, wider areas sky blue) when show_zones. paint_skin false leaves the skin's
 * paint to the caller (a pain drawing). Call before scene_build_frame. */
void refview_apply(RefView *rv, Scene *scene, Gfx *gfx, float t_sec, bool show_zones,
                   bool show_dermatomes, bool paint_skin);
/* Appends the travelling signal to a built frame (when visible). */
void refview_add_signal(RefView *rv, Scene *scene, FrameDesc *frame);

#endif
