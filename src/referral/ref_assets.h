/* ref_assets: loads everything the referral engine needs from an assets folder -
 * anatomy/landmarks.json + anatomy/skin_points.json (landmarks), anatomy/zones.json +
 * anatomy/dermatomes.json (shapes) and content/<locale>/ (words) - validates it all
 * together and builds a RefEngine. This is what `painmap check-content` and the query
 * commands run. Owns everything it loads. No SDL, no GL. */
#ifndef PAINMAP_REFERRAL_REF_ASSETS_H
#define PAINMAP_REFERRAL_REF_ASSETS_H

#include <stdbool.h>

#include "anatomy/body.h"
#include "anatomy/landmarks.h"
#include "content/content.h"
#include "content/content_diag.h"
#include "referral/referral.h"
#include "referral/zone_shapes.h"

typedef struct RefAssets {
    LandmarkSet landmarks;
    RefShapes shapes;
    ContentDb content;
    RefEngine engine;
    bool engine_ready;
} RefAssets;

/* Loads and validates; every problem goes to diag ("file:json.path: message", file names
 * relative to assets_dir). node_names (optional, NULL/0 to skip) are the node names of
 * body.glb: each must have a structure entry and each meshed structure a node. Returns true
 * when there were no problems; out is usable (engine_ready) whenever the files parsed. */
bool ref_assets_load(const char *assets_dir, const char *locale, const char *const *node_names,
                     int node_count, RefAssets *out, ContentDiag *diag);
void ref_assets_free(RefAssets *assets);

/* Places each structure of the engine at the centre (vertex mean, full detail) of its mesh in
 * the body, so animation paths start at the muscle that warms. Joints (no mesh) keep none. */
void ref_assets_attach_body(RefAssets *assets, const Body *body);

#endif
