/* paths: where painmap finds its data: the assets folder (content, anatomy, fonts), the
 * shaders and the baked body model. A data folder holds all three in the install layout
 * (<prefix>/share/painmap):  DIR/assets/  DIR/shaders/  DIR/body.glb
 * Reads the environment and asks the file system, nothing else; the caller passes the
 * executable's folder (platform_ knows it). No SDL, no GL. */
#ifndef PAINMAP_CORE_PATHS_H
#define PAINMAP_CORE_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Sets the --data-dir folder used by the calls below (NULL: none). The string is not
 * copied and must outlive them (argv does). */
void paths_set_data_dir(const char *dir);

/* The data folder named explicitly: --data-dir, else $PAINMAP_DATA_DIR, else NULL.
 * out_from (may be NULL) gets "--data-dir" or "PAINMAP_DATA_DIR". */
const char *paths_find_data_dir(const char **out_from);

/* Checks that an explicitly named data folder exists, is a folder and can be read; on
 * failure err names the folder, what is wrong and what to do. */
bool paths_check_data_dir(const char *dir, const char *from, char *err, size_t err_cap);

/* The assets folder, first of: cli_dir (--assets-dir); <data>/assets for --data-dir;
 * $PAINMAP_ASSETS_DIR; <data>/assets for $PAINMAP_DATA_DIR; <exe>/assets, <exe>/../assets,
 * <exe>/<share>/painmap/assets (the install). An explicit folder that is missing is an error
 * naming it and what to do; so is finding none (the places tried are named). */
bool paths_find_assets(const char *cli_dir, const char *exe_dir, char *out_dir, size_t cap,
                       char *err, size_t err_cap);
/* The shaders folder (the first that holds mesh.vert): <data>/shaders for --data-dir;
 * $PAINMAP_SHADERS_DIR; <data>/shaders for $PAINMAP_DATA_DIR; <assets>/../shaders,
 * <exe>/../shaders, <exe>/<share>/painmap/shaders. */
bool paths_find_shaders(const char *assets_dir, const char *exe_dir, char *out_dir, size_t cap,
                        char *err, size_t err_cap);
/* body.glb: cli_model (--model); <data>/body.glb for --data-dir; $PAINMAP_MODEL;
 * <data>/body.glb for $PAINMAP_DATA_DIR; <exe>/body.glb, <assets>/../body.glb,
 * <assets>/body.glb. False (with the places tried, or why an explicit file is unusable:
 * missing, or a folder) if there is none. */
bool paths_find_model(const char *cli_model, const char *assets_dir, const char *exe_dir,
                      char *out_path, size_t cap, char *err, size_t err_cap);

#endif
