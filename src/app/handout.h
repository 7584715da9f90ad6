/* handout: a printable page for a pain drawing, drawn with cairo as a PDF (A4 or Letter,
 * text as real text) or a PNG at 150 dpi: title, date, pseudonymous label, the front and back
 * pictures (rendered by the caller) with "your left / your right" on each, a legend of the
 * qualities (colour and pattern) and of intensity, the zones and the sources with a line
 * each, citations, the content version and the disclaimer. Owns nothing after it returns;
 * cairo stays inside handout.c. */
#ifndef PAINMAP_APP_HANDOUT_H
#define PAINMAP_APP_HANDOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content/content.h"
#include "core/drawing.h"
#include "core/drawing_file.h"
#include "core/settings.h"

#define HANDOUT_PNG_DPI 150

/* An RGBA8 picture, top row first, straight (not premultiplied) alpha. NULL rgba = none. */
typedef struct HandoutImage {
    const uint8_t *rgba;
    int width, height, stride_bytes; /* stride 0 = width * 4 */
} HandoutImage;

typedef struct HandoutSource {
    const char *name;        /* "Piriformis (right)" */
    const char *explanation; /* one line, e.g. the patient summary */
    bool primary;            /* the zone is one of its main areas (else: sometimes) */
} HandoutSource;

typedef struct HandoutDesc {
    PaperSize paper;
    const char *title; /* NULL = "Pain drawing" */
    const char *date;  /* as it should read, e.g. "23 November 2026" */
    const char *label; /* the drawing's pseudonymous label */
    const char *content_version;
    const char *disclaimer;
    /* the front view faces the reader (the patient's right on the left of the picture); the
     * back view shows the back as the patient would see their own (left on the left) */
    HandoutImage front, back;
    const char *const *zones; /* display lines, e.g. "Buttock, right: 12 cm²" */
    int zone_count;
    const HandoutSource *sources; /* primary first, as the engine lists them */
    int source_count;
    const char *const *citations;
    int citation_count;
    const char *note; /* optional line in bold above the zones (e.g. the red-flags advice) */
    /* words on the page; NULL = English */
    const char *word_front, *word_back, *word_your_left, *word_your_right;
    const char *word_legend, *word_intensity, *word_where, *word_sources, *word_citations;
    const char *word_main, *word_sometimes, *word_content_version;
    const char *word_more; /* PNG only: the last line when the text does not fit */
    const char *quality_names[PAIN_QUALITY_COUNT]; /* NULL = drawing_quality_name */
} HandoutDesc;

/* Where the fixed parts of the page sit, in points from the top-left corner (x, y, w, h). */
typedef struct HandoutLayout {
    double page_w, page_h;
    double front[4], back[4]; /* picture boxes */
    double swatch[PAIN_QUALITY_COUNT][4];
    double intensity_bar[4];
    double footer[4]; /* content version and disclaimer */
} HandoutLayout;

/* The words of a handout for a saved drawing, taken from the content: a line per zone with its
 * painted area, the dermatomes, each matched source with the first sentence of its patient
 * summary, the citations of those sources, and a red-flags note when the drawing touches the
 * saddle area or both legs. Owns its strings. */
typedef struct HandoutText {
    char **zones;
    int zone_count;
    HandoutSource *sources;
    int source_count;
    char **citations;
    int citation_count;
    char date[16]; /* the day the drawing was last changed, YYYY-MM-DD */
    const char *note;
} HandoutText;

/* Builds the words for doc (its saved summary) from db. False when out of memory. Ids the
 * content no longer has are shown as they are. */
bool handout_text_build(const DrawingDoc *doc, const ContentDb *db, HandoutText *out);
void handout_text_free(HandoutText *t);
/* Points desc at t, doc's label and db's words (disclaimer, content version, "your left",
 * "your right", "Legend"); leaves the pictures and the paper to the caller. */
void handout_desc_fill(HandoutDesc *desc, const HandoutText *t, const DrawingDoc *doc,
                       const ContentDb *db);

/* The page size in points: A4 595 x 842, Letter 612 x 792. */
void handout_page_size_pt(PaperSize paper, double *out_w, double *out_h);
/* Computes where the pictures, swatches, intensity bar and footer go for desc (on the first
 * page). */
void handout_layout(const HandoutDesc *desc, HandoutLayout *out);
/* Writes the page to path: ".pdf" makes a PDF, ".png" a PNG at HANDOUT_PNG_DPI. Long text
 * first shrinks the pictures (to 26% of the page height); then a PDF continues on further
 * pages (footer on each) and a PNG ends with word_more. The file is written beside path and
 * renamed into place. False with "path: reason" in err otherwise. */
bool handout_write(const HandoutDesc *desc, const char *path, char *err, size_t err_cap);

#endif
