#include "app/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/strutil.h"

const char *cli_usage(void) {
    return "painmap - an offline 3D atlas of referred pain (low back, hip, pelvic floor)\n"
           "\n"
           "Usage:\n"
           "  painmap [--gles] [--fullscreen] [--size WxH] [--assets-dir DIR]\n"
           "                                   open the interactive viewer\n"
           "  painmap --kiosk                  the patient's path on a clinic tablet:\n"
           "                                   fullscreen, cannot be closed, starts over when\n"
           "                                   idle; staff: hold the top left corner 3 s, PIN\n"
           "  painmap --set-pin                set the staff PIN (4 to 12 digits)\n"
           "  painmap render -o OUT.png [--view ID] [--layers ID,..] [--size WxH]\n"
           "                 [--lod full|tablet] [--source ID [--time S] [--compare ID]]\n"
           "                 [--where ZONE] [--map ID] [--student] [--no-ui] [--msaa N] [--gles]\n"
           "  painmap render --drawing FILE -o HANDOUT.png|.pdf [--paper a4|letter]\n"
           "                                   a printable page for a saved pain drawing\n"
           "                                   draw a picture without a screen\n"
           "  painmap --record FILE            use the viewer and record its input\n"
           "  painmap --replay FILE [-o OUT.png] [--at S] [--json] [--size WxH]\n"
           "                                   replay recorded input without a screen\n"
           "  painmap bench [--frames N] [--size WxH] [--lod full|tablet] [--msaa N] [--json]\n"
           "                [--repeat N]       measure start-up, frame time, picking, memory\n"
           "                                   (--repeat: every structure drawn N times)\n"
           "  painmap soak [--events N] [--frames N] [--seed N] [--json]\n"
           "                                   a long random session (reliability test)\n"
           "  painmap list structures|sources|zones|landmarks|views|layers|maps [--json]\n"
           "  painmap query structure ID | source ID | redflags\n"
           "  painmap query where --zone ID | --landmark ID | --point X,Y,Z\n"
           "  painmap query dermatome --landmark ID | --point X,Y,Z [--map ID]\n"
           "  painmap check-content [DIR] [--locale L]\n"
           "                                   validate the anatomy and content files; list\n"
           "                                   the texts a translation lacks (warnings)\n"
           "  painmap quiz --seed N [--count K] [--map ID] [--locale L] [--json]\n"
           "                                   a study quiz from the content, with its answer key\n"
           "  painmap --help | --version\n"
           "\n"
           "Views:  anterior posterior left right superior inferior deep_posterior\n"
           "Layers: skin superficial_muscles deep_muscles bones ligaments nerves zones "
           "dermatomes\n"
           "Language: --locale L (en, es) for the viewer, render and --replay; without it the\n"
           "setting, else the system's language (LC_ALL, LC_MESSAGES, LANG), else English.\n"
           "Data: --data-dir DIR (or $PAINMAP_DATA_DIR), with any command, names a folder\n"
           "holding assets/ (content, anatomy, fonts), shaders/ and body.glb, laid out like\n"
           "the installed <prefix>/share/painmap; without it painmap looks beside the\n"
           "program and in ../share/painmap. --assets-dir DIR and --model FILE (or\n"
           "$PAINMAP_ASSETS_DIR, $PAINMAP_SHADERS_DIR, $PAINMAP_MODEL) override one piece.\n"
           "Exit codes: 0 ok, 1 the environment failed (no GL, no assets), 2 bad input.\n"
           "painmap is for education only; it does not diagnose.\n";
}

static bool parse_size(const char *v, int *out_w, int *out_h, char *err, size_t err_cap) {
    const char *x = strchr(v, 'x');
    char w[16], h[16];
    long wv, hv;
    if (!x || (size_t)(x - v) >= sizeof w || strlen(x + 1) >= sizeof h) {
        return str_fail(err, err_cap, "--size: expected WxH such as 1280x800, got '%s'", v);
    }
    memcpy(w, v, (size_t)(x - v));
    w[x - v] = '\0';
    str_copy(h, sizeof h, x + 1);
    if (!str_parse_int(w, 1, CLI_MAX_SIZE_PX, &wv) || !str_parse_int(h, 1, CLI_MAX_SIZE_PX, &hv)) {
        return str_fail(err, err_cap,
                        "--size: expected WxH with each side from 1 to %d pixels, got '%s'",
                        CLI_MAX_SIZE_PX, v);
    }
    *out_w = (int)wv;
    *out_h = (int)hv;
    return true;
}

/* Options that take a value; a table keeps "needs a value" and "valid for" in one place. */
typedef enum {
    OPT_VIEWER = 1,
    OPT_RENDER = 2,
    OPT_BOTH = 3,
    OPT_REPLAY = 4,
    OPT_BENCH = 8,
    OPT_ALL = 15,
} OptScope;

typedef struct {
    const char *name;
    bool has_value;
    OptScope scope;
} OptSpec;

static const OptSpec OPTS[] = {
    {"-o", true, OPT_RENDER},
    {"--output", true, OPT_RENDER},
    {"--size", true, OPT_ALL},
    {"--view", true, OPT_BOTH},
    {"--layers", true, OPT_BOTH},
    {"--lod", true, OPT_ALL},
    {"--source", true, OPT_BOTH},
    {"--time", true, OPT_RENDER},
    {"--map", true, OPT_BOTH},
    {"--compare", true, OPT_RENDER},
    {"--where", true, OPT_RENDER},
    {"--no-ui", false, OPT_RENDER},
    {"--student", false, OPT_BOTH},
    {"--record", true, OPT_VIEWER},
    {"--replay", true, OPT_REPLAY},
    {"--at", true, OPT_REPLAY},
    {"--json", false, OPT_REPLAY | OPT_BENCH},
    {"--msaa", true, OPT_ALL},
    {"--gles", false, OPT_ALL},
    {"--fullscreen", false, OPT_VIEWER},
    {"--assets-dir", true, OPT_ALL},
    {"--locale", true, OPT_VIEWER | OPT_RENDER | OPT_REPLAY},
    {"--model", true, OPT_ALL},
    {"--drawing", true, OPT_RENDER},
    {"--paper", true, OPT_RENDER},
    {"--frames", true, OPT_BENCH},
    {"--repeat", true, OPT_BENCH},
    {"--events", true, OPT_BENCH},
    {"--seed", true, OPT_BENCH},
    {"--kiosk", false, OPT_VIEWER},
};

static const OptSpec *find_opt(const char *name) {
    for (size_t i = 0; i < sizeof OPTS / sizeof OPTS[0]; i++) {
        if (strcmp(OPTS[i].name, name) == 0) {
            return &OPTS[i];
        }
    }
    return NULL;
}

static bool apply(CliOptions *o, const char *name, const char *v, char *err, size_t err_cap) {
    if (!strcmp(name, "-o") || !strcmp(name, "--output")) {
        if (!str_has_suffix(v, ".png") && !str_has_suffix(v, ".pdf")) {
            return str_fail(err, err_cap, "%s: expected a .png or .pdf file, got '%s'", name, v);
        }
        o->output = v;
    } else if (!strcmp(name, "--drawing")) {
        if (!*v) {
            return str_fail(err, err_cap, "--drawing: expected a saved drawing (.json)");
        }
        o->drawing = v;
    } else if (!strcmp(name, "--paper")) {
        if (!strcmp(v, "a4")) {
            o->paper = PAPER_A4;
        } else if (!strcmp(v, "letter")) {
            o->paper = PAPER_LETTER;
        } else {
            return str_fail(err, err_cap, "--paper: expected a4 or letter, got '%s'", v);
        }
    } else if (!strcmp(name, "--size")) {
        return parse_size(v, &o->width, &o->height, err, err_cap);
    } else if (!strcmp(name, "--view")) {
        if (!view_find(v, &o->view)) {
            return str_fail(err, err_cap,
                            "--view: unknown view '%s' (views: anterior, posterior, left, right, "
                            "superior, inferior, deep_posterior)",
                            v);
        }
        o->view_set = true;
    } else if (!strcmp(name, "--layers")) {
        char bad[64];
        if (!layer_mask_parse(v, &o->layer_mask, bad, (int)sizeof bad)) {
            return str_fail(err, err_cap,
                            "--layers: unknown layer '%s' (layers: skin, superficial_muscles, "
                            "deep_muscles, bones, ligaments, nerves, zones, dermatomes)",
                            bad);
        }
        o->layers_set = true;
    } else if (!strcmp(name, "--lod")) {
        if (!lod_find(v, &o->lod)) {
            return str_fail(err, err_cap, "--lod: expected 'full' or 'tablet', got '%s'", v);
        }
        o->lod_set = true;
    } else if (!strcmp(name, "--source")) {
        if (!*v) {
            return str_fail(err, err_cap, "--source: expected a source id such as piriformis_r");
        }
        o->source = v;
    } else if (!strcmp(name, "--time")) {
        if (!str_parse_float(v, &o->time_sec) || o->time_sec < 0.0f || o->time_sec > 3600.0f) {
            return str_fail(err, err_cap, "--time: expected seconds from 0 to 3600, got '%s'", v);
        }
        o->time_set = true;
    } else if (!strcmp(name, "--map")) {
        if (!derm_map_find(v, &o->map)) {
            return str_fail(err, err_cap, "--map: expected keegan_garrett or lee_2008, got '%s'",
                            v);
        }
        o->map_set = true;
    } else if (!strcmp(name, "--compare")) {
        if (!*v) {
            return str_fail(err, err_cap, "--compare: expected a source id such as root_l5_r");
        }
        o->compare = v;
    } else if (!strcmp(name, "--where")) {
        if (!*v) {
            return str_fail(err, err_cap, "--where: expected a zone id such as zone_buttock_r");
        }
        o->where_zone = v;
    } else if (!strcmp(name, "--no-ui")) {
        o->no_ui = true;
    } else if (!strcmp(name, "--student")) {
        o->student = true;
    } else if (!strcmp(name, "--record") || !strcmp(name, "--replay")) {
        if (!*v) {
            return str_fail(err, err_cap, "%s: expected a file name", name);
        }
        if (!strcmp(name, "--record")) {
            o->record = v;
        } else {
            o->replay = v;
        }
    } else if (!strcmp(name, "--at")) {
        if (!str_parse_float(v, &o->at_sec) || o->at_sec < 0.0f || o->at_sec > 1e6f) {
            return str_fail(err, err_cap, "--at: expected seconds from 0, got '%s'", v);
        }
        o->at_set = true;
    } else if (!strcmp(name, "--frames")) {
        long n;
        if (!str_parse_int(v, 1, 100000, &n)) {
            return str_fail(err, err_cap, "--frames: expected a count from 1 to 100000, got '%s'",
                            v);
        }
        o->frames = (int)n;
    } else if (!strcmp(name, "--repeat")) {
        long n;
        if (!str_parse_int(v, 1, 64, &n)) {
            return str_fail(err, err_cap, "--repeat: expected a count from 1 to 64, got '%s'", v);
        }
        o->repeat = (int)n;
    } else if (!strcmp(name, "--events") || !strcmp(name, "--seed")) {
        long n;
        if (!str_parse_int(v, 0, 100000000, &n)) {
            return str_fail(err, err_cap, "%s: expected a whole number from 0, got '%s'", name, v);
        }
        if (!strcmp(name, "--events")) {
            o->events = n;
        } else {
            o->seed = n;
        }
    } else if (!strcmp(name, "--kiosk")) {
        o->kiosk = true;
        o->fullscreen = true;
    } else if (!strcmp(name, "--json")) {
        o->json = true;
    } else if (!strcmp(name, "--msaa")) {
        long n;
        if (!str_parse_int(v, 1, 16, &n) || (n & (n - 1)) != 0) {
            return str_fail(err, err_cap, "--msaa: expected 1, 2, 4, 8 or 16 samples, got '%s'", v);
        }
        o->msaa = (int)n;
        o->msaa_set = true;
    } else if (!strcmp(name, "--gles")) {
        o->gles = true;
    } else if (!strcmp(name, "--fullscreen")) {
        o->fullscreen = true;
    } else if (!strcmp(name, "--locale")) {
        size_t n = strlen(v);
        bool ok = n >= 2 && n <= 7;
        for (size_t i = 0; ok && i < n; i++) {
            ok = (v[i] >= 'a' && v[i] <= 'z') ||
                 (i >= 2 && (v[i] == '_' || (v[i] >= 'A' && v[i] <= 'Z')));
        }
        if (!ok) {
            return str_fail(err, err_cap,
                            "--locale: expected a language code such as en or es, got '%s'", v);
        }
        o->locale = v;
    } else if (!strcmp(name, "--assets-dir")) {
        if (!*v) {
            return str_fail(err, err_cap, "--assets-dir: expected a folder");
        }
        o->assets_dir = v;
    } else if (!strcmp(name, "--model")) {
        if (!*v) {
            return str_fail(err, err_cap, "--model: expected a .glb file");
        }
        o->model_path = v;
    }
    return true;
}

/* --data-dir applies to every command, including those that parse their own options (list,
 * query, check-content, quiz), so it is taken out of argv before anything else looks. */
static bool take_data_dir(int *argc, char **argv, const char **out_dir, char *err, size_t err_cap) {
    int w = 1;
    for (int r = 1; r < *argc; r++) {
        const char *a = argv[r];
        if (!strcmp(a, "--data-dir")) {
            if (r + 1 >= *argc) {
                return str_fail(err, err_cap, "--data-dir: missing value");
            }
            *out_dir = argv[++r];
        } else if (!strncmp(a, "--data-dir=", 11)) {
            *out_dir = a + 11;
        } else {
            if (w != r) {
                argv[w] = argv[r];
            }
            w++;
            continue;
        }
        if (!**out_dir) {
            return str_fail(err, err_cap,
                            "--data-dir: expected a folder holding assets/, shaders/ and body.glb");
        }
    }
    if (w < *argc) {
        argv[w] = NULL;
    }
    *argc = w;
    return true;
}

bool cli_parse(int argc, char **argv, CliOptions *out_opts, char *err, size_t err_cap) {
    CliOptions o;
    memset(&o, 0, sizeof o);
    if (!take_data_dir(&argc, argv, &o.data_dir, err, err_cap)) {
        return false;
    }
    o.command = CLI_VIEWER;
    o.view = VIEW_ANTERIOR;
    o.layer_mask = LAYER_MASK_ALL & ~LAYER_BIT(LAYER_DERMATOMES);
    o.lod = LOD_FULL;
    o.msaa = 4;
    o.map = DERM_MAP_DEFAULT;
    int i = 1;
    if (argc > 1 && argv[1][0] != '-') {
        const char *cmd = argv[1];
        if (!strcmp(cmd, "render")) {
            o.command = CLI_RENDER;
            i = 2;
        } else if (!strcmp(cmd, "soak")) {
            o.command = CLI_SOAK;
            o.msaa = 1;
            o.lod = LOD_TABLET;
            i = 2;
        } else if (!strcmp(cmd, "bench")) {
            o.command = CLI_BENCH;
            o.msaa = 1;
            o.lod = LOD_TABLET;
            i = 2;
        } else if (!strcmp(cmd, "list") || !strcmp(cmd, "query") || !strcmp(cmd, "check-content")) {
            o.command = CLI_INFO;
            o.info_argc = argc - 1;
            o.info_argv = argv + 1;
            *out_opts = o;
            return true;
        } else if (!strcmp(cmd, "quiz")) {
            o.command = CLI_QUIZ;
            o.info_argc = argc - 1;
            o.info_argv = argv + 1;
            *out_opts = o;
            return true;
        } else {
            return str_fail(
                err, err_cap,
                "unknown command '%s' (commands: render, bench, soak, list, query, check-content, "
                "quiz; "
                "see painmap --help)",
                cmd);
        }
    }
    /* --replay anywhere makes this a replay, which takes render's options as well */
    bool replaying = false;
    if (o.command == CLI_VIEWER) {
        for (int k = i; k < argc; k++) {
            replaying =
                replaying || !strcmp(argv[k], "--replay") || !strncmp(argv[k], "--replay=", 9);
        }
    }
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            o.command = CLI_HELP;
            *out_opts = o;
            return true;
        }
        if (!strcmp(arg, "--set-pin") && o.command == CLI_VIEWER) {
            o.command = CLI_SET_PIN;
            continue;
        }
        if (!strcmp(arg, "--version")) {
            o.command = CLI_VERSION;
            *out_opts = o;
            return true;
        }
        /* --name=value is accepted too */
        char name[32];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        if (eq && str_has_prefix(arg, "--") && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = '\0';
            value = eq + 1;
        } else {
            str_copy(name, sizeof name, arg);
        }
        const OptSpec *spec = find_opt(name);
        if (!spec) {
            return str_fail(err, err_cap, "unknown option '%s' (see painmap --help)", arg);
        }
        OptScope scope = o.command == CLI_RENDER                           ? OPT_RENDER
                         : o.command == CLI_BENCH || o.command == CLI_SOAK ? OPT_BENCH
                         : replaying ? (OptScope)(OPT_BOTH | OPT_REPLAY)
                                     : OPT_VIEWER;
        if (!(spec->scope & scope)) {
            return str_fail(err, err_cap, "option '%s' does not apply to %s", spec->name,
                            o.command == CLI_RENDER  ? "painmap render"
                            : o.command == CLI_BENCH ? "painmap bench"
                            : o.command == CLI_SOAK  ? "painmap soak"
                            : replaying              ? "painmap --replay"
                                                     : "the viewer");
        }
        if (spec->has_value && !value) {
            if (i + 1 >= argc) {
                return str_fail(err, err_cap, "%s: missing value", spec->name);
            }
            value = argv[++i];
        } else if (!spec->has_value && value) {
            return str_fail(err, err_cap, "%s takes no value", spec->name);
        }
        if (!apply(&o, spec->name, value ? value : "", err, err_cap)) {
            return false;
        }
    }
    if (o.command == CLI_RENDER && !o.output) {
        return str_fail(err, err_cap, "painmap render: missing -o OUT.png");
    }
    if (o.command == CLI_RENDER && str_has_suffix(o.output, ".pdf") && !o.drawing) {
        return str_fail(err, err_cap,
                        "painmap render: a .pdf is a handout and needs --drawing FILE");
    }
    if (replaying) {
        o.command = CLI_REPLAY;
        if (o.record) {
            return str_fail(err, err_cap, "--record and --replay cannot be used together");
        }
    }
    *out_opts = o;
    return true;
}
