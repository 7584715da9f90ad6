/* preview: a small software rasteriser that draws baked meshes into a PNG with flat colours
 * and Lambert shading, so shapes can be checked without a GPU or the app. Debug aid only. */
#ifndef PAINMAP_BAKE_PREVIEW_H
#define PAINMAP_BAKE_PREVIEW_H

#include <stdbool.h>

#include "mesh.h"

typedef struct {
    const Mesh *mesh;
    unsigned char rgb[3];
} PreviewItem;

/* view: anterior, posterior, left, right, superior, inferior. Fits the bounds of the
 * vertices whose Y lies in [y_min, y_max] (everything is drawn; outside parts get cropped). */
bool preview_write_png(const char *path, const char *view, const PreviewItem *items, int count,
                       int width, int height, float y_min, float y_max);

#endif
