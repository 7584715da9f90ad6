#include "core/log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static LogLevel g_level = LOG_INFO;
static bool g_level_from_env_done = false;
static FILE *g_sink = NULL;

static void log_init_from_env(void) {
    if (g_level_from_env_done) {
        return;
    }
    g_level_from_env_done = true;
    const char *env = getenv("PAINMAP_LOG");
    LogLevel level;
    if (env && log_parse_level(env, &level)) {
        g_level = level;
    }
}

void log_set_level(LogLevel level) {
    g_level_from_env_done = true;
    g_level = level;
}

LogLevel log_get_level(void) {
    log_init_from_env();
    return g_level;
}

void log_set_sink(FILE *sink) {
    g_sink = sink;
}

bool log_parse_level(const char *name, LogLevel *out_level) {
    static const char *const names[] = {"debug", "info", "warn", "error", "quiet"};
    for (int i = 0; i < 5; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out_level = (LogLevel)i;
            return true;
        }
    }
    return false;
}

void log_msg(LogLevel level, const char *fmt, ...) {
    log_init_from_env();
    if (level < g_level || level >= LOG_QUIET) {
        return;
    }
    static const char *const prefix[] = {"debug", "info", "warning", "error"};
    FILE *out = g_sink ? g_sink : stderr;
    fprintf(out, "painmap: %s: ", prefix[level]);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
    fflush(out);
}
