/* Handout: a PNG and a PDF of a page with known pictures; the PNG is read back and checked
 * where the layout puts the legend swatches (colour and pattern), the intensity ramp, the
 * pictures and the disclaimer; the PDF must be a PDF with its font embedded (real text). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/handout.h"
#include "core/fileio.h"
#include "referral/ref_assets.h"

static char g_dir[256];
static uint8_t g_front[300][200][4], g_back[300][200][4];

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/painmap-handout-XXXXXX");
    if (!mkdtemp(g_dir)) {
        return -1;
    }
    /* front: red on the left half, blue on the right; back: green */
    for (int y = 0; y < 300; y++) {
        for (int x = 0; x < 200; x++) {
            uint8_t *f = g_front[y][x], *b = g_back[y][x];
            f[0] = x < 100 ? 255 : 0;
            f[1] = 0;
            f[2] = x < 100 ? 0 : 255;
            f[3] = 255;
            b[0] = 0;
            b[1] = 200;
            b[2] = 0;
            b[3] = 255;
        }
    }
    return 0;
}

static int teardown(void **state) {
    (void)state;
    /* cairo and fontconfig keep font caches for the life of the process; release them so the
     * leak checker sees only our own allocations */
    cairo_debug_reset_static_data();
    FcFini();
    if (getenv("PAINMAP_KEEP_HANDOUT")) {
        printf("kept %s\n", g_dir);
        return 0;
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *const ZONES[] = {"Buttock, right: 18 cm²", "Back of the thigh, right: 9 cm²"};
static const HandoutSource SOURCES[] = {
    {"Piriformis (right)", "A deep hip muscle that can send an ache across the buttock.", true},
    {"SI joint (right)", "The joint between the sacrum and the pelvis.", true},
    {"Coccygeus (right)", "A small pelvic floor muscle; its pain sits lower.", false},
};
static const char *const CITES[] = {"Travell JG, Simons DG. Myofascial Pain and Dysfunction: "
                                    "The Trigger Point Manual. 1992."};
#define DISCLAIMER                                                                                 \
    "This app is for learning only. It does not tell you what is causing your pain, and it is "    \
    "not a diagnosis."

static HandoutDesc make_desc(PaperSize paper) {
    HandoutDesc d = {0};
    d.paper = paper;
    d.date = "23 November 2026";
    d.label = "drawing-2026-11-23-1432-K7Q";
    d.content_version = "0.1.0";
    d.disclaimer = DISCLAIMER;
    d.front = (HandoutImage){&g_front[0][0][0], 200, 300, 0};
    d.back = (HandoutImage){&g_back[0][0][0], 200, 300, 200 * 4};
    d.zones = ZONES;
    d.zone_count = 2;
    d.sources = SOURCES;
    d.source_count = 3;
    d.citations = CITES;
    d.citation_count = 1;
    d.note = "The drawing reaches both legs: please read the urgent signs.";
    return d;
}

typedef struct {
    cairo_surface_t *s;
    unsigned char *data;
    int w, h, stride;
} Png;

static Png png_open(const char *path) {
    Png p;
    p.s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(p.s), CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(p.s);
    p.data = cairo_image_surface_get_data(p.s);
    p.w = cairo_image_surface_get_width(p.s);
    p.h = cairo_image_surface_get_height(p.s);
    p.stride = cairo_image_surface_get_stride(p.s);
    return p;
}

static void px(const Png *p, int x, int y, int out_rgb[3]) {
    uint32_t v =
        *(const uint32_t *)(const void *)(p->data + (size_t)y * (size_t)p->stride + (size_t)x * 4);
    out_rgb[0] = (int)((v >> 16) & 255);
    out_rgb[1] = (int)((v >> 8) & 255);
    out_rgb[2] = (int)(v & 255);
}

static const char *find_bytes(const char *hay, size_t len, const char *needle, size_t n) {
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(hay + i, needle, n) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

static int count_pages(const char *path) {
    char *data = NULL, err[256];
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, sizeof err)) {
        fail_msg("%s", err);
    }
    int n = 0;
    for (const char *p = data; (p = find_bytes(p, len - (size_t)(p - data), "/Type /Page ", 12));
         p++) {
        n++;
    }
    free(data);
    return n;
}

static int to_px(double pt) {
    return (int)lround(pt * HANDOUT_PNG_DPI / 72.0);
}

static bool near(const int a[3], const int b[3], int tol) {
    return abs(a[0] - b[0]) <= tol && abs(a[1] - b[1]) <= tol && abs(a[2] - b[2]) <= tol;
}

static double luma(const int c[3]) {
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

static void test_png(void **state) {
    (void)state;
    HandoutDesc d = make_desc(PAPER_A4);
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/handout.png", g_dir);
    if (!handout_write(&d, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    Png p = png_open(path);
    assert_int_equal(p.w, 1240);
    assert_int_equal(p.h, 1755);
    HandoutLayout lo;
    handout_layout(&d, &lo);
    double ink_frac[PAIN_QUALITY_COUNT];
    for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
        float c[3];
        drawing_quality_color((PainQuality)q, c);
        int want[3] = {(int)lroundf(c[0] * 255), (int)lroundf(c[1] * 255),
                       (int)lroundf(c[2] * 255)};
        const double *r = lo.swatch[q];
        int x0 = to_px(r[0]) + 3, x1 = to_px(r[0] + r[2]) - 3;
        int y0 = to_px(r[1]) + 3, y1 = to_px(r[1] + r[3]) - 3;
        int ink = 0, pale = 0, n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int got[3];
                px(&p, x, y, got);
                ink += near(got, want, 40);
                pale += luma(got) > 200.0;
                n++;
            }
        }
        ink_frac[q] = (double)ink / n;
        DrawingPattern pat = drawing_quality_pattern((PainQuality)q);
        if (pat == DRAWING_PATTERN_SOLID ? ink_frac[q] < 0.95
                                         : (ink_frac[q] < 0.1 || (double)pale / n < 0.2)) {
            fail_msg("swatch %s: %.2f ink, %.2f pale", drawing_quality_id((PainQuality)q),
                     ink_frac[q], (double)pale / n);
        }
    }
    /* the intensity ramp darkens from 0 to 10 */
    const double *bar = lo.intensity_bar;
    int c0[3], c10[3];
    int by = to_px(bar[1] + bar[3] / 2);
    px(&p, to_px(bar[0] + 9.0), by, c0);
    px(&p, to_px(bar[0] + bar[2] - 9.0), by, c10);
    assert_true(luma(c0) > 190.0);
    assert_true(luma(c10) < 60.0);
    /* the front picture: red on its left, blue on its right; the back: green */
    int got[3], red[3] = {255, 0, 0}, blue[3] = {0, 0, 255}, green[3] = {0, 200, 0};
    int fy = to_px(lo.front[1] + lo.front[3] / 2);
    px(&p, to_px(lo.front[0] + lo.front[2] * 0.35), fy, got);
    assert_true(near(got, red, 8));
    px(&p, to_px(lo.front[0] + lo.front[2] * 0.65), fy, got);
    assert_true(near(got, blue, 8));
    px(&p, to_px(lo.back[0] + lo.back[2] / 2), to_px(lo.back[1] + lo.back[3] / 2), got);
    assert_true(near(got, green, 8));
    /* "your right" under the front picture's left corner and "your left" under its right:
     * dark text pixels just below each corner */
    int dark_left = 0, dark_right = 0;
    for (int y = to_px(lo.front[1] + lo.front[3] + 4); y < to_px(lo.front[1] + lo.front[3] + 15);
         y++) {
        for (int x = to_px(lo.front[0]); x < to_px(lo.front[0] + 50); x++) {
            px(&p, x, y, got);
            dark_left += luma(got) < 100.0;
        }
        for (int x = to_px(lo.front[0] + lo.front[2] - 50); x < to_px(lo.front[0] + lo.front[2]);
             x++) {
            px(&p, x, y, got);
            dark_right += luma(got) < 100.0;
        }
    }
    assert_true(dark_left > 20 && dark_right > 20);
    /* the disclaimer is written in the footer */
    int dark = 0;
    for (int y = to_px(lo.footer[1]); y < to_px(lo.footer[1] + lo.footer[3]); y++) {
        for (int x = to_px(lo.footer[0]); x < to_px(lo.footer[0] + lo.footer[2]); x++) {
            px(&p, x, y, got);
            dark += luma(got) < 100.0;
        }
    }
    assert_true(dark > 500);
    assert_true(lo.footer[1] + lo.footer[3] <= lo.page_h - 39.0);
    cairo_surface_destroy(p.s);
}

static void test_pdf(void **state) {
    (void)state;
    for (int paper = 0; paper < 2; paper++) {
        HandoutDesc d = make_desc(paper ? PAPER_LETTER : PAPER_A4);
        char path[300], err[512];
        snprintf(path, sizeof path, "%s/handout-%d.pdf", g_dir, paper);
        if (!handout_write(&d, path, err, sizeof err)) {
            fail_msg("%s", err);
        }
        char *data = NULL;
        size_t len = 0;
        assert_true(file_read_all(path, &data, &len, err, sizeof err));
        assert_true(len > 2000);
        assert_memory_equal(data, "%PDF-", 5);
        /* text is real text: the font is embedded (a subset of DejaVu Sans), with a page of
         * the right size */
        assert_non_null(find_bytes(data, len, "DejaVuSans", 10));
        assert_non_null(find_bytes(data, len, "/FontFile", 9));
        const char *box = paper ? "/MediaBox [ 0 0 612 792 ]" : "/MediaBox [ 0 0 595 842 ]";
        if (!find_bytes(data, len, box, strlen(box))) {
            fail_msg("no %s in the PDF", box);
        }
        free(data);
        assert_int_equal(count_pages(path), 1);
        char tmp[320];
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        assert_false(file_is_regular(tmp));
    }
    /* Letter as a PNG has Letter's size */
    HandoutDesc d = make_desc(PAPER_LETTER);
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/letter.png", g_dir);
    assert_true(handout_write(&d, path, err, sizeof err));
    Png p = png_open(path);
    assert_int_equal(p.w, 1275);
    assert_int_equal(p.h, 1650);
    cairo_surface_destroy(p.s);
}

static void test_errors(void **state) {
    (void)state;
    HandoutDesc d = make_desc(PAPER_A4);
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/handout.svg", g_dir);
    assert_false(handout_write(&d, path, err, sizeof err));
    assert_non_null(strstr(err, "handout.svg: the handout is written as .pdf or .png"));
    snprintf(path, sizeof path, "%s/no/such/dir/h.png", g_dir);
    assert_false(handout_write(&d, path, err, sizeof err));
    assert_non_null(strstr(err, "h.png: "));
    /* no pictures, no lists, a very long disclaimer: still a page, the footer still fits */
    HandoutDesc bare = {0};
    static char longtext[6000];
    for (size_t i = 0; i + 5 < sizeof longtext; i += 5) {
        memcpy(longtext + i, "word ", 5);
    }
    bare.disclaimer = longtext;
    snprintf(path, sizeof path, "%s/bare.png", g_dir);
    assert_true(handout_write(&bare, path, err, sizeof err));
    HandoutLayout lo;
    handout_layout(&bare, &lo);
    assert_true(lo.footer[1] > 0.0);
}

/* A drawing over the right buttock and both calves, with its summary, into words and a page */
static void test_from_drawing(void **state) {
    (void)state;
    RefAssets g;
    ContentDiag diag = {0};
    const char *assets = getenv("PAINMAP_ASSETS_DIR");
    assert_non_null(assets);
    assert_true(ref_assets_load(assets, "en", NULL, 0, &g, &diag));
    content_diag_free(&diag);
    DrawingDoc doc;
    drawing_doc_init(&doc);
    drawing_doc_create(&doc, (time_t)1795443125, g.content.meta.content_version);
    const char *at[] = {"skin_buttock_apex_r", "skin_calf_upper_r", "skin_calf_upper_l"};
    float skin[3 * 21 * 21 * 3];
    uint32_t n = 0;
    for (int k = 0; k < 3; k++) {
        const Landmark *l = landmarks_find(&g.landmarks, at[k]);
        assert_non_null(l);
        drawing_stroke_begin(&doc.drawing, DRAWING_TOOL_PAINT, (PainQuality)k, 4 + 2 * k, 20.0f);
        drawing_stroke_add(&doc.drawing, l->pos_mm);
        drawing_stroke_end(&doc.drawing);
        for (int j = 0; j < 21; j++) {
            for (int i = 0; i < 21; i++) {
                skin[n * 3 + 0] = l->pos_mm[0] - 50.0f + (float)i * 5.0f;
                skin[n * 3 + 1] = l->pos_mm[1] - 50.0f + (float)j * 5.0f;
                skin[n * 3 + 2] = l->pos_mm[2];
                n++;
            }
        }
    }
    float *area = malloc(n * sizeof *area);
    for (uint32_t i = 0; i < n; i++) {
        area[i] = 25.0f;
    }
    DrawingSummary sum;
    int map = ref_map_find(&g.engine, "keegan_garrett");
    assert_true(drawing_summarize(&doc.drawing, &g.engine, map, skin, n, 3, area, &sum));
    assert_true(drawing_doc_set_summary(&doc, &sum, &g.content, "keegan_garrett"));
    drawing_summary_free(&sum);
    free(area);
    assert_true(doc.both_legs);

    HandoutText t;
    assert_true(handout_text_build(&doc, &g.content, &t));
    assert_int_equal(t.zone_count, doc.zone_count + (doc.dermatome_count > 0));
    assert_true(t.zone_count > 0);
    assert_non_null(strstr(t.zones[0], " cm²"));
    assert_int_equal(t.source_count, doc.source_count);
    assert_true(t.source_count > 0);
    for (int i = 0; i < t.source_count; i++) {
        assert_true(strlen(t.sources[i].explanation) > 10);
        assert_null(strstr(t.sources[i].explanation, ". ")); /* one sentence */
    }
    assert_true(t.citation_count > 0);
    assert_non_null(t.note); /* both legs */
    assert_string_equal(t.date, "2026-11-23");
    HandoutDesc d = {0};
    handout_desc_fill(&d, &t, &doc, &g.content);
    d.front = (HandoutImage){&g_front[0][0][0], 200, 300, 0};
    d.back = (HandoutImage){&g_back[0][0][0], 200, 300, 0};
    assert_string_equal(d.disclaimer, g.content.meta.disclaimer);
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/from-drawing.png", g_dir);
    if (!handout_write(&d, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    snprintf(path, sizeof path, "%s/from-drawing.pdf", g_dir);
    if (!handout_write(&d, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    /* every source is listed: the PDF goes on to a second page */
    assert_true(t.source_count > 10);
    assert_true(count_pages(path) >= 2);
    handout_text_free(&t);
    drawing_doc_free(&doc);
    ref_assets_free(&g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_from_drawing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
