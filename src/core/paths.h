/* paths: where painmap finds its assets folder, its shaders and the baked body model.
 * Pure: the caller passes the executable's folder (platform_ knows it). */
#ifndef PAINMAP_CORE_PATHS_H
#define PAINMAP_CORE_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The assets folder: cli_dir (--assets-dir) if given, else $PAINMAP_ASSETS_DIR, else
 * <exe>/assets, <exe>/../assets, <exe>/../share/painmap/assets. An explicit folder that
 * does not exist is an error naming it; so is finding none (the places tried are named). */
bool paths_find_assets(const char *cli_dir, const char *exe_dir, char *out_dir, size_t cap,
                       char *err, size_t err_cap);
/* The shaders folder: $PAINMAP_SHADERS_DIR, <assets>/../shaders, <exe>/../shaders,
 * <exe>/../share/painmap/shaders (the first that holds mesh.vert). */
bool paths_find_shaders(const char *assets_dir, const char *exe_dir, char *out_dir, size_t cap,
                        char *err, size_t err_cap);
/* body.glb: cli_model (--model) if given, else $PAINMAP_MODEL, else <exe>/body.glb,
 * <assets>/body.glb. False (with the places tried) if none exists. */
bool paths_find_model(const char *cli_model, const char *assets_dir, const char *exe_dir,
                      char *out_path, size_t cap, char *err, size_t err_cap);

#endif
