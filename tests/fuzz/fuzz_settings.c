/* Fuzzes settings_parse; settings that load must write out and load back the same. */
#include "core/settings.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = fuzz_copy(data, size);
    char err[512];
    Settings s;
    if (settings_parse(text, size, "settings.json", &s, err, sizeof err)) {
        char *json = settings_to_json(&s);
        Settings back;
        if (!json || !settings_parse(json, strlen(json), "again.json", &back, err, sizeof err)) {
            fprintf(stderr, "settings written from a loaded file do not load: %s\n", err);
            abort();
        }
        if (back.map != s.map || strcmp(back.locale, s.locale) != 0 ||
            back.reduced_motion != s.reduced_motion || back.high_contrast != s.high_contrast ||
            back.idle_minutes != s.idle_minutes || back.paper != s.paper) {
            abort();
        }
        free(json);
    }
    free(text);
    return 0;
}
