/* paint: the pain drawing in the viewer and the kiosk: the Draw toolbar (paint or erase,
 * quality, intensity, brush size, undo, redo, clear, turn the body), the drawing's summary
 * (painted areas, dermatomes, the sources that refer there, each playable), and for staff
 * the saved drawings (save, handout, open, delete, export, compare two visits, retention).
 * The UI only asks: what needs the renderer or the disk (saving, pictures, loading) is a
 * PaintRequest that the session carries out after the frame's UI. Owns the drawing in
 * memory, its summary, the list of saved drawings and two loaded visits. */
#ifndef PAINMAP_APP_PAINT_H
#define PAINMAP_APP_PAINT_H

#include <stdbool.h>

#include "app/refview.h"
#include "app/scene.h"
#include "app/viewer.h"
#include "core/drawing.h"
#include "core/drawing_file.h"
#include "ui/ui.h"

typedef enum {
    PAINT_REQ_NONE,
    PAINT_REQ_SAVE,    /* save the drawing (and its PNG preview) */
    PAINT_REQ_HANDOUT, /* save, then write the handout PDF */
    PAINT_REQ_LIST,    /* read the drawings folder again */
    PAINT_REQ_OPEN,    /* load entries[arg] into the drawing */
    PAINT_REQ_DELETE,  /* delete entries[arg] */
    PAINT_REQ_EXPORT,  /* handout PDF and a copy of entries[arg] in the exports folder */
    PAINT_REQ_COMPARE, /* load entries[chosen[0]] and entries[chosen[1]] side by side */
    PAINT_REQ_NEW,     /* forget the drawing in memory and start an empty one */
} PaintRequest;

enum { PAINT_BRUSHES = 3, PAINT_CHANGES_MAX = 48 };

typedef struct {
    Drawing drawing;
    DrawingTool tool;
    PainQuality quality;
    int intensity; /* 0..10 */
    int brush;     /* 0 small, 1 medium, 2 large */
    /* the summary of the drawing on this body */
    bool summary_open;
    bool summary_stale; /* the drawing changed since it was made */
    bool have_summary;
    DrawingSummary summary;
    bool flags_shown; /* the red-flags card was opened for this drawing's saddle / both legs */
    /* the saved file of this drawing ("" until it is first saved) */
    char label[DRAWING_LABEL_MAX];
    char created[DRAWING_FILE_DATE_MAX];
    char message[512]; /* what the last save, handout or export did */
    /* staff: the saved drawings */
    bool library_open;
    bool list_stale;
    DrawingFileEntry *entries;
    int entry_count;
    int chosen[2];      /* entries picked for comparing (-1 = none) */
    int confirm_delete; /* entry whose delete waits for a second tap (-1 = none) */
    /* two visits side by side */
    bool compare_open;
    DrawingDoc visit[2];
    DrawingZoneChange changes[PAINT_CHANGES_MAX];
    int change_count;
    PaintRequest request;
    int request_arg;
    float actions_h; /* height of the action row last frame */
    bool in_kiosk;   /* the patient path: its own Next step replaces the summary button */
} PaintState;

void paint_init(PaintState *p);
/* Wipes the drawing (zeroed before it is freed), the summary, the list and the visits. */
void paint_free(PaintState *p);
/* Brush radius in skin millimetres of a brush size. */
float paint_brush_radius_mm(int brush);
/* Gives the viewer the drawing and this brush (call every frame before viewer_update). */
void paint_sync_viewer(PaintState *p, Viewer *v);

struct Screens; /* screens.h */

/* The Draw card at r (top-left corner; it grows down): paint or erase, quality, intensity,
 * brush size; actions 1 adds the action buttons inside it (no room for their own row), 2
 * the staff's as well. */
void paint_toolbar(PaintState *p, struct Screens *s, UiContext *ui, Viewer *v, const Scene *scene,
                   RefView *rv, UiRect r, int actions);
/* The action row (undo, redo, clear, turn the body, done; for staff also save, handout,
 * new and the saved drawings) at the foot of the band x0..x1 ending at bottom. True when its
 * height changed (build another frame to place it). */
bool paint_actions(PaintState *p, UiContext *ui, Viewer *v, const Scene *scene, RefView *rv,
                   float x0, float x1, float bottom, bool staff);
/* What the drawing shows: areas, dermatomes and the sources that refer there, each playable. */
void paint_summary_card(PaintState *p, struct Screens *s, UiContext *ui, Viewer *v,
                        const Scene *scene, RefView *rv, UiRect r);
/* Staff: the saved drawings, with open, delete, export and compare. */
void paint_library_card(PaintState *p, UiContext *ui, RefView *rv, UiRect r);
/* Staff: two visits compared, zone by zone (the pictures are the two halves of the view). */
void paint_compare_card(PaintState *p, UiContext *ui, RefView *rv, UiRect r);

#endif
