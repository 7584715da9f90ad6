#include "core/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/strutil.h"

bool paths_find_assets(const char *cli_dir, const char *exe_dir, char *out_dir, size_t cap,
                       char *err, size_t err_cap) {
    const char *env = getenv("PAINMAP_ASSETS_DIR");
    const char *explicit_dir = cli_dir ? cli_dir : (env && *env ? env : NULL);
    if (explicit_dir) {
        if (!file_is_dir(explicit_dir)) {
            snprintf(err, err_cap, "assets folder '%s' (from %s) does not exist or is not a folder",
                     explicit_dir, cli_dir ? "--assets-dir" : "PAINMAP_ASSETS_DIR");
            return false;
        }
        return str_copy(out_dir, cap, explicit_dir);
    }
    static const char *const rel[] = {"assets", "../assets", "../share/painmap/assets"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char p[4096];
        if (path_join(p, sizeof p, exe_dir, rel[i]) && file_is_dir(p)) {
            return str_copy(out_dir, cap, p);
        }
    }
    snprintf(err, err_cap,
             "no assets folder found (tried %s/assets, %s/../assets, "
             "%s/../share/painmap/assets); pass --assets-dir DIR or set PAINMAP_ASSETS_DIR",
             exe_dir, exe_dir, exe_dir);
    return false;
}

static bool has_file(const char *dir, const char *name) {
    char p[4096];
    return path_join(p, sizeof p, dir, name) && file_is_regular(p);
}

bool paths_find_shaders(const char *assets_dir, const char *exe_dir, char *out_dir, size_t cap,
                        char *err, size_t err_cap) {
    const char *env = getenv("PAINMAP_SHADERS_DIR");
    if (env && *env) {
        if (!has_file(env, "mesh.vert")) {
            snprintf(err, err_cap, "PAINMAP_SHADERS_DIR '%s' holds no mesh.vert", env);
            return false;
        }
        return str_copy(out_dir, cap, env);
    }
    char candidates[3][4096];
    path_join(candidates[0], sizeof candidates[0], assets_dir, "../shaders");
    path_join(candidates[1], sizeof candidates[1], exe_dir, "../shaders");
    path_join(candidates[2], sizeof candidates[2], exe_dir, "../share/painmap/shaders");
    for (int i = 0; i < 3; i++) {
        if (has_file(candidates[i], "mesh.vert")) {
            return str_copy(out_dir, cap, candidates[i]);
        }
    }
    snprintf(err, err_cap, "no shaders folder found (tried %s, %s, %s); set PAINMAP_SHADERS_DIR",
             candidates[0], candidates[1], candidates[2]);
    return false;
}

bool paths_find_model(const char *cli_model, const char *assets_dir, const char *exe_dir,
                      char *out_path, size_t cap, char *err, size_t err_cap) {
    const char *env = getenv("PAINMAP_MODEL");
    const char *explicit_path = cli_model ? cli_model : (env && *env ? env : NULL);
    if (explicit_path) {
        if (!file_is_regular(explicit_path)) {
            snprintf(err, err_cap, "body model '%s' (from %s) does not exist", explicit_path,
                     cli_model ? "--model" : "PAINMAP_MODEL");
            return false;
        }
        return str_copy(out_path, cap, explicit_path);
    }
    char a[4096], b[4096];
    path_join(a, sizeof a, exe_dir, "body.glb");
    path_join(b, sizeof b, assets_dir, "body.glb");
    if (file_is_regular(a)) {
        return str_copy(out_path, cap, a);
    }
    if (file_is_regular(b)) {
        return str_copy(out_path, cap, b);
    }
    snprintf(err, err_cap, "no body model found (tried %s and %s); build it with cmake --build", a,
             b);
    return false;
}
