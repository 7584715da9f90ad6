/* log: the one place painmap writes diagnostics, with levels.
 * Owns the current level (process-wide); writes to stderr, or to a sink set by tests.
 * Depends on nothing but the C library. */
#ifndef PAINMAP_CORE_LOG_H
#define PAINMAP_CORE_LOG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_QUIET } LogLevel;

/* Messages below `level` are dropped. Default: LOG_INFO (LOG_DEBUG if PAINMAP_LOG=debug). */
void log_set_level(LogLevel level);
LogLevel log_get_level(void);
/* Redirect output (NULL restores stderr). Used by tests to capture messages. */
void log_set_sink(FILE *sink);
/* Parses "debug", "info", "warn", "error", "quiet"; false if unknown. */
bool log_parse_level(const char *name, LogLevel *out_level);

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void log_msg(LogLevel level, const char *fmt, ...);

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
