/* standalone: replays fuzz inputs without libFuzzer. Runs LLVMFuzzerTestOneInput once on every
 * regular file in the directories (or files) given, in sorted order, so a corpus and every
 * past crash input replay the same way each time, with gcc or under ASan+UBSan. A crash or
 * an abort() in a target fails the run; the last line names the input being run. */
#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one file; false when it cannot be read. */
static bool run_file(const char *path) {
    char *data = NULL;
    size_t len = 0;
    char err[512];
    if (!file_read_all(path, &data, &len, err, sizeof err)) {
        fprintf(stderr, "standalone: %s\n", err);
        return false;
    }
    /* an exact-size copy, so reading past the end is caught as it is under libFuzzer */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(data);
        return false;
    }
    memcpy(exact, data, len);
    free(data);
    fprintf(stderr, "running %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return true;
}

/* Runs every regular file in dir (sorted); returns how many ran, -1 when dir is unreadable. */
static int run_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue; /* ., .. and hidden files such as .gitkeep */
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) {
                abort();
            }
            names = nn;
        }
        size_t l = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(l);
        if (!names[n]) {
            abort();
        }
        snprintf(names[n], l, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n > 1) {
        qsort(names, n, sizeof *names, cmp_str);
    }
    int ran = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            ran += run_file(names[i]) ? 1 : 0;
        }
        free(names[i]);
    }
    free(names);
    return ran;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    int total = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            continue; /* e.g. no crash inputs saved yet for this target */
        }
        if (S_ISDIR(st.st_mode)) {
            int n = run_dir(argv[i]);
            if (n < 0) {
                fprintf(stderr, "standalone: cannot read the folder %s\n", argv[i]);
                return 1;
            }
            total += n;
        } else if (run_file(argv[i])) {
            total++;
        } else {
            return 1;
        }
    }
    printf("%d inputs ran without a failure\n", total);
    return total > 0 ? 0 : 1;
}
