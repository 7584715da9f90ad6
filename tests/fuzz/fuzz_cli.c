/* Fuzzes cli_parse: the input split at NUL bytes becomes argv[1..] (at most 32 arguments). */
#include "app/cli.h"
#include "fuzz_common.h"

enum { FUZZ_MAX_ARGS = 32 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *parts[FUZZ_MAX_ARGS];
    size_t lens[FUZZ_MAX_ARGS];
    int n = size ? fuzz_split(data, size, FUZZ_MAX_ARGS, parts, lens) : 0;
    char *argv[FUZZ_MAX_ARGS + 2];
    char prog[] = "painmap";
    argv[0] = prog;
    for (int i = 0; i < n; i++) {
        argv[i + 1] = malloc(lens[i] + 1);
        if (!argv[i + 1]) {
            abort();
        }
        memcpy(argv[i + 1], parts[i], lens[i]);
        argv[i + 1][lens[i]] = '\0';
    }
    argv[n + 1] = NULL;
    CliOptions opts;
    char err[256];
    if (cli_parse(n + 1, argv, &opts, err, sizeof err)) {
        if (opts.width < 0 || opts.width > CLI_MAX_SIZE_PX || opts.height < 0 ||
            opts.height > CLI_MAX_SIZE_PX) {
            abort();
        }
        if (opts.command == CLI_INFO && (opts.info_argc < 0 || opts.info_argc > n)) {
            abort();
        }
    } else if (strlen(err) == 0) {
        abort(); /* every refusal says why */
    }
    for (int i = 0; i < n; i++) {
        free(argv[i + 1]);
    }
    return 0;
}
