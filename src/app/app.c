#include "app/app.h"

#include <stdio.h>
#include <string.h>

#include "app/app_internal.h"
#include "app/cli.h"
#include "app/cmd_info.h"
#include "core/log.h"
#include "core/paths.h"
#include "platform/plat.h"

int app_resolve_paths(const CliOptions *opts, AppPaths *out) {
    memset(out, 0, sizeof *out);
    char err[8192];
    const char *exe_dir = plat_exe_dir();
    if (!paths_find_assets(opts->assets_dir, exe_dir, out->assets_dir, sizeof out->assets_dir, err,
                           sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    if (!paths_find_shaders(out->assets_dir, exe_dir, out->shaders_dir, sizeof out->shaders_dir,
                            err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    if (!paths_find_model(opts->model_path, out->assets_dir, exe_dir, out->model_path,
                          sizeof out->model_path, err, sizeof err)) {
        if (opts->model_path) {
            log_error("%s", err);
            return EXIT_INPUT;
        }
        /* a data folder named on purpose must be complete */
        if (paths_find_data_dir(NULL)) {
            log_error("%s", err);
            return EXIT_ENV;
        }
        log_debug("%s; using the stand-in body", err);
        out->model_path[0] = '\0';
    }
    return EXIT_OK;
}

static double g_start_sec;

double app_start_sec(void) {
    return g_start_sec;
}

int app_main(int argc, char **argv) {
    g_start_sec = plat_time_sec();
    CliOptions opts;
    char err[1024];
    if (!cli_parse(argc, argv, &opts, err, sizeof err)) {
        fprintf(stderr, "painmap: error: %s\n", err);
        return EXIT_INPUT;
    }
    paths_set_data_dir(opts.data_dir);
    switch (opts.command) {
        case CLI_HELP:
            fputs(cli_usage(), stdout);
            return EXIT_OK;
        case CLI_VERSION:
            printf("painmap %s\n", PAINMAP_VERSION);
            return EXIT_OK;
        case CLI_RENDER:
            return app_render_main(&opts);
        case CLI_VIEWER:
            return app_viewer_main(&opts);
        case CLI_REPLAY:
            return app_replay_main(&opts);
        case CLI_BENCH:
            return app_bench_main(&opts);
        case CLI_SOAK:
            return app_soak_main(&opts);
        case CLI_SET_PIN:
            return app_set_pin_main(&opts);
        case CLI_INFO:
            return app_info_main(opts.info_argc, opts.info_argv);
        case CLI_QUIZ:
            return app_quiz_main(opts.info_argc, opts.info_argv);
    }
    return EXIT_INPUT;
}
