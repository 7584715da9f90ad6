#include "app/handout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

#define FONT         "DejaVu Sans"
#define MARGIN       40.0
#define GAP          16.0
#define ROW          18.0
#define SWATCH_W     26.0
#define SWATCH_H     13.0
#define CELL_W       18.0
#define FOOT_SIZE    7.5
#define FOOT_LINE    9.5
#define SWATCH_PX_PT 8.0 /* swatch images: pixels per point (crisp in print) */
#define PATTERN_PT   6.0 /* pattern repeat on paper, in points */

static const double INK[3] = {0.10, 0.10, 0.12};

static const char *word(const char *w, const char *fallback) {
    return w && w[0] ? w : fallback;
}

void handout_page_size_pt(PaperSize paper, double *out_w, double *out_h) {
    *out_w = paper == PAPER_LETTER ? 612.0 : 595.0;
    *out_h = paper == PAPER_LETTER ? 792.0 : 842.0;
}

static void font(cairo_t *cr, double size, bool bold) {
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Splits text into lines no wider than w (at spaces; a longer word gets a line of its own).
 * Calls draw(line, i, ctx) for each; returns the number of lines. */
typedef void (*LineFn)(cairo_t *cr, const char *line, int i, void *ctx);

static int wrap(cairo_t *cr, const char *text, double w, LineFn fn, void *ctx) {
    if (!text || !text[0]) {
        return 0;
    }
    size_t n = strlen(text);
    char *line = malloc(n + 1);
    if (!line) {
        return 0;
    }
    int count = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ') {
            p++;
        }
        if (!*p) {
            break;
        }
        size_t len = 0, best = 0;
        const char *q = p;
        for (;;) {
            const char *sp = strchr(q, ' ');
            size_t end = sp ? (size_t)(sp - p) : strlen(p);
            memcpy(line, p, end);
            line[end] = '\0';
            if (best > 0 && text_w(cr, line) > w) {
                break;
            }
            best = end;
            if (!sp) {
                break;
            }
            q = sp + 1;
        }
        len = best;
        memcpy(line, p, len);
        line[len] = '\0';
        if (fn) {
            fn(cr, line, count, ctx);
        }
        count++;
        p += len;
    }
    free(line);
    return count;
}

/* Text flowing down the page. At the bottom a PDF starts a new page (break_page set); a
 * PNG stops with a line saying that more is in the PDF. dry only measures. */
typedef struct Flow Flow;
struct Flow {
    double x, y, w, top, bottom, line_h;
    bool full, dry;
    const char *more; /* the last line when the page is full */
    void (*break_page)(Flow *f);
    void *page; /* for break_page */
};

static void flow_line(cairo_t *cr, const char *line, int i, void *ctx) {
    (void)i;
    Flow *f = ctx;
    if (f->full) {
        return;
    }
    if (f->y + f->line_h > f->bottom) {
        if (f->break_page && !f->dry) {
            f->break_page(f);
            f->y = f->top;
        } else {
            /* room for this line was kept free under bottom */
            f->full = true;
            if (!f->dry) {
                cairo_save(cr);
                font(cr, 8, true);
                cairo_move_to(cr, f->x, f->y + 10.0);
                cairo_show_text(cr, f->more ? f->more : "…");
                cairo_restore(cr);
            }
            return;
        }
    }
    f->y += f->line_h;
    if (!f->dry) {
        cairo_move_to(cr, f->x, f->y);
        cairo_show_text(cr, line);
    }
}

static void flow_text(cairo_t *cr, Flow *f, const char *text, double size, bool bold,
                      double indent) {
    font(cr, size, bold);
    double x = f->x, w = f->w;
    f->x += indent;
    f->w -= indent;
    f->line_h = size * 1.3;
    wrap(cr, text, f->w, flow_line, f);
    /* break_page may have changed the font; the caller sets it again per call */
    f->x = x;
    f->w = w;
}

/* The body text under the legend: the note, the zones, the sources and the citations. */
static void flow_body(cairo_t *cr, const HandoutDesc *d, Flow *f) {
    if (d->note && d->note[0]) {
        flow_text(cr, f, d->note, 10, true, 0);
        f->y += 4.0;
    }
    if (d->zone_count > 0) {
        flow_text(cr, f, word(d->word_where, "Where the pain is"), 11, true, 0);
        size_t len = 1;
        for (int i = 0; i < d->zone_count; i++) {
            len += strlen(d->zones[i]) + 2;
        }
        char *joined = calloc(len, 1);
        for (int i = 0; joined && i < d->zone_count; i++) {
            if (i) {
                strcat(joined, "; ");
            }
            strcat(joined, d->zones[i]);
        }
        flow_text(cr, f, joined, 9, false, 0);
        free(joined);
        f->y += 6.0;
    }
    if (d->source_count > 0 && !f->full) {
        flow_text(cr, f, word(d->word_sources, "What is known to send pain there"), 11, true, 0);
        for (int i = 0; i < d->source_count && !f->full; i++) {
            const HandoutSource *src = &d->sources[i];
            char head[256];
            snprintf(head, sizeof head, "• %s: %s", src->name ? src->name : "",
                     src->primary ? word(d->word_main, "a main area")
                                  : word(d->word_sometimes, "sometimes"));
            flow_text(cr, f, head, 9, true, 0);
            flow_text(cr, f, src->explanation, 8.5, false, 10.0);
        }
        f->y += 6.0;
    }
    if (d->citation_count > 0 && !f->full) {
        flow_text(cr, f, word(d->word_citations, "Sources of these maps"), 9, true, 0);
        for (int i = 0; i < d->citation_count && !f->full; i++) {
            flow_text(cr, f, d->citations[i], 7.5, false, 0);
        }
    }
}

/* ---- layout ---- */

static int footer_lines(cairo_t *cr, const HandoutDesc *d, double w) {
    font(cr, FOOT_SIZE, false);
    return 1 + wrap(cr, d->disclaimer, w, NULL, NULL);
}

/* The fixed parts for a picture height bh; returns where the body text starts. */
static double place(const HandoutDesc *d, double bh, HandoutLayout *o) {
    double cw = o->page_w - 2 * MARGIN;
    double bw = (cw - GAP) / 2.0, top = MARGIN + 72.0;
    double f[4] = {MARGIN, top, bw, bh}, b[4] = {MARGIN + bw + GAP, top, bw, bh};
    memcpy(o->front, f, sizeof f);
    memcpy(o->back, b, sizeof b);
    double legend_base = top + bh + 36.0;
    for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
        double r[4] = {MARGIN, legend_base + 8.0 + q * ROW, SWATCH_W, SWATCH_H};
        memcpy(o->swatch[q], r, sizeof r);
    }
    double bar[4] = {MARGIN + cw / 2.0, legend_base + 8.0 + ROW, CELL_W * 11, SWATCH_H};
    memcpy(o->intensity_bar, bar, sizeof bar);
    (void)d;
    return o->swatch[PAIN_QUALITY_COUNT - 1][1] + ROW + 6.0;
}

/* Pictures are as tall as 40% of the page, shrinking (to 26% at least) when the text needs
 * the room. */
static double layout_with(cairo_t *cr, const HandoutDesc *d, HandoutLayout *o) {
    memset(o, 0, sizeof *o);
    handout_page_size_pt(d->paper, &o->page_w, &o->page_h);
    double cw = o->page_w - 2 * MARGIN;
    int lines = footer_lines(cr, d, cw);
    double fh = lines * FOOT_LINE + 4.0;
    double foot[4] = {MARGIN, o->page_h - MARGIN - fh, cw, fh};
    memcpy(o->footer, foot, sizeof foot);
    double bh = floor(o->page_h * 0.40), bh_min = floor(o->page_h * 0.26);
    double text_top = place(d, bh, o);
    Flow f = {MARGIN, text_top, cw, text_top, 1e9, 0, false, true, NULL, NULL, NULL};
    flow_body(cr, d, &f);
    double room = o->footer[1] - 18.0 - text_top, need = f.y - text_top;
    if (need > room) {
        bh = fmax(bh_min, bh - (need - room));
        text_top = place(d, bh, o);
    }
    return text_top;
}

void handout_layout(const HandoutDesc *desc, HandoutLayout *out) {
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    layout_with(cr, desc, out);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* ---- pictures ---- */

/* The caller's RGBA as a cairo image (premultiplied ARGB32), or NULL. */
static cairo_surface_t *image_surface(const HandoutImage *img) {
    if (!img->rgba || img->width <= 0 || img->height <= 0) {
        return NULL;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img->width, img->height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_surface_flush(s);
    unsigned char *dst = cairo_image_surface_get_data(s);
    int dstride = cairo_image_surface_get_stride(s);
    int sstride = img->stride_bytes > 0 ? img->stride_bytes : img->width * 4;
    for (int y = 0; y < img->height; y++) {
        const uint8_t *src = img->rgba + (size_t)y * (size_t)sstride;
        uint32_t *row = (uint32_t *)(void *)(dst + (size_t)y * (size_t)dstride);
        for (int x = 0; x < img->width; x++) {
            uint32_t a = src[x * 4 + 3];
            uint32_t r = (src[x * 4 + 0] * a + 127) / 255;
            uint32_t g = (src[x * 4 + 1] * a + 127) / 255;
            uint32_t b = (src[x * 4 + 2] * a + 127) / 255;
            row[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

static void draw_picture(cairo_t *cr, const HandoutImage *img, const double box[4],
                         const char *caption, const char *left_word, const char *right_word) {
    cairo_set_source_rgb(cr, 0.95, 0.95, 0.96);
    cairo_rectangle(cr, box[0], box[1], box[2], box[3]);
    cairo_fill(cr);
    cairo_surface_t *s = image_surface(img);
    if (s) {
        double sc = fmin(box[2] / img->width, box[3] / img->height);
        double w = img->width * sc, h = img->height * sc;
        cairo_save(cr);
        cairo_rectangle(cr, box[0], box[1], box[2], box[3]);
        cairo_clip(cr);
        cairo_translate(cr, box[0] + (box[2] - w) / 2.0, box[1] + (box[3] - h) / 2.0);
        cairo_scale(cr, sc, sc);
        cairo_set_source_surface(cr, s, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BEST);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(s);
    }
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.62);
    cairo_set_line_width(cr, 0.75);
    cairo_rectangle(cr, box[0], box[1], box[2], box[3]);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    font(cr, 10, true);
    cairo_move_to(cr, box[0], box[1] - 8.0);
    cairo_show_text(cr, caption);
    /* which side is which, under the picture, with arrows pointing outwards */
    char l[128], r[128];
    snprintf(l, sizeof l, "← %s", left_word);
    snprintf(r, sizeof r, "%s →", right_word);
    font(cr, 9, true);
    double y = box[1] + box[3] + 13.0;
    cairo_move_to(cr, box[0], y);
    cairo_show_text(cr, l);
    cairo_move_to(cr, box[0] + box[2] - text_w(cr, r), y);
    cairo_show_text(cr, r);
}

/* A swatch of a quality: its colour where the pattern inks, a pale tint of it elsewhere, so
 * it reads in greyscale by its pattern. */
static void draw_swatch(cairo_t *cr, PainQuality q, const double r[4]) {
    int w = (int)(r[2] * SWATCH_PX_PT), h = (int)(r[3] * SWATCH_PX_PT);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
        cairo_surface_flush(s);
        unsigned char *data = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        float c[3];
        drawing_quality_color(q, c);
        DrawingPattern pat = drawing_quality_pattern(q);
        uint32_t ink = 0, pale = 0;
        for (int k = 0; k < 3; k++) {
            uint32_t vi = (uint32_t)lroundf(c[k] * 255.0f);
            uint32_t vp = (uint32_t)lroundf((1.0f - 0.15f * (1.0f - c[k])) * 255.0f);
            ink |= vi << (16 - 8 * k);
            pale |= vp << (16 - 8 * k);
        }
        float period = (float)(PATTERN_PT * SWATCH_PX_PT);
        for (int y = 0; y < h; y++) {
            uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
            for (int x = 0; x < w; x++) {
                row[x] =
                    drawing_pattern_ink(pat, (float)x + 0.5f, (float)y + 0.5f, period) ? ink : pale;
            }
        }
        cairo_surface_mark_dirty(s);
        cairo_save(cr);
        cairo_translate(cr, r[0], r[1]);
        cairo_scale(cr, 1.0 / SWATCH_PX_PT, 1.0 / SWATCH_PX_PT);
        cairo_set_source_surface(cr, s, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
        cairo_paint(cr);
        cairo_restore(cr);
    }
    cairo_surface_destroy(s);
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, r[0], r[1], r[2], r[3]);
    cairo_stroke(cr);
}

static void draw_legend(cairo_t *cr, const HandoutDesc *d, const HandoutLayout *o) {
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    font(cr, 11, true);
    cairo_move_to(cr, MARGIN, o->swatch[0][1] - 8.0);
    cairo_show_text(cr, word(d->word_legend, "Legend"));
    for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
        const double *r = o->swatch[q];
        draw_swatch(cr, (PainQuality)q, r);
        font(cr, 9, false);
        cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
        cairo_move_to(cr, r[0] + r[2] + 8.0, r[1] + 10.0);
        cairo_show_text(cr, word(d->quality_names[q], drawing_quality_name((PainQuality)q)));
    }
    /* intensity: the same ink at the opacity the drawing gives each value */
    const double *bar = o->intensity_bar;
    font(cr, 9, true);
    cairo_move_to(cr, bar[0], bar[1] - 6.0);
    cairo_show_text(cr, word(d->word_intensity, "Intensity (0 = none, 10 = worst)"));
    for (int i = 0; i <= DRAWING_INTENSITY_MAX; i++) {
        cairo_set_source_rgba(cr, INK[0], INK[1], INK[2], drawing_intensity_opacity(i));
        cairo_rectangle(cr, bar[0] + i * CELL_W, bar[1], CELL_W, bar[3]);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, bar[0], bar[1], bar[2], bar[3]);
    cairo_stroke(cr);
    font(cr, 8, false);
    for (int i = 0; i <= DRAWING_INTENSITY_MAX; i += 5) {
        char num[8];
        snprintf(num, sizeof num, "%d", i);
        cairo_move_to(cr, bar[0] + (i + 0.5) * CELL_W - text_w(cr, num) / 2.0,
                      bar[1] + bar[3] + 10.0);
        cairo_show_text(cr, num);
    }
}

static void draw_footer(cairo_t *cr, const HandoutDesc *d, const HandoutLayout *o) {
    Flow foot = {MARGIN, o->footer[1], o->footer[2], o->footer[1], o->page_h, FOOT_LINE,
                 false,  false,        NULL,         NULL,         NULL};
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    char ver[160];
    snprintf(ver, sizeof ver, "%s %s", word(d->word_content_version, "painmap content"),
             d->content_version ? d->content_version : "?");
    font(cr, FOOT_SIZE, true);
    flow_line(cr, ver, 0, &foot);
    font(cr, FOOT_SIZE, false);
    wrap(cr, d->disclaimer, o->footer[2], flow_line, &foot);
}

typedef struct {
    cairo_t *cr;
    const HandoutDesc *d;
    const HandoutLayout *o;
} PageCtx;

/* A PDF continues on a new page with the footer again; the font is kept. */
static void next_page(Flow *f) {
    PageCtx *pc = f->page;
    cairo_t *cr = pc->cr;
    cairo_font_face_t *face = cairo_get_font_face(cr);
    cairo_font_face_reference(face);
    cairo_matrix_t m;
    cairo_get_font_matrix(cr, &m);
    cairo_show_page(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    draw_footer(cr, pc->d, pc->o);
    cairo_set_font_face(cr, face);
    cairo_set_font_matrix(cr, &m);
    cairo_font_face_destroy(face);
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
}

static void draw_page(cairo_t *cr, const HandoutDesc *d, bool can_break) {
    HandoutLayout o;
    double text_top = layout_with(cr, d, &o);
    double cw = o.page_w - 2 * MARGIN;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    font(cr, 20, true);
    cairo_move_to(cr, MARGIN, MARGIN + 18.0);
    cairo_show_text(cr, word(d->title, "Pain drawing"));
    char sub[512];
    snprintf(sub, sizeof sub, "%s%s%s", d->date ? d->date : "", d->date && d->label ? "  ·  " : "",
             d->label ? d->label : "");
    font(cr, 10, false);
    cairo_move_to(cr, MARGIN, MARGIN + 38.0);
    cairo_show_text(cr, sub);
    const char *your_left = word(d->word_your_left, "your left");
    const char *your_right = word(d->word_your_right, "your right");
    draw_picture(cr, &d->front, o.front, word(d->word_front, "Front"), your_right, your_left);
    draw_picture(cr, &d->back, o.back, word(d->word_back, "Back"), your_left, your_right);
    draw_legend(cr, d, &o);
    draw_footer(cr, d, &o);

    PageCtx pc = {cr, d, &o};
    /* a full PNG keeps one line free for the note that the rest is in the PDF */
    Flow f = {MARGIN,
              text_top,
              cw,
              MARGIN,
              o.footer[1] - (can_break ? 6.0 : 18.0),
              0,
              false,
              false,
              word(d->word_more, "More in the PDF handout and in painmap."),
              can_break ? next_page : NULL,
              &pc};
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    flow_body(cr, d, &f);
}

/* ---- words from the content ---- */

static char *dup_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    char *out = malloc((size_t)n + 1);
    if (out) {
        va_start(ap, fmt);
        vsnprintf(out, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return out;
}

/* The first sentence of text (up to and including the first ". "), malloc'd. */
static char *first_sentence(const char *text) {
    if (!text) {
        return dup_printf("%s", "");
    }
    const char *end = strstr(text, ". ");
    size_t n = end ? (size_t)(end - text) + 1 : strlen(text);
    return dup_printf("%.*s", (int)n, text);
}

static const char *zone_name(const ContentDb *db, const char *id) {
    int z = content_find_zone(db, id);
    return z >= 0 && db->zones[z].name ? db->zones[z].name : id;
}

void handout_text_free(HandoutText *t) {
    for (int i = 0; t->zones && i < t->zone_count; i++) {
        free(t->zones[i]);
    }
    for (int i = 0; t->sources && i < t->source_count; i++) {
        free((char *)t->sources[i].explanation);
    }
    for (int i = 0; t->citations && i < t->citation_count; i++) {
        free(t->citations[i]);
    }
    free(t->zones);
    free(t->sources);
    free(t->citations);
    memset(t, 0, sizeof *t);
}

enum { HANDOUT_CITATIONS_MAX = 12 };

bool handout_text_build(const DrawingDoc *doc, const ContentDb *db, HandoutText *out) {
    memset(out, 0, sizeof *out);
    out->zones = calloc((size_t)doc->zone_count + 2, sizeof *out->zones);
    out->sources = calloc((size_t)doc->source_count + 1, sizeof *out->sources);
    out->citations = calloc(HANDOUT_CITATIONS_MAX, sizeof *out->citations);
    bool ok = out->zones && out->sources && out->citations;
    for (int i = 0; ok && i < doc->zone_count; i++) {
        const DrawingFileArea *a = &doc->zones[i];
        out->zones[i] = dup_printf("%s: %.0f cm²", zone_name(db, a->id), a->area_mm2 / 100.0);
        ok = out->zones[i] != NULL;
        out->zone_count += ok;
    }
    if (ok && doc->dermatome_count > 0) {
        /* one line for the dermatomes, largest first, under the map the summary used */
        size_t len = 64 + strlen(doc->map);
        for (int i = 0; i < doc->dermatome_count; i++) {
            len += strlen(zone_name(db, doc->dermatomes[i].id)) + 2;
        }
        char *line = malloc(len);
        ok = line != NULL;
        if (ok) {
            int n =
                snprintf(line, len, "%s (%s): ", content_ui(db, "handout_dermatomes", "Dermatomes"),
                         doc->map);
            for (int i = 0; i < doc->dermatome_count && n > 0 && (size_t)n < len; i++) {
                n += snprintf(line + n, len - (size_t)n, "%s%s", i ? ", " : "",
                              zone_name(db, doc->dermatomes[i].id));
            }
            out->zones[out->zone_count++] = line;
        }
    }
    for (int i = 0; ok && i < doc->source_count; i++) {
        const DrawingFileSource *ds = &doc->sources[i];
        int s = content_find_source(db, ds->id);
        const ContentSource *src = s >= 0 ? &db->sources[s] : NULL;
        HandoutSource *hs = &out->sources[out->source_count];
        hs->name = src && src->name ? src->name : ds->id;
        hs->primary = ds->primary;
        hs->explanation = first_sentence(src ? src->summary_patient : NULL);
        ok = hs->explanation != NULL;
        out->source_count += ok;
        /* the citations behind the sources, each once, in the order first met */
        for (int c = 0; ok && src && c < src->citations.count; c++) {
            int ci = src->citations.items[c];
            const ContentCitation *cit = &db->citations[ci];
            char *text =
                dup_printf("%s (%d). %s.%s%s", cit->authors ? cit->authors : "", cit->year,
                           cit->title ? cit->title : "", cit->journal && cit->journal[0] ? " " : "",
                           cit->journal ? cit->journal : "");
            bool seen = !text || out->citation_count >= HANDOUT_CITATIONS_MAX;
            for (int k = 0; !seen && k < out->citation_count; k++) {
                seen = strcmp(out->citations[k], text) == 0;
            }
            if (seen) {
                free(text);
            } else {
                out->citations[out->citation_count++] = text;
            }
        }
    }
    memcpy(out->date, doc->modified, 10);
    out->date[10] = '\0';
    if (doc->has_summary && (doc->saddle || doc->both_legs)) {
        out->note = content_ui(db, "handout_redflags_note",
                               "This drawing touches the area between the legs or both legs. "
                               "Please read the urgent signs in painmap and get help straight "
                               "away if any of them apply.");
    }
    if (!ok) {
        handout_text_free(out);
    }
    return ok;
}

void handout_desc_fill(HandoutDesc *desc, const HandoutText *t, const DrawingDoc *doc,
                       const ContentDb *db) {
    desc->date = t->date;
    desc->label = doc->label;
    desc->content_version = db->meta.content_version;
    desc->disclaimer = db->meta.disclaimer;
    desc->zones = (const char *const *)t->zones;
    desc->zone_count = t->zone_count;
    desc->sources = t->sources;
    desc->source_count = t->source_count;
    desc->citations = (const char *const *)t->citations;
    desc->citation_count = t->citation_count;
    desc->note = t->note;
    desc->title = content_ui(db, "handout_title", "Pain drawing");
    desc->word_your_left = content_ui(db, "your_left", "your left");
    desc->word_your_right = content_ui(db, "your_right", "your right");
    desc->word_legend = content_ui(db, "legend", "Legend");
    desc->word_front = content_ui(db, "view_anterior", "Front");
    desc->word_back = content_ui(db, "view_posterior", "Back");
    desc->word_intensity = content_ui(db, "handout_intensity", "Intensity (0 = none, 10 = worst)");
    desc->word_where = content_ui(db, "handout_where", "Where the pain is");
    desc->word_sources = content_ui(db, "handout_sources", "What is known to send pain there");
    desc->word_citations = content_ui(db, "handout_citations", "Sources of these maps");
    desc->word_main = content_ui(db, "handout_main", "a main area");
    desc->word_sometimes = content_ui(db, "handout_sometimes", "sometimes");
    desc->word_content_version = content_ui(db, "handout_content_version", "painmap content");
    desc->word_more = content_ui(db, "handout_more", "More in the PDF handout and in painmap.");
    for (int q = 0; q < PAIN_QUALITY_COUNT; q++) {
        char key[48];
        snprintf(key, sizeof key, "quality_%s", drawing_quality_id((PainQuality)q));
        desc->quality_names[q] = content_ui(db, key, drawing_quality_name((PainQuality)q));
    }
}

static bool fail(char *err, size_t err_cap, const char *path, const char *why) {
    if (err && err_cap) {
        snprintf(err, err_cap, "%s: %s", path, why);
    }
    return false;
}

bool handout_write(const HandoutDesc *desc, const char *path, char *err, size_t err_cap) {
    bool pdf = str_has_suffix(path, ".pdf") || str_has_suffix(path, ".PDF");
    bool png = str_has_suffix(path, ".png") || str_has_suffix(path, ".PNG");
    if (!pdf && !png) {
        return fail(err, err_cap, path, "the handout is written as .pdf or .png");
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        return fail(err, err_cap, path, "path too long");
    }
    double w, h;
    handout_page_size_pt(desc->paper, &w, &h);
    cairo_surface_t *s;
    if (pdf) {
        s = cairo_pdf_surface_create(tmp, w, h);
    } else {
        double k = HANDOUT_PNG_DPI / 72.0;
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * k - 1e-6),
                                       (int)ceil(h * k - 1e-6));
    }
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        const char *why = cairo_status_to_string(cairo_surface_status(s));
        cairo_surface_destroy(s);
        remove(tmp);
        return fail(err, err_cap, path, why);
    }
    if (pdf) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                       word(desc->title, "Pain drawing"));
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "painmap");
    }
    cairo_t *cr = cairo_create(s);
    if (png) {
        cairo_scale(cr, HANDOUT_PNG_DPI / 72.0, HANDOUT_PNG_DPI / 72.0);
    }
    draw_page(cr, desc, pdf);
    if (pdf) {
        cairo_show_page(cr);
    }
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && png) {
        st = cairo_surface_write_to_png(s, tmp);
    }
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) {
        st = cairo_surface_status(s);
    }
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        remove(tmp);
        return fail(err, err_cap, path, cairo_status_to_string(st));
    }
    if (rename(tmp, path) != 0) {
        remove(tmp);
        return fail(err, err_cap, path, "could not move the finished file into place");
    }
    return true;
}
