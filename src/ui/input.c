#include "ui/input.h"

bool input_push(InputFrame *frame, const InputEvent *event) {
    if (frame->count >= INPUT_MAX_EVENTS) {
        frame->dropped++;
        return false;
    }
    frame->events[frame->count++] = *event;
    return true;
}
