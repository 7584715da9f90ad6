/* cmd_info: the text-and-JSON commands `painmap list`, `painmap query` and
 * `painmap check-content`. They load the assets folder through referral/ref_assets and
 * print facts with their citations; they never open a window. Exit codes: 0 ok,
 * 1 environment (assets folder missing or unreadable), 2 bad input (bad option, unknown
 * id, invalid content). */
#ifndef PAINMAP_APP_CMD_INFO_H
#define PAINMAP_APP_CMD_INFO_H

#include <stdio.h>

/* argv[0] is the subcommand ("list", "query", "check-content"); the rest its arguments.
 * Finds the assets folder itself (--assets-dir, $PAINMAP_ASSETS_DIR, beside the program). */
int app_info_main(int argc, char **argv);

/* The same, writing results to out and diagnostics to err; exe_dir (may be NULL) is where
 * the program lives, for finding assets beside it. This is what tests call. */
int app_info_run(int argc, char **argv, const char *exe_dir, FILE *out, FILE *err);

#endif
