/* The program cache (render/gfx_cache): a first gfx_create compiles the shaders and keeps
 * their binaries; a second links all of them from the cache and draws the same pixels; a
 * damaged or truncated file is ignored, compiled again and replaced; an edited shader
 * never loads the old binary. Real GL, headless (SDL offscreen + EGL), GL 3.3 and ES 3.0. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/scene.h"
#include "core/fileio.h"
#include "core/strutil.h"
#include "platform/plat.h"
#include "render/gfx.h"

enum { W = 160, H = 200, PROGRAMS = 5 };

typedef struct {
    PlatWindow *win;
    uint8_t first[W * H * 4];
    uint8_t pixels[W * H * 4];
    char cache[256];
    char shaders[256];
} Ctx;

/* One gfx on the window: the stand-in body drawn into pixels; its program counts. */
static GfxStats draw_once(Ctx *c, const char *shaders_dir, uint8_t *pixels) {
    char err[4096] = "";
    Gfx *gfx = NULL;
    Scene scene;
    GfxDesc gd = {.backend = GFX_BACKEND_GL,
                  .gles = plat_window_is_gles(c->win),
                  .shaders_dir = shaders_dir,
                  .cache_dir = c->cache};
    if (!gfx_create(&gd, &gfx, err, sizeof err) ||
        !gfx_set_offscreen(gfx, W, H, 1, err, sizeof err) ||
        !scene_load_placeholder(&scene, gfx, err, sizeof err)) {
        print_error("gfx: %s\n", err);
        fail();
    }
    Camera cam;
    cam_init_view(&cam, VIEW_ANTERIOR, scene.bmin, scene.bmax, (float)W / (float)H);
    FrameDesc f;
    scene_build_frame(&scene, &cam, LAYER_MASK_ALL, W, H, &f);
    gfx_draw_frame(gfx, &f);
    assert_true(gfx_read_pixels(gfx, pixels));
    GfxStats st = gfx_get_stats(gfx);
    scene_unload(&scene, gfx);
    gfx_destroy(gfx);
    return st;
}

/* The cache's files, in name order. */
static int list_bins(const char *dir, char names[][128], int cap) {
    DIR *d = opendir(dir);
    int n = 0;
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".bin") == 0 && n < cap) {
            str_copy(names[n++], 128, e->d_name);
        }
    }
    closedir(d);
    qsort(names, (size_t)n, 128, (int (*)(const void *, const void *))strcmp);
    return n;
}

static void rewrite(const char *dir, const char *name, size_t keep, bool flip) {
    char path[512], err[512];
    assert_true(path_join(path, sizeof path, dir, name));
    char *data = NULL;
    size_t len = 0;
    assert_true(file_read_all(path, &data, &len, err, sizeof err));
    assert_true(len > 64);
    if (flip) {
        data[len - 7] ^= 0x5a; /* a byte of the driver's binary, not of the header */
    }
    assert_true(file_write_atomic(path, data, keep ? keep : len, err, sizeof err));
    free(data);
}

static void copy_file(const char *from_dir, const char *to_dir, const char *name,
                      const char *append) {
    char from[512], to[512], err[512];
    assert_true(path_join(from, sizeof from, from_dir, name));
    assert_true(path_join(to, sizeof to, to_dir, name));
    char *data = NULL;
    size_t len = 0;
    assert_true(file_read_all(from, &data, &len, err, sizeof err));
    size_t extra = append ? strlen(append) : 0;
    char *out = malloc(len + extra);
    assert_non_null(out);
    memcpy(out, data, len);
    if (extra) {
        memcpy(out + len, append, extra);
    }
    assert_true(file_write_atomic(to, out, len + extra, err, sizeof err));
    free(out);
    free(data);
}

static void check_api(PlatGlApi api) {
    char err[4096];
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    assert_true(plat_init(true, err, sizeof err));
    Ctx *c = calloc(1, sizeof *c);
    assert_non_null(c);
    PlatWindowDesc wd = {.title = "test", .width = 64, .height = 64, .api = api, .headless = true};
    if (!plat_window_create(&wd, &c->win, err, sizeof err)) {
        print_error("window: %s\n", err);
        fail();
    }
    const char *shaders = getenv("PAINMAP_SHADERS_DIR");
    shaders = shaders ? shaders : "shaders";
    str_copy(c->cache, sizeof c->cache, "/tmp/painmap-cache-XXXXXX");
    str_copy(c->shaders, sizeof c->shaders, "/tmp/painmap-shaders-XXXXXX");
    assert_non_null(mkdtemp(c->cache));
    assert_non_null(mkdtemp(c->shaders));

    /* 1. nothing cached: every program compiled, and kept */
    GfxStats st = draw_once(c, shaders, c->first);
    assert_int_equal(st.programs_linked, PROGRAMS);
    assert_int_equal(st.programs_cached, 0);
    char names[16][128];
    assert_int_equal(list_bins(c->cache, names, 16), PROGRAMS);

    /* 2. a later start: every program from the cache, the same picture */
    st = draw_once(c, shaders, c->pixels);
    assert_int_equal(st.programs_cached, PROGRAMS);
    assert_memory_equal(c->first, c->pixels, sizeof c->pixels);

    /* 3. one file cut short, one with a changed byte: both compiled again and replaced */
    rewrite(c->cache, names[0], 40, false);
    rewrite(c->cache, names[1], 0, true);
    st = draw_once(c, shaders, c->pixels);
    assert_int_equal(st.programs_linked, PROGRAMS);
    assert_int_equal(st.programs_cached, PROGRAMS - 2);
    assert_memory_equal(c->first, c->pixels, sizeof c->pixels);
    st = draw_once(c, shaders, c->pixels);
    assert_int_equal(st.programs_cached, PROGRAMS);

    /* 4. an edited shader (ui.frag) is compiled, not loaded from its old binary */
    static const char *const files[] = {"mesh.vert", "mesh.frag", "mesh_lighting.glsl", "ui.vert",
                                        "ui.frag"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        copy_file(shaders, c->shaders, files[i],
                  strcmp(files[i], "ui.frag") == 0 ? "\n// edited\n" : NULL);
    }
    st = draw_once(c, c->shaders, c->pixels);
    assert_int_equal(st.programs_cached, PROGRAMS - 1);
    assert_int_equal(list_bins(c->cache, names, 16), PROGRAMS + 1);

    /* 5. no cache folder: compiled every time, nothing written */
    char none[300];
    snprintf(none, sizeof none, "%s/missing", c->cache);
    str_copy(c->cache, sizeof c->cache, none);
    st = draw_once(c, shaders, c->pixels);
    assert_int_equal(st.programs_cached, 0);
    assert_false(file_is_dir(none));

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%.*s' '%s'", (int)(strlen(none) - 8), none, c->shaders);
    assert_int_equal(system(cmd), 0);
    plat_window_destroy(c->win);
    plat_shutdown();
    free(c);
}

static void test_gl33(void **state) {
    (void)state;
    check_api(PLAT_GL_CORE33);
}

static void test_gles30(void **state) {
    (void)state;
    check_api(PLAT_GLES30);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl33),
        cmocka_unit_test(test_gles30),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
