#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/ids.h"

static void test_round_trip(void **state) {
    (void)state;
    for (int i = 0; i < VIEW_COUNT; i++) {
        ViewId v;
        assert_true(view_find(view_name((ViewId)i), &v));
        assert_int_equal(v, i);
    }
    for (int i = 0; i < LAYER_COUNT; i++) {
        LayerId l;
        assert_true(layer_find(layer_name((LayerId)i), &l));
        assert_int_equal(l, i);
    }
    DermMapId m;
    assert_true(derm_map_find("lee_2008", &m));
    assert_int_equal(m, DERM_MAP_DEFAULT);
    assert_false(derm_map_find("foerster", &m));
    ViewId v;
    assert_false(view_find("Posterior", &v));
}

static void test_layer_mask(void **state) {
    (void)state;
    unsigned mask = 0;
    char bad[32];
    assert_true(layer_mask_parse("bones,deep_muscles,nerves", &mask, bad, sizeof bad));
    assert_int_equal(mask, LAYER_BIT(LAYER_BONES) | LAYER_BIT(LAYER_DEEP_MUSCLES) |
                               LAYER_BIT(LAYER_NERVES));
    assert_false(layer_mask_parse("bones,,nerves", &mask, bad, sizeof bad));
    assert_false(layer_mask_parse("muscles", &mask, bad, sizeof bad));
    assert_string_equal(bad, "muscles");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_layer_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
