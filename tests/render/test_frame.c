/* What scene_build_frame hands the renderer, through the null backend (no GL): structures
 * out of view are left out, opaque ones come near to far and translucent ones far to near,
 * lighting moves to the vertices and a lighter mesh takes over only when a structure's
 * triangles are tiny on screen, and --repeat's draw count reaches the statistics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/primitives.h"
#include "app/scene.h"
#include "render/gfx.h"

enum { W = 640, H = 480 };

typedef struct {
    Gfx *gfx;
    Scene scene;
    Camera cam;
} Ctx;

static int setup(void **state) {
    Ctx *c = calloc(1, sizeof *c);
    char err[1024];
    GfxDesc gd = {.backend = GFX_BACKEND_NULL};
    if (!c || !gfx_create(&gd, &c->gfx, err, sizeof err) ||
        !scene_load_placeholder(&c->scene, c->gfx, err, sizeof err)) {
        print_error("setup: %s\n", err);
        return -1;
    }
    scene_init_camera(&c->scene, VIEW_POSTERIOR, (float)W / (float)H, &c->cam);
    *state = c;
    return 0;
}

static int teardown(void **state) {
    Ctx *c = *state;
    scene_unload(&c->scene, c->gfx);
    gfx_destroy(c->gfx);
    free(c);
    return 0;
}

static int index_of_mesh(const Scene *s, GfxMesh mesh) {
    for (int i = 0; i < s->count; i++) {
        if (s->items[i].mesh.id == mesh.id) {
            return i;
        }
    }
    return -1;
}

static float dist_to_eye(const Scene *s, int i, const float eye[3]) {
    float d2 = 0.0f;
    for (int k = 0; k < 3; k++) {
        float d = s->items[i].center_mm[k] - eye[k];
        d2 += d * d;
    }
    return sqrtf(d2);
}

static void test_whole_body_in_view(void **state) {
    Ctx *c = *state;
    FrameDesc f;
    scene_build_frame(&c->scene, &c->cam, LAYER_MASK_ALL, W, H, &f);
    int visible = 0;
    for (int i = 0; i < c->scene.count; i++) {
        visible += scene_item_visible(&c->scene, i, LAYER_MASK_ALL);
    }
    assert_int_equal(f.item_count, visible);
}

static void test_out_of_view_is_culled(void **state) {
    Ctx *c = *state;
    Camera away = c->cam;
    /* look at a point 5 m to the side, from close by: nothing of the body is in view */
    away.target_mm[0] += 5000.0f;
    away.distance_mm = 400.0f;
    FrameDesc f;
    scene_build_frame(&c->scene, &away, LAYER_MASK_ALL, W, H, &f);
    assert_int_equal(f.item_count, 0);
}

static void test_order(void **state) {
    Ctx *c = *state;
    FrameDesc f;
    scene_build_frame(&c->scene, &c->cam, LAYER_MASK_ALL, W, H, &f);
    float last_opaque = -1.0f, last_translucent = INFINITY;
    bool seen_translucent = false;
    for (int k = 0; k < f.item_count; k++) {
        int i = index_of_mesh(&c->scene, f.items[k].mesh);
        assert_true(i >= 0);
        float d = dist_to_eye(&c->scene, i, f.eye_mm);
        if (f.items[k].color[3] >= 1.0f) {
            assert_false(seen_translucent); /* every opaque item before any translucent one */
            assert_true(d >= last_opaque);
            last_opaque = d;
        } else {
            seen_translucent = true;
            assert_true(d <= last_translucent);
            last_translucent = d;
        }
    }
    assert_true(seen_translucent); /* the stand-in skin */
}

static bool skin_vertex_lit(Ctx *c, float distance_mm) {
    Camera cam = c->cam;
    cam.distance_mm = distance_mm;
    FrameDesc f;
    scene_build_frame(&c->scene, &cam, LAYER_MASK_ALL, W, H, &f);
    for (int k = 0; k < f.item_count; k++) {
        if (index_of_mesh(&c->scene, f.items[k].mesh) == c->scene.skin_item) {
            return f.items[k].vertex_lighting;
        }
    }
    fail_msg("the skin is not in the frame at %.0f mm", (double)distance_mm);
    return false;
}

static void test_vertex_lighting_only_when_small(void **state) {
    Ctx *c = *state;
    assert_true(c->scene.skin_item >= 0);
    /* the stand-in skin has a few thousand triangles: large at the preset distance, a few
     * pixels each from 40 m */
    assert_false(skin_vertex_lit(c, c->cam.distance_mm));
    assert_true(skin_vertex_lit(c, 40000.0f));
    /* from inside its box, never */
    assert_false(skin_vertex_lit(c, 50.0f));
}

/* The mesh drawn for item i on a view h pixels tall (0 when not drawn). */
static uint32_t drawn_mesh(Ctx *c, int item, int h) {
    FrameDesc f;
    scene_build_frame(&c->scene, &c->cam, LAYER_MASK_ALL, h, h, &f);
    const SceneItem *it = &c->scene.items[item];
    for (int k = 0; k < f.item_count; k++) {
        if (f.items[k].mesh.id == it->mesh.id || f.items[k].mesh.id == it->far_mesh.id) {
            return f.items[k].mesh.id;
        }
    }
    return 0;
}

static void test_far_mesh_when_small(void **state) {
    Ctx *c = *state;
    int femur = scene_find(&c->scene, "femur_r");
    assert_true(femur >= 0);
    MeshBuf m = {0};
    const float head[3] = {-80.0f, 0.0f, 0.0f};
    assert_true(meshbuf_add_sphere(&m, head, 24.0f, 6, 8));
    assert_false(scene_add_far_mesh(&c->scene, c->gfx, c->scene.skin_item, &m));
    assert_true(scene_add_far_mesh(&c->scene, c->gfx, femur, &m));
    meshbuf_free(&m);
    const SceneItem *it = &c->scene.items[femur];
    assert_int_not_equal(it->far_mesh.id, 0);
    /* the whole body on a 4000-pixel screen: the femur's triangles are large, its own mesh */
    assert_int_equal(drawn_mesh(c, femur, 4000), it->mesh.id);
    /* on 100 pixels they are specks: the lighter mesh */
    assert_int_equal(drawn_mesh(c, femur, 100), it->far_mesh.id);
}

static void test_repeat_counts(void **state) {
    Ctx *c = *state;
    FrameDesc f;
    scene_build_frame(&c->scene, &c->cam, LAYER_MASK_ALL, W, H, &f);
    GfxStats a = gfx_get_stats(c->gfx);
    gfx_draw_frame(c->gfx, &f);
    GfxStats b = gfx_get_stats(c->gfx);
    gfx_set_repeat(c->gfx, 3);
    gfx_draw_frame(c->gfx, &f);
    GfxStats d = gfx_get_stats(c->gfx);
    gfx_set_repeat(c->gfx, 1);
    assert_int_equal(d.draw_calls - b.draw_calls, 3 * (b.draw_calls - a.draw_calls));
    assert_int_equal(d.triangles - b.triangles, 3 * (b.triangles - a.triangles));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_body_in_view),
        cmocka_unit_test(test_out_of_view_is_culled),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_vertex_lighting_only_when_small),
        cmocka_unit_test(test_repeat_counts),
        cmocka_unit_test(test_far_mesh_when_small),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
