/* input_replay: recorded input as JSON lines, for --record and --replay. The first line is
 * a header {"painmap_replay":1,"size":[w,h]}; every other line is one frame's input:
 * {"t":1.25,"size":[w,h],"scale":1,"events":[{"k":"down","p":0,"b":1,"x":10,"y":20},...]}.
 * Event kinds: down, move, up (p = pointer: 0 mouse, 1.. fingers; b = mouse button),
 * wheel (wy), key (key = a name such as "escape" or "f12", or ch = one character; ctrl,
 * shift), text (s), resize (w, h), focus_lost, focus_gained, expose. Times are seconds
 * since the start and never go back. Pure C with cJSON: no SDL, no GL. */
#ifndef PAINMAP_UI_INPUT_REPLAY_H
#define PAINMAP_UI_INPUT_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ui/input.h"

enum { REPLAY_VERSION = 1, REPLAY_MAX_FRAMES = 1000000 };

typedef struct {
    double t_sec;
    int width_px, height_px; /* 0 = unchanged */
    float pixel_scale;
    int first_event, event_count; /* into Replay.events */
} ReplayFrame;

typedef struct {
    int width_px, height_px; /* from the header */
    ReplayFrame *frames;
    int frame_count;
    InputEvent *events;
    int event_count;
} Replay;

/* Parses a whole replay file. Every problem is reported as "name:line: what" and makes it
 * fail; out is empty then. */
bool replay_parse(const char *data, size_t len, const char *name, Replay *out, char *err,
                  size_t err_cap);
void replay_free(Replay *replay);
/* Fills frame (cleared first) with the events of replay frame i. */
void replay_frame_input(const Replay *replay, int i, InputFrame *out_frame);

/* Writing, for --record: the header, then one line per frame that has events. */
bool replay_write_header(FILE *f, int width_px, int height_px);
bool replay_write_frame(FILE *f, double t_sec, const InputFrame *frame);

#endif
