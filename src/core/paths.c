#define _XOPEN_SOURCE 700 /* realpath */
#include "core/paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fileio.h"
#include "core/strutil.h"

/* The data folder relative to the installed program (from GNUInstallDirs at configure time). */
#ifndef PAINMAP_DATA_REL
#define PAINMAP_DATA_REL "../share/painmap"
#endif

#define DATA_DIR_HINT                                                                              \
    "a data folder holds assets/, shaders/ and body.glb, like an installed painmap's "             \
    "share/painmap"

static const char *g_cli_data_dir;

/* A place found by searching (not one the user named), written without "..": messages and
 * check-content then show /usr/share/painmap/assets, not /usr/bin/../share/painmap/assets. */
static bool copy_found(char *out, size_t cap, const char *path) {
    char *real = realpath(path, NULL);
    bool ok = str_copy(out, cap, real ? real : path);
    free(real);
    return ok;
}

void paths_set_data_dir(const char *dir) {
    g_cli_data_dir = dir && *dir ? dir : NULL;
}

static const char *env_value(const char *name) {
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

const char *paths_find_data_dir(const char **out_from) {
    const char *from = NULL;
    const char *dir = NULL;
    if (g_cli_data_dir) {
        dir = g_cli_data_dir;
        from = "--data-dir";
    } else if ((dir = env_value("PAINMAP_DATA_DIR")) != NULL) {
        from = "PAINMAP_DATA_DIR";
    }
    if (out_from) {
        *out_from = from;
    }
    return dir;
}

static const char *unreadable_hint(int e) {
    return e == EACCES || e == EPERM ? "check its permissions (it must be readable and searchable)"
                                     : "check the path and any links in it";
}

/* Whether path is a folder that can be listed; if not, err says which of "does not exist",
 * "is not a folder" or "cannot be read" it is, in the words of what (e.g. "data folder"). */
static bool check_folder(const char *path, const char *what, const char *from, const char *hint,
                         char *err, size_t err_cap) {
    char origin[64] = "";
    if (from) {
        snprintf(origin, sizeof origin, " (from %s)", from);
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT) {
            return str_fail(err, err_cap, "%s '%s'%s does not exist; %s", what, path, origin, hint);
        }
        return str_fail(err, err_cap, "%s '%s'%s cannot be read (%s); %s", what, path, origin,
                        strerror(e), unreadable_hint(e));
    }
    if (!S_ISDIR(st.st_mode)) {
        return str_fail(err, err_cap, "%s '%s'%s is a file, not a folder; %s", what, path, origin,
                        hint);
    }
    DIR *d = opendir(path);
    if (!d) {
        int e = errno;
        return str_fail(err, err_cap, "%s '%s'%s cannot be read (%s); %s", what, path, origin,
                        strerror(e), unreadable_hint(e));
    }
    closedir(d);
    return true;
}

bool paths_check_data_dir(const char *dir, const char *from, char *err, size_t err_cap) {
    return check_folder(dir, "data folder", from, DATA_DIR_HINT, err, err_cap);
}

/* <data>/<name> for an explicit data folder, checked; err names both folders. */
static bool data_sub_folder(const char *data, const char *from, const char *name, char *out_dir,
                            size_t cap, char *err, size_t err_cap) {
    if (!paths_check_data_dir(data, from, err, err_cap)) {
        return false;
    }
    char p[4096];
    if (!path_join(p, sizeof p, data, name)) {
        return str_fail(err, err_cap, "data folder '%s': path too long", data);
    }
    char what[96], hint[256];
    snprintf(what, sizeof what, "the data folder's %s folder", name);
    snprintf(hint, sizeof hint, "copy painmap's %s folder there or name another data folder (%s)",
             name, DATA_DIR_HINT);
    if (!check_folder(p, what, from, hint, err, err_cap)) {
        return false;
    }
    return str_copy(out_dir, cap, p);
}

bool paths_find_assets(const char *cli_dir, const char *exe_dir, char *out_dir, size_t cap,
                       char *err, size_t err_cap) {
    static const char *const HINT =
        "pass --assets-dir DIR or --data-dir DIR with an existing folder";
    if (cli_dir) {
        return check_folder(cli_dir, "assets folder", "--assets-dir", HINT, err, err_cap) &&
               str_copy(out_dir, cap, cli_dir);
    }
    const char *from = NULL;
    const char *data = paths_find_data_dir(&from);
    if (data && g_cli_data_dir) {
        return data_sub_folder(data, from, "assets", out_dir, cap, err, err_cap);
    }
    const char *env = env_value("PAINMAP_ASSETS_DIR");
    if (env) {
        return check_folder(env, "assets folder", "PAINMAP_ASSETS_DIR",
                            "set PAINMAP_ASSETS_DIR to painmap's assets folder or unset it", err,
                            err_cap) &&
               str_copy(out_dir, cap, env);
    }
    if (data) {
        return data_sub_folder(data, from, "assets", out_dir, cap, err, err_cap);
    }
    static const char *const rel[] = {"assets", "../assets", PAINMAP_DATA_REL "/assets"};
    char tried[3][4096];
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        if (path_join(tried[i], sizeof tried[i], exe_dir, rel[i]) && file_is_dir(tried[i])) {
            return copy_found(out_dir, cap, tried[i]);
        }
    }
    return str_fail(err, err_cap,
                    "no assets folder found (tried %s, %s and %s); reinstall painmap, or pass "
                    "--data-dir DIR (%s) or --assets-dir DIR",
                    tried[0], tried[1], tried[2], DATA_DIR_HINT);
}

static bool has_file(const char *dir, const char *name) {
    char p[4096];
    return path_join(p, sizeof p, dir, name) && file_is_regular(p);
}

/* An explicitly named shaders folder must hold mesh.vert. */
static bool explicit_shaders(const char *dir, const char *what, const char *from, char *out_dir,
                             size_t cap, char *err, size_t err_cap) {
    char hint[256];
    snprintf(hint, sizeof hint, "copy painmap's shaders folder there (%s)", DATA_DIR_HINT);
    if (!check_folder(dir, what, from, hint, err, err_cap)) {
        return false;
    }
    if (!has_file(dir, "mesh.vert")) {
        return str_fail(err, err_cap,
                        "%s '%s' (from %s) holds no mesh.vert; copy painmap's shaders folder "
                        "there",
                        what, dir, from);
    }
    return str_copy(out_dir, cap, dir);
}

bool paths_find_shaders(const char *assets_dir, const char *exe_dir, char *out_dir, size_t cap,
                        char *err, size_t err_cap) {
    const char *from = NULL;
    const char *data = paths_find_data_dir(&from);
    const char *env = env_value("PAINMAP_SHADERS_DIR");
    if (data && (g_cli_data_dir || !env)) {
        char p[4096];
        if (!paths_check_data_dir(data, from, err, err_cap)) {
            return false;
        }
        if (!path_join(p, sizeof p, data, "shaders")) {
            return str_fail(err, err_cap, "data folder '%s': path too long", data);
        }
        return explicit_shaders(p, "the data folder's shaders folder", from, out_dir, cap, err,
                                err_cap);
    }
    if (env) {
        return explicit_shaders(env, "shaders folder", "PAINMAP_SHADERS_DIR", out_dir, cap, err,
                                err_cap);
    }
    char candidates[3][4096];
    path_join(candidates[0], sizeof candidates[0], assets_dir, "../shaders");
    path_join(candidates[1], sizeof candidates[1], exe_dir, "../shaders");
    path_join(candidates[2], sizeof candidates[2], exe_dir, PAINMAP_DATA_REL "/shaders");
    for (int i = 0; i < 3; i++) {
        if (has_file(candidates[i], "mesh.vert")) {
            return copy_found(out_dir, cap, candidates[i]);
        }
    }
    return str_fail(err, err_cap,
                    "no shaders folder found (no mesh.vert in %s, %s or %s); reinstall painmap, "
                    "or pass --data-dir DIR (%s) or set PAINMAP_SHADERS_DIR",
                    candidates[0], candidates[1], candidates[2], DATA_DIR_HINT);
}

/* An explicitly named model file: it must exist and be a file. */
static bool explicit_model(const char *path, const char *from, char *out_path, size_t cap,
                           char *err, size_t err_cap) {
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT) {
            return str_fail(err, err_cap, "body model '%s' (from %s) does not exist; %s", path,
                            from,
                            strcmp(from, "--model") && strcmp(from, "PAINMAP_MODEL")
                                ? "copy body.glb there (the build writes it into the build "
                                  "folder; an install puts it in share/painmap)"
                                : "name an existing .glb file (the build writes body.glb into "
                                  "the build folder)");
        }
        return str_fail(err, err_cap, "body model '%s' (from %s) cannot be read (%s); %s", path,
                        from, strerror(e), unreadable_hint(e));
    }
    if (S_ISDIR(st.st_mode)) {
        return str_fail(err, err_cap,
                        "body model '%s' (from %s) is a folder, not a .glb file; name the "
                        "body.glb inside it",
                        path, from);
    }
    if (!S_ISREG(st.st_mode)) {
        return str_fail(err, err_cap, "body model '%s' (from %s) is not a regular file", path,
                        from);
    }
    return str_copy(out_path, cap, path);
}

bool paths_find_model(const char *cli_model, const char *assets_dir, const char *exe_dir,
                      char *out_path, size_t cap, char *err, size_t err_cap) {
    if (cli_model) {
        return explicit_model(cli_model, "--model", out_path, cap, err, err_cap);
    }
    const char *from = NULL;
    const char *data = paths_find_data_dir(&from);
    const char *env = env_value("PAINMAP_MODEL");
    if (data && (g_cli_data_dir || !env)) {
        char p[4096];
        if (!paths_check_data_dir(data, from, err, err_cap)) {
            return false;
        }
        if (!path_join(p, sizeof p, data, "body.glb")) {
            return str_fail(err, err_cap, "data folder '%s': path too long", data);
        }
        return explicit_model(p, from, out_path, cap, err, err_cap);
    }
    if (env) {
        return explicit_model(env, "PAINMAP_MODEL", out_path, cap, err, err_cap);
    }
    char c[3][4096];
    path_join(c[0], sizeof c[0], exe_dir, "body.glb");
    path_join(c[1], sizeof c[1], assets_dir, "../body.glb");
    path_join(c[2], sizeof c[2], assets_dir, "body.glb");
    for (int i = 0; i < 3; i++) {
        if (file_is_regular(c[i])) {
            return copy_found(out_path, cap, c[i]);
        }
    }
    return str_fail(err, err_cap,
                    "no body model found (tried %s, %s and %s); build it with cmake --build", c[0],
                    c[1], c[2]);
}
