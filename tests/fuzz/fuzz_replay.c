/* Fuzzes replay_parse (painmap --replay FILE); whatever parses is played into InputFrames. */
#include "fuzz_common.h"
#include "ui/input_replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = fuzz_copy(data, size);
    char err[512];
    Replay rp;
    if (replay_parse(text, size, "fuzz.jsonl", &rp, err, sizeof err)) {
        static InputFrame frame;
        double t = -1e300;
        for (int i = 0; i < rp.frame_count; i++) {
            if (rp.frames[i].t_sec < t) {
                abort(); /* times never go back */
            }
            t = rp.frames[i].t_sec;
            replay_frame_input(&rp, i, &frame);
        }
        replay_free(&rp);
    } else if (rp.frame_count != 0 || rp.frames != NULL || rp.events != NULL) {
        abort(); /* a failed parse leaves out empty */
    }
    free(text);
    return 0;
}
