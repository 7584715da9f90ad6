/* input: the plain, platform-free description of one frame's input.
 * platform_ fills an InputFrame from SDL events; app_ and ui_ read it. No SDL types here,
 * so input can be recorded, replayed and synthesised in tests. */
#ifndef PAINMAP_UI_INPUT_H
#define PAINMAP_UI_INPUT_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    INPUT_POINTER_DOWN,
    INPUT_POINTER_MOVE,
    INPUT_POINTER_UP,
    INPUT_WHEEL,
    INPUT_KEY_PRESS,
    INPUT_TEXT,
    INPUT_RESIZE,
    INPUT_FOCUS_LOST,
    INPUT_FOCUS_GAINED,
    INPUT_EXPOSE,
} InputEventKind;

typedef enum {
    INPUT_KEY_NONE,
    INPUT_KEY_ESCAPE,
    INPUT_KEY_ENTER,
    INPUT_KEY_TAB,
    INPUT_KEY_BACKSPACE,
    INPUT_KEY_LEFT,
    INPUT_KEY_RIGHT,
    INPUT_KEY_UP,
    INPUT_KEY_DOWN,
    INPUT_KEY_SPACE,
    INPUT_KEY_HOME,
    INPUT_KEY_PLUS,
    INPUT_KEY_MINUS,
    INPUT_KEY_F11,
    INPUT_KEY_F12,
    INPUT_KEY_CHAR, /* a printable key; see InputEvent.ch */
} InputKey;

/* Pointer ids: 0 is the mouse; touch fingers get 1.. in the order they went down. */
enum { INPUT_MOUSE_ID = 0 };

typedef enum {
    INPUT_BUTTON_LEFT = 1,
    INPUT_BUTTON_MIDDLE = 2,
    INPUT_BUTTON_RIGHT = 3,
} InputButton;

typedef struct {
    InputEventKind kind;
    int pointer_id;   /* pointer events */
    int button;       /* mouse button for DOWN/UP; 0 for touch */
    float x_px, y_px; /* pointer position in drawable pixels */
    float wheel_y;    /* INPUT_WHEEL: + away from the user (zoom in) */
    InputKey key;     /* INPUT_KEY_PRESS */
    char ch;          /* INPUT_KEY_CHAR: the lower-case ASCII key */
    bool ctrl, shift;
    char text[8];            /* INPUT_TEXT: UTF-8 */
    int width_px, height_px; /* INPUT_RESIZE */
} InputEvent;

enum { INPUT_MAX_EVENTS = 256 };

typedef struct {
    InputEvent events[INPUT_MAX_EVENTS];
    int count;
    int dropped;             /* events that did not fit this frame */
    bool quit;               /* the window was closed or the system asked us to quit */
    int width_px, height_px; /* drawable size now */
    float pixel_scale;       /* drawable pixels per window point (high DPI) */
} InputFrame;

/* Appends an event; false (and counts it as dropped) when the frame is full. */
bool input_push(InputFrame *frame, const InputEvent *event);

#endif
