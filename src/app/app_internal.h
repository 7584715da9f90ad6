/* app_internal: what the app's files share among themselves (not a public API). */
#ifndef PAINMAP_APP_INTERNAL_H
#define PAINMAP_APP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/cli.h"

/* Exit codes of DESIGN.md. */
enum { EXIT_OK = 0, EXIT_ENV = 1, EXIT_INPUT = 2 };

/* Resolved folders and files for one run. */
typedef struct {
    char assets_dir[4096];
    char shaders_dir[4096];
    char model_path[4096]; /* empty: no body.glb, the stand-in body is used */
} AppPaths;

/* Finds assets, shaders and the model; on failure prints why and returns the exit code. */
int app_resolve_paths(const CliOptions *opts, AppPaths *out_paths);

/* painmap render: draws one picture offscreen and writes it. Returns an exit code. */
int app_render_main(const CliOptions *opts);
/* Seconds on the platform clock when painmap started (for start-up timings). */
double app_start_sec(void);
/* painmap bench: start-up, frame time, picking and memory figures. Returns an exit code. */
int app_bench_main(const CliOptions *opts);
/* painmap --set-pin: asks for the staff PIN twice and stores its hash. */
int app_set_pin_main(const CliOptions *opts);
/* painmap soak: a long random session through the null and the real renderer. */
int app_soak_main(const CliOptions *opts);
/* painmap --replay: recorded input replayed headless. Returns an exit code. */
int app_replay_main(const CliOptions *opts);
/* painmap quiz: argv[0] is "quiz", the rest its options. Returns an exit code. */
int app_quiz_main(int argc, char **argv);
/* The interactive viewer. Returns an exit code. */
int app_viewer_main(const CliOptions *opts);

/* Encodes RGBA8 pixels (top row first) as a PNG in memory (malloc'd, free() it); false when
 * out of memory. An opaque picture is written as RGB, packed in place: rgba is scratch. */
bool app_encode_png(uint8_t *rgba, int w, int h, uint8_t **out_data, size_t *out_len);
/* Writes RGBA8 pixels (top row first) as a PNG, through a temporary file and a rename; rgba
 * is scratch, as for app_encode_png. */
bool app_write_png(const char *path, uint8_t *rgba, int w, int h, char *err, size_t err_cap);

#endif
