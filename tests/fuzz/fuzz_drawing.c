/* Fuzzes drawing_doc_parse (the pain-drawing file); a drawing that loads must write out and
 * load back with the same points, and a failed load must leave the earlier drawing alone. */
#include "core/drawing_file.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = fuzz_copy(data, size);
    char err[2048];
    DrawingDoc doc;
    drawing_doc_init(&doc);
    drawing_doc_create(&doc, 1790000000, "0.1.0");
    char label[DRAWING_LABEL_MAX];
    memcpy(label, doc.label, sizeof label);
    if (drawing_doc_parse(text, size, "fuzz.json", &doc, err, sizeof err)) {
        if (!drawing_label_is_valid(doc.label)) {
            abort();
        }
        char *json = drawing_doc_to_json(&doc);
        DrawingDoc back;
        drawing_doc_init(&back);
        if (!json || !drawing_doc_parse(json, strlen(json), "again.json", &back, err, sizeof err)) {
            fprintf(stderr, "a drawing written from a loaded file does not load: %s\n", err);
            abort();
        }
        if (back.drawing.count != doc.drawing.count || back.zone_count != doc.zone_count ||
            back.source_count != doc.source_count || strcmp(back.label, doc.label) != 0) {
            abort();
        }
        free(json);
        drawing_doc_free(&back);
    } else if (strcmp(doc.label, label) != 0 || doc.drawing.count != 0) {
        abort(); /* nothing changed */
    }
    drawing_doc_free(&doc);
    free(text);
    return 0;
}
