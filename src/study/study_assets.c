#include "study/study_assets.h"

#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/strutil.h"

bool study_assets_load(const char *assets_dir, const char *locale, const LandmarkSet *landmarks,
                       StudyAssets *out, char *err, size_t err_cap) {
    memset(out, 0, sizeof *out);
    if (err_cap > 0) {
        err[0] = '\0';
    }
    char path[4096];
    if (!path_join(path, sizeof path, assets_dir, "anatomy/skin_points.json")) {
        return str_fail(err, err_cap, "%s: path too long", assets_dir);
    }
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, err_cap)) {
        return false;
    }
    bool ok = landmarks_parse(data, len, "anatomy/skin_points.json", &out->skin, err, err_cap);
    free(data);
    if (!ok || !study_text_load(assets_dir, locale, &out->text, err, err_cap)) {
        study_assets_free(out);
        return false;
    }
    out->have_exits = nerve_exit_load(assets_dir, landmarks, &out->exits, err, err_cap);
    return true;
}

void study_assets_free(StudyAssets *sa) {
    if (!sa) {
        return;
    }
    landmarks_free(&sa->skin);
    study_text_free(&sa->text);
    memset(sa, 0, sizeof *sa);
}

void study_quiz_data(const StudyAssets *sa, const RefAssets *ra, int map, QuizData *out) {
    memset(out, 0, sizeof *out);
    out->content = &ra->content;
    out->engine = &ra->engine;
    out->skin = &sa->skin;
    out->text = &sa->text;
    out->exits = sa->have_exits ? &sa->exits : NULL;
    out->map = map >= 0 ? map : ref_map_find(&ra->engine, NULL);
}
