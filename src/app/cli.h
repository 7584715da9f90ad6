/* cli: turns argv into CliOptions. Pure (no SDL, no GL, no I/O besides nothing), so
 * every rule is unit-tested; errors come back as one line naming the option and value. */
#ifndef PAINMAP_APP_CLI_H
#define PAINMAP_APP_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ids.h"
#include "core/settings.h"

typedef enum {
    CLI_VIEWER,  /* painmap [options] */
    CLI_RENDER,  /* painmap render -o out.png ... */
    CLI_INFO,    /* painmap list | query | check-content ... (handled by app_info_main) */
    CLI_REPLAY,  /* painmap --replay FILE [-o OUT.png] [--at S] [--json] */
    CLI_BENCH,   /* painmap bench [--frames N] [--size WxH] [--lod L] [--json] */
    CLI_SOAK,    /* painmap soak [--events N] [--frames N] [--seed N] [--json] */
    CLI_SET_PIN, /* painmap --set-pin: the staff PIN that unlocks the kiosk */
    CLI_QUIZ,    /* painmap quiz --seed N ... (handled by app_quiz_main, like CLI_INFO) */
    CLI_HELP,
    CLI_VERSION,
} CliCommand;

enum { CLI_MAX_SIZE_PX = 16384 };

typedef struct {
    CliCommand command;
    const char *output; /* render: -o FILE (.png) */
    int width, height;  /* --size WxH; 0 = default */
    ViewId view;        /* --view ID */
    bool view_set;
    unsigned layer_mask; /* --layers a,b,c */
    bool layers_set;
    LodId lod;          /* --lod full|tablet */
    bool lod_set;       /* --lod given (else a default that depends on the GPU) */
    const char *source; /* --source ID (checked against the content when it loads) */
    float time_sec;     /* --time S into the referral animation */
    bool time_set;
    DermMapId map; /* --map keegan_garrett|lee_2008 */
    bool map_set;
    const char *compare;    /* --compare ID: a second source beside the first */
    const char *where_zone; /* --where ZONE: the where-it-hurts list for a zone */
    bool no_ui;             /* --no-ui: the body alone, without labels and panels */
    bool student;           /* --student: student words instead of plain words */
    const char *drawing;    /* --drawing FILE: render a handout page for a saved pain drawing */
    PaperSize paper;        /* --paper a4|letter (handouts) */
    const char *record;     /* --record FILE: the viewer writes its input to FILE */
    const char *replay;     /* --replay FILE: replay recorded input headless */
    float at_sec;           /* --at S: stop the replay at S seconds */
    bool at_set;
    bool json;              /* --json: machine-readable output (replay, bench) */
    bool kiosk;             /* --kiosk: the patient's path, fullscreen and locked */
    int frames;             /* --frames N (bench, soak; 0 = default) */
    int repeat;             /* --repeat N (bench: each structure drawn N times; 0 = once) */
    long events;            /* --events N (soak) */
    long seed;              /* --seed N (soak) */
    int msaa;               /* --msaa N (1, 2, 4, 8) */
    bool msaa_set;          /* --msaa given (else a default that depends on the GPU) */
    bool gles;              /* --gles: use OpenGL ES 3.0 */
    bool fullscreen;        /* --fullscreen */
    const char *assets_dir; /* --assets-dir DIR */
    const char *model_path; /* --model FILE */
    const char *data_dir;   /* --data-dir DIR: assets/, shaders/ and body.glb (any command) */
    const char *locale;     /* --locale L: the content's language (viewer, render, replay) */
    /* CLI_INFO, CLI_QUIZ: the subcommand and its arguments, untouched */
    int info_argc;
    char **info_argv;
} CliOptions;

/* Parses argv (argv[0] is the program). On a bad option or value returns false with a
 * message such as "--size: expected WxH, got '12x'" in err. */
bool cli_parse(int argc, char **argv, CliOptions *out_opts, char *err, size_t err_cap);

/* The --help text. */
const char *cli_usage(void);

#endif
