#include "content/content_diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"

void content_diag_free(ContentDiag *diag) {
    for (int i = 0; i < diag->count; i++) {
        free(diag->lines[i]);
    }
    free(diag->lines);
    diag->lines = NULL;
    diag->count = 0;
    diag->cap = 0;
}

static void diag_push(ContentDiag *diag, char *line) {
    if (!line) {
        return;
    }
    /* a paired entry is checked once per side; its problems are reported once */
    for (int i = 0; i < diag->count; i++) {
        if (strcmp(diag->lines[i], line) == 0) {
            free(line);
            return;
        }
    }
    if (diag->count == diag->cap) {
        int cap = diag->cap ? diag->cap * 2 : 16;
        char **lines = realloc(diag->lines, (size_t)cap * sizeof *lines);
        if (!lines) {
            free(line);
            return;
        }
        diag->lines = lines;
        diag->cap = cap;
    }
    diag->lines[diag->count++] = line;
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) {
        memcpy(d, s, n);
    }
    return d;
}

void content_diag_add_line(ContentDiag *diag, const char *line) {
    diag_push(diag, dup_str(line));
}

void content_diag_add(ContentDiag *diag, const char *file, const char *path, const char *fmt, ...) {
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char line[1024];
    if (path && path[0]) {
        snprintf(line, sizeof line, "%s:%s: %s", file, path, msg);
    } else {
        snprintf(line, sizeof line, "%s: %s", file, msg);
    }
    diag_push(diag, dup_str(line));
}

void content_diag_append(ContentDiag *dst, const ContentDiag *src) {
    for (int i = 0; i < src->count; i++) {
        diag_push(dst, dup_str(src->lines[i]));
    }
}

void json_path_key(char *out, size_t cap, const char *base, const char *key) {
    if (!base || !base[0]) {
        str_copy(out, cap, key);
    } else {
        snprintf(out, cap, "%s.%s", base, key);
    }
}

void json_path_index(char *out, size_t cap, const char *base, int index) {
    snprintf(out, cap, "%s[%d]", base ? base : "", index);
}

const char *content_suggest(const char *bad, const char *const *candidates, int count) {
    const char *best = NULL;
    int best_d = 1 << 30;
    for (int i = 0; i < count; i++) {
        int d = str_edit_distance(bad, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    int len = (int)strlen(bad);
    int limit = len / 3 > 2 ? len / 3 : 2;
    return best_d <= limit ? best : NULL;
}

int content_suggest_many(const char *bad, const char *const *candidates, int count,
                         const char **out, int max_out) {
    int n = 0;
    int dist[16];
    if (max_out > 16) {
        max_out = 16;
    }
    for (int i = 0; i < count; i++) {
        int d = str_edit_distance(bad, candidates[i]);
        /* a candidate that contains the query as a prefix counts as close */
        if (strncmp(candidates[i], bad, strlen(bad)) == 0 && d > 1) {
            d = 1;
        }
        int pos = n;
        while (pos > 0 && dist[pos - 1] > d) {
            pos--;
        }
        if (pos >= max_out) {
            continue;
        }
        int last = n < max_out ? n : max_out - 1;
        for (int k = last; k > pos; k--) {
            out[k] = out[k - 1];
            dist[k] = dist[k - 1];
        }
        out[pos] = candidates[i];
        dist[pos] = d;
        if (n < max_out) {
            n++;
        }
    }
    return n;
}
