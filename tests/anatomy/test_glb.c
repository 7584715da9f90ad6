/* glb reader and body loader: a small valid file, then damaged copies of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/body.h"
#include "anatomy/glb.h"

/* One triangle per scene: positions, normals, a custom attribute and indices. */
static const char *const k_json_template =
    "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,"
    "\"scenes\":[{\"name\":\"full\",\"nodes\":[0]},{\"name\":\"tablet\",\"nodes\":[1]}],"
    "\"nodes\":[{\"name\":\"piriformis_r\",\"mesh\":0,\"extras\":{\"kind\":\"muscle\","
    "\"side\":\"right\",\"layer\":\"deep_muscles\",\"name\":\"Piriformis\",\"fma_id\":"
    "\"FMA:19082\",\"lod\":\"full\"}},"
    "{\"name\":\"piriformis_r\",\"mesh\":1,\"extras\":{\"kind\":\"muscle\",\"side\":\"right\","
    "\"layer\":\"deep_muscles\",\"name\":\"Piriformis\",\"lod\":\"tablet\"}}],"
    "\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0,\"NORMAL\":1,\"_DERM_LEE\":2},"
    "\"indices\":3,\"mode\":4}]},"
    "{\"primitives\":[{\"attributes\":{\"POSITION\":0,\"NORMAL\":1},\"indices\":3}]}],"
    "\"accessors\":["
    "{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"},"
    "{\"bufferView\":1,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"},"
    "{\"bufferView\":2,\"componentType\":5126,\"count\":3,\"type\":\"SCALAR\"},"
    "{\"bufferView\":3,\"componentType\":COMPTYPE,\"count\":3,\"type\":\"SCALAR\"}],"
    "\"bufferViews\":["
    "{\"buffer\":0,\"byteOffset\":0,\"byteLength\":36},"
    "{\"buffer\":0,\"byteOffset\":36,\"byteLength\":36},"
    "{\"buffer\":0,\"byteOffset\":72,\"byteLength\":12},"
    "{\"buffer\":0,\"byteOffset\":84,\"byteLength\":12}],"
    "\"buffers\":[{\"byteLength\":96}]}";

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Builds a glb from JSON text (with an optional substitution) and the fixed BIN chunk. */
static unsigned char *make_glb(const char *from, const char *to, size_t *out_len) {
    char json[4096];
    const char *tpl = k_json_template;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", tpl);
    char *c = strstr(tmp, "COMPTYPE");
    assert_non_null(c);
    snprintf(json, sizeof json, "%.*s5125%s", (int)(c - tmp), tmp, c + 8);
    if (from) {
        char *hit = strstr(json, from);
        assert_non_null(hit);
        char rebuilt[4096];
        snprintf(rebuilt, sizeof rebuilt, "%.*s%s%s", (int)(hit - json), json, to,
                 hit + strlen(from));
        snprintf(json, sizeof json, "%s", rebuilt);
    }
    size_t jl = strlen(json), jp = (jl + 3) & ~(size_t)3;
    float bin_f[24] = {0, 0, 0, 1, 0, 0, 0, 1, 0, /* positions */
                       0, 0, 1, 0, 0, 1, 0, 0, 1, /* normals */
                       3, 4, 5};                  /* _DERM_LEE */
    uint32_t idx[3] = {0, 1, 2};
    size_t total = 12 + 8 + jp + 8 + 96;
    unsigned char *g = calloc(1, total);
    put32(g, 0x46546C67u);
    put32(g + 4, 2);
    put32(g + 8, (uint32_t)total);
    put32(g + 12, (uint32_t)jp);
    put32(g + 16, 0x4E4F534Au);
    memcpy(g + 20, json, jl);
    memset(g + 20 + jl, ' ', jp - jl);
    put32(g + 20 + jp, 96);
    put32(g + 24 + jp, 0x004E4942u);
    memcpy(g + 28 + jp, bin_f, 84);
    memcpy(g + 28 + jp + 84, idx, 12);
    *out_len = total;
    return g;
}

static void test_valid_file_loads(void **state) {
    (void)state;
    size_t len;
    unsigned char *g = make_glb(NULL, NULL, &len);
    Body body;
    char err[256] = "";
    bool ok = body_load_glb(g, len, "t.glb", &body, err, sizeof err);
    if (!ok) {
        print_error("%s\n", err);
    }
    assert_true(ok);
    assert_int_equal(body.count, 1);
    int i = body_find(&body, "piriformis_r");
    assert_int_equal(i, 0);
    assert_int_equal(body_find(&body, "piriformis_l"), -1);
    const BodyStructure *s = &body.items[0];
    assert_string_equal(s->kind, "muscle");
    assert_string_equal(s->side, "right");
    assert_string_equal(s->layer, "deep_muscles");
    assert_string_equal(s->name, "Piriformis");
    assert_string_equal(s->fma_id, "FMA:19082");
    const BodyMesh *m = &s->lod[BODY_LOD_FULL];
    assert_int_equal(m->vcount, 3);
    assert_int_equal(m->icount, 3);
    assert_float_equal(m->pos[3], 1.0f, 0);
    assert_float_equal(m->bmax[1], 1.0f, 0);
    const float *lee = body_mesh_attr(m, "_DERM_LEE");
    assert_non_null(lee);
    assert_float_equal(lee[2], 5.0f, 0);
    assert_null(body_mesh_attr(m, "_DERM_KG"));
    assert_int_equal(s->lod[BODY_LOD_TABLET].vcount, 3);
    body_free(&body);
    assert_int_equal(body.count, 0);
    free(g);
}

static void expect_fail(const unsigned char *g, size_t len, const char *want) {
    Body body;
    char err[512] = "";
    bool ok = body_load_glb(g, len, "t.glb", &body, err, sizeof err);
    if (ok || (want && !strstr(err, want)) || strncmp(err, "t.glb", 5) != 0) {
        print_error("want failure containing \"%s\", got ok=%d err=\"%s\"\n", want ? want : "", ok,
                    err);
        fail();
    }
    assert_int_equal(body.count, 0);
    assert_null(body.items);
}

static void test_truncated_everywhere(void **state) {
    (void)state;
    size_t len;
    unsigned char *g = make_glb(NULL, NULL, &len);
    for (size_t n = 0; n < len; n++) {
        /* a copy of exactly n bytes, so ASan sees any read past the end */
        unsigned char *cut = malloc(n ? n : 1);
        memcpy(cut, g, n);
        expect_fail(cut, n, NULL);
        free(cut);
    }
    free(g);
}

static void test_bad_header(void **state) {
    (void)state;
    size_t len;
    unsigned char *g = make_glb(NULL, NULL, &len);
    g[0] = 'x';
    expect_fail(g, len, "bad magic");
    g[0] = 'g';
    put32(g + 4, 1);
    expect_fail(g, len, "version 1");
    put32(g + 4, 2);
    put32(g + 8, (uint32_t)len + 4);
    expect_fail(g, len, "header length");
    put32(g + 8, (uint32_t)len);
    put32(g + 12, 0xfffffff0u);
    expect_fail(g, len, "JSON chunk length");
    free(g);
    expect_fail(NULL, 0, "too short");
}

static void test_bit_flips_never_crash(void **state) {
    (void)state;
    size_t len;
    unsigned char *g = make_glb(NULL, NULL, &len);
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            unsigned char *d = malloc(len);
            memcpy(d, g, len);
            d[i] ^= (unsigned char)(1u << bit);
            Body body;
            char err[512] = "";
            if (body_load_glb(d, len, "t.glb", &body, err, sizeof err)) {
                /* a harmless flip (e.g. inside a name or a float): still consistent */
                for (int s = 0; s < body.count; s++) {
                    const BodyMesh *m = &body.items[s].lod[0];
                    for (uint32_t k = 0; k < m->icount; k++) {
                        assert_true(m->idx[k] < m->vcount);
                    }
                }
                body_free(&body);
            } else {
                assert_true(strncmp(err, "t.glb: ", 7) == 0);
            }
            free(d);
        }
    }
    free(g);
}

static void test_bad_json_values(void **state) {
    (void)state;
    static const struct {
        const char *from, *to, *want;
    } cases[] = {
        {"\"byteOffset\":84,\"byteLength\":12", "\"byteOffset\":4294967200,\"byteLength\":12",
         "outside"},
        {"\"byteOffset\":84,\"byteLength\":12", "\"byteOffset\":88,\"byteLength\":12", "outside"},
        {"\"count\":3,\"type\":\"SCALAR\"}]", "\"count\":99999999999,\"type\":\"SCALAR\"}]",
         "count"},
        {"\"count\":3,\"type\":\"SCALAR\"}]", "\"count\":4,\"type\":\"SCALAR\"}]", "need"},
        {"\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"},{",
         "\"componentType\":5126,\"count\":2,\"type\":\"VEC3\"},{", "normals"},
        {"\"byteLength\":96}", "\"byteLength\":1000}", "exceeds the BIN chunk"},
        {"\"POSITION\":0,\"NORMAL\":1,\"_DERM_LEE\":2", "\"POSITION\":7,\"NORMAL\":1",
         "accessor 7"},
        {"\"indices\":3,\"mode\":4", "\"indices\":3,\"mode\":1", "mode 4"},
        {"\"name\":\"piriformis_r\",\"mesh\":0", "\"mesh\":0", "name"},
        {"\"mesh\":0,", "\"mesh\":5,", "mesh"},
        {"\"nodes\":[0]}", "\"nodes\":[9]}", "out of range"},
        {"\"kind\":\"muscle\",\"side\":\"right\",\"layer\":\"deep_muscles\",\"name\":"
         "\"Piriformis\",\"fma_id\"",
         "\"side\":\"right\",\"layer\":\"deep_muscles\",\"name\":\"Piriformis\",\"fma_id\"",
         "extras"},
        {"\"byteLength\":36}", "\"byteLength\":36,\"byteStride\":24}", "interleaved"},
        {"{\"asset\"", "[{\"asset\"", "JSON"},
        {"\"type\":\"VEC3\"},{\"bufferView\":1", "\"type\":\"VEC2\"},{\"bufferView\":1",
         "type is not VEC3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        unsigned char *g = make_glb(cases[i].from, cases[i].to, &len);
        Body body;
        char err[512] = "";
        bool ok = body_load_glb(g, len, "t.glb", &body, err, sizeof err);
        if (ok || !strstr(err, cases[i].want)) {
            print_error("case %zu: want \"%s\", got ok=%d err=\"%s\"\n", i, cases[i].want, ok, err);
            fail();
        }
        free(g);
    }
}

static void test_index_out_of_range(void **state) {
    (void)state;
    size_t len;
    unsigned char *g = make_glb(NULL, NULL, &len);
    /* last index (at the very end of the file) -> 3 with only 3 vertices */
    put32(g + len - 4, 3);
    expect_fail(g, len, "out of range");
    put32(g + len - 4, 0xffffffffu);
    expect_fail(g, len, "out of range");
    free(g);
}

static void test_nan_position_rejected(void **state) {
    (void)state;
    size_t len;
    unsigned char *g = make_glb(NULL, NULL, &len);
    /* first position float lies 96 bytes before the end */
    put32(g + len - 96, 0x7fc00000u);
    expect_fail(g, len, "not finite");
    free(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_file_loads),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_bad_header),
        cmocka_unit_test(test_bit_flips_never_crash),
        cmocka_unit_test(test_bad_json_values),
        cmocka_unit_test(test_index_out_of_range),
        cmocka_unit_test(test_nan_position_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
