#include "app/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#endif

#include "app/screens_internal.h"
#include "app/ui_bridge.h"
#include "core/drawing.h"
#include "core/fileio.h"
#include "core/log.h"
#include "core/settings.h"
#include "core/strutil.h"
#include "platform/plat_text.h"

/* The viewer's settings from the user's folder; a damaged file is reported and left as it
 * is (defaults are used until the user changes something). Headless runs use defaults, so
 * a picture or a replay is the same on every machine. */
static void load_settings(Session *s) {
    const char *dir = plat_user_dir();
    if (!dir || !path_join(s->settings_path, sizeof s->settings_path, dir, "settings.json")) {
        s->settings_path[0] = '\0';
        return;
    }
    if (!file_is_regular(s->settings_path)) {
        return;
    }
    char *data = NULL;
    size_t len = 0;
    char err[1024];
    if (!file_read_all(s->settings_path, &data, &len, err, sizeof err) ||
        !settings_parse(data, len, s->settings_path, &s->screens.settings, err, sizeof err)) {
        log_warn("%s; using the default settings", err);
    }
    free(data);
}

static void save_settings(Session *s) {
    if (!s->settings_path[0]) {
        return;
    }
    char *json = settings_to_json(&s->screens.settings);
    char err[1024];
    if (!json || !file_write_atomic(s->settings_path, json, strlen(json), err, sizeof err)) {
        log_warn("could not save the settings: %s", json ? err : "out of memory");
    }
    free(json);
}

/* Puts the settings into effect: the map, the theme, reduced motion. */
static void apply_settings(Session *s) {
    const Settings *st = &s->screens.settings;
    if (s->rv_loaded) {
        int map = ref_map_find(&s->rv.assets.engine, derm_map_name(st->map));
        s->rv.map = map >= 0 ? map : s->rv.map;
    }
    UiTheme theme;
    if (st->high_contrast) {
        ui_theme_high_contrast(&theme);
    } else {
        ui_theme_default(&theme);
    }
    ui_set_theme(s->ui, &theme);
    s->viewer.reduced_motion = st->reduced_motion;
}

/* The installed languages, for the settings and the kiosk's first step. */
static void list_locales(Session *s) {
    char content_dir[4200];
    snprintf(content_dir, sizeof content_dir, "%s/content", s->assets_dir);
    char codes[SCREENS_LOCALES_MAX][CONTENT_LOCALE_CAP];
    int n = content_list_locales(content_dir, codes, SCREENS_LOCALES_MAX);
    Screens *sc = &s->screens;
    sc->locale_count = 0;
    for (int i = 0; i < n && i < SCREENS_LOCALES_MAX; i++) {
        str_copy(sc->locales[i], sizeof sc->locales[i], codes[i]);
        content_locale_name(content_dir, codes[i], sc->locale_names[i], sizeof sc->locale_names[i]);
        sc->locale_count++;
    }
    sc->locale_now = s->locale;
}

/* The locale to load for a wish ("es", "system", "" ...): one that is installed. */
static void choose_locale(Session *s, const char *wish) {
    char content_dir[4200];
    snprintf(content_dir, sizeof content_dir, "%s/content", s->assets_dir);
    content_choose_locale(content_dir, wish, s->locale, sizeof s->locale);
}

static void start_study(Session *s) {
    char serr[1024];
    if (!s->rv_loaded || s->kiosk.enabled) {
        return;
    }
    if (study_screen_init(&s->study, s->assets_dir, &s->rv, s->headless ? NULL : plat_user_dir(),
                          serr, sizeof serr)) {
        /* headless runs (replays, pictures) get the same quiz on every machine */
        time_t now = time(NULL);
        s->study.seed = s->headless ? 0 : (uint64_t)now;
        s->study.today = s->headless ? 0 : leitner_day_from_unix((long long)now);
        s->screens.study = &s->study;
    } else {
        log_warn("study mode is off: %s", serr);
    }
}

bool session_set_locale(Session *s, const char *wish) {
    char before[sizeof s->locale];
    str_copy(before, sizeof before, s->locale);
    choose_locale(s, wish);
    if (s->rv_loaded && strcmp(before, s->locale) == 0) {
        return true;
    }
    /* the words change, the place in the app stays: source, map and marks carry over */
    int source = s->rv.source, map = s->rv.map, mark_zone = s->rv.mark_zone;
    bool mark_set = s->rv.mark_point_set;
    float mark[3];
    memcpy(mark, s->rv.mark_point_mm, sizeof mark);
    bool quiz = s->screens.study != NULL;
    if (quiz) {
        study_screen_shutdown(&s->study);
        s->screens.study = NULL;
    }
    if (s->rv_loaded) {
        refview_unload(&s->rv, s->gfx);
    }
    char err[4096];
    s->rv_loaded =
        refview_load(&s->rv, s->assets_dir, s->locale, &s->scene, s->gfx, err, sizeof err);
    if (!s->rv_loaded) {
        log_error("%s", err);
        return false;
    }
    s->rv.source = source;
    s->rv.map = map;
    s->rv.mark_zone = mark_zone;
    s->rv.mark_point_set = mark_set;
    memcpy(s->rv.mark_point_mm, mark, sizeof mark);
    if (quiz) {
        start_study(s);
    }
    ui_forget_text_sizes(s->ui);
    s->viewer.dirty = true;
#ifdef __GLIBC__
    /* loading the content takes a few megabytes for a moment: give them back to the system
     * rather than keep them resident for the rest of a kiosk's day */
    malloc_trim(0);
#endif
    return true;
}

int session_open(Session *s, const CliOptions *opts, SessionMode mode, int w, int h) {
    memset(s, 0, sizeof *s);
    bool headless = mode != SESSION_WINDOW;
    s->headless = headless;
    s->msaa = opts->msaa;
    s->show_ui = true;
    AppPaths paths;
    int rc = app_resolve_paths(opts, &paths);
    if (rc != EXIT_OK) {
        return rc;
    }
    char err[8192] = "";
    double t0 = plat_time_sec();
    if (mode != SESSION_NULL && !plat_init(headless, err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    PlatWindowDesc wd = {
        .title = "painmap",
        .width = headless ? 64 : (w > 0 ? w : 1280),
        .height = headless ? 64 : (h > 0 ? h : 800),
        .api = opts->gles ? PLAT_GLES30 : PLAT_GL_AUTO,
        .headless = headless,
        .fullscreen = opts->fullscreen,
        .vsync = !headless,
    };
    if (mode != SESSION_NULL && !plat_window_create(&wd, &s->win, err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    s->lod = opts->lod;
    if (s->win) {
        log_debug("%s, video driver %s", plat_window_api_name(s->win), plat_video_driver());
        s->software = plat_window_is_software(s->win);
    }
    /* No GPU: a shown viewer draws the tablet level without multisampling unless told
     * otherwise. On llvmpipe (2 cores, 1280x800) the full level with 4x MSAA takes ~80 ms a
     * frame, the tablet level without it under 20 ms (docs/performance.md). Pictures
     * (render, replay) stay as asked: they are drawn once, and tests compare them. */
    if (s->software && mode == SESSION_WINDOW) {
        if (!opts->lod_set) {
            s->lod = LOD_TABLET;
        }
        if (!opts->msaa_set) {
            s->msaa = 1;
        }
        log_info("drawing without a GPU (%s): the %s level, %s (--lod and --msaa choose)",
                 plat_window_api_name(s->win), lod_name(s->lod),
                 s->msaa > 1 ? "multisampled" : "no multisampling");
    }
    double t1 = plat_time_sec();
    s->open_window_sec = t1 - t0;
    GfxDesc gd = {.backend = mode == SESSION_NULL ? GFX_BACKEND_NULL : GFX_BACKEND_GL,
                  .gles = s->win && plat_window_is_gles(s->win),
                  .shaders_dir = paths.shaders_dir,
                  .cache_dir = mode == SESSION_NULL ? NULL : plat_cache_dir()};
    if (!gfx_create(&gd, &s->gfx, err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    /* The first start on this machine and driver compiled GLSL, which leaves Mesa's GLSL
     * compiler and its built-in library resident (~6-8 MiB) for as long as the context
     * lives. The programs are in the cache now: a fresh context links them from there, and
     * that memory goes back. Once per machine and driver version; ~20 ms. */
    GfxStats made = gfx_get_stats(s->gfx);
    if (s->win && made.programs_stored > 0 &&
        made.programs_cached + made.programs_stored == made.programs_linked) {
        gfx_destroy(s->gfx);
        s->gfx = NULL;
        if (!plat_window_renew_context(s->win, err, sizeof err) ||
            !gfx_create(&gd, &s->gfx, err, sizeof err)) {
            log_error("%s", err);
            return EXIT_ENV;
        }
        s->context_renewed = true;
#ifdef __GLIBC__
        malloc_trim(0);
#endif
    }
    overlay_init(&s->overlay, s->gfx);
    double t2 = plat_time_sec();
    s->open_shaders_sec = t2 - t1;
    if (!plat_text_init(paths.assets_dir, err, sizeof err)) {
        log_error("%s", err);
        return EXIT_ENV;
    }
    s->text_ready = true;
    double t3 = plat_time_sec();
    s->open_fonts_sec = t3 - t2;
    /* a rendered picture is never tapped: no picking hierarchy (~10 % of render's time) */
    bool picking = opts->command != CLI_RENDER;
    if (!scene_load(&s->scene, s->gfx, paths.model_path, s->lod, picking, err, sizeof err)) {
        log_error("%s", err);
        return paths.model_path[0] ? EXIT_INPUT : EXIT_ENV; /* a damaged model is bad input */
    }
    double t4 = plat_time_sec();
    s->open_model_sec = t4 - t3;
    /* the settings first: they choose the language of the content */
    screens_init(&s->screens);
    if (!headless) {
        load_settings(s);
    }
    str_copy(s->assets_dir, sizeof s->assets_dir, paths.assets_dir);
    str_copy(s->screens.home_locale, sizeof s->screens.home_locale,
             opts->locale ? opts->locale : s->screens.settings.locale);
    choose_locale(s, s->screens.home_locale);
    /* Without the content the body still shows; the UI says what is missing. */
    s->rv_loaded =
        refview_load(&s->rv, paths.assets_dir, s->locale, &s->scene, s->gfx, err, sizeof err);
    if (!s->rv_loaded) {
        log_error("%s", err);
    }
    list_locales(s);
    s->open_content_sec = plat_time_sec() - t4;
    UiDesc ud = {.measure = ui_bridge_measure};
    s->ui = ui_create(&ud);
    if (!s->ui) {
        log_error("out of memory for the user interface");
        return EXIT_ENV;
    }
    int dw = w, dh = h;
    if (!headless) {
        plat_window_drawable_size(s->win, &dw, &dh);
    }
    viewer_init(&s->viewer, &s->scene, opts->view, opts->layer_mask, dw, dh);
    s->viewer.fullscreen = opts->fullscreen;
    if (!headless) {
        session_prune_drawings(s);
    }
    if (opts->map_set) {
        s->screens.settings.map = opts->map;
    }
    apply_settings(s);
    kiosk_init(&s->kiosk, opts->kiosk);
    start_study(s);
    /* reading aloud is offered when speech-dispatcher answers (never in headless runs) */
    s->screens.speech_ok = !headless && plat_speech_available();
    const char *user_dir = opts->kiosk ? plat_user_dir() : NULL;
    if (user_dir) {
        path_join(s->kiosk.pin_path, sizeof s->kiosk.pin_path, user_dir, "pin");
    }
    if (opts->kiosk) {
        kiosk_reset(&s->kiosk, &s->screens, &s->viewer, &s->scene, &s->rv);
        s->kiosk.resets = 0;
    }
    return EXIT_OK;
}

void session_close(Session *s) {
    plat_speech_shutdown();
    screens_free(&s->screens);
    study_screen_shutdown(&s->study);
    free(s->skin_area);
    if (s->ui) {
        ui_destroy(s->ui);
    }
    if (s->gfx) {
        overlay_shutdown(&s->overlay);
        if (s->rv_loaded) {
            refview_unload(&s->rv, s->gfx);
        }
        scene_unload(&s->scene, s->gfx);
    }
    if (s->text_ready) {
        plat_text_shutdown();
    }
    gfx_destroy(s->gfx);
    plat_window_destroy(s->win);
    plat_shutdown();
    memset(s, 0, sizeof *s);
}

bool session_step(Session *s, const InputFrame *input, float dt_sec) {
    static const InputFrame empty = {0};
    Viewer *v = &s->viewer;
    if (!input) {
        input = &empty;
    }
    s->elapsed_sec += dt_sec;
    if (input->width_px > 0 && input->height_px > 0 &&
        (input->width_px != v->w || input->height_px != v->h)) {
        v->w = input->width_px;
        v->h = input->height_px;
        v->dirty = true;
    }
    float scale = input->pixel_scale > 0.0f ? input->pixel_scale : 1.0f;
    scale *= s->screens.settings.text_scale;
    v->ui_scale = scale;
    /* the caption and phase the UI shows come from the timeline at this moment */
    refview_sample(&s->rv, screens_display_time(&s->screens));
    ui_begin(s->ui, input, v->w, v->h, scale, dt_sec);
    kiosk_observe(&s->kiosk, input, dt_sec, scale);
    if (s->kiosk.enabled && !s->kiosk.unlocked) {
        kiosk_build(&s->kiosk, &s->screens, s->ui, v, &s->scene, &s->rv);
    } else if (s->show_ui && v->w >= SESSION_UI_MIN_PX && v->h >= SESSION_UI_MIN_PX) {
        /* (a window squeezed below this shows the body alone: laying the cards out in a few
         * pixels would only wrap every word onto its own line) */
        screens_build(&s->screens, s->ui, v, &s->scene, &s->rv);
        if (!s->framed) {
            /* the first view, now that the UI's bar and notice are known */
            s->framed = true;
            viewer_view_camera(v, &s->scene, v->view, &v->cam);
        }
        if (s->kiosk.enabled) {
            /* a therapist unlocked the kiosk: one tap gives it back to the patient */
            UiButtonOpts o = {.selected = true, .bold = true};
            UiSize bs = ui_button_size_ex(s->ui, screens_tr(&s->rv, "kiosk_relock"), &o);
            float pad = ui_px(s->ui, 10.0f);
            ui_area_begin(s->ui, (UiRect){pad, (float)v->h - bs.h - pad, bs.w, bs.h});
            if (ui_button_ex(s->ui, TRID(&s->rv, "kiosk_relock"), &o)) {
                kiosk_reset(&s->kiosk, &s->screens, v, &s->scene, &s->rv);
            }
            ui_area_end(s->ui);
        }
    }
    ui_end(s->ui);
    ui_filter_input(s->ui, input, &s->filtered);
    if (s->screens.want_locale[0]) {
        session_set_locale(s, s->screens.want_locale);
        s->screens.want_locale[0] = '\0';
    }
    if (s->screens.text_request != SCREENS_TEXT_NONE) {
        /* the text view's buttons: the words of this frame to the clipboard or to speech */
        static char text[8192];
        screens_screen_text(&s->screens, v, &s->scene, &s->rv, text, sizeof text);
        if (s->screens.text_request == SCREENS_TEXT_COPY) {
            plat_clipboard_set(text);
        } else if (s->screens.text_request == SCREENS_TEXT_SPEAK) {
            plat_speak(text, s->locale);
        } else {
            plat_speech_stop();
        }
        s->screens.text_request = SCREENS_TEXT_NONE;
    }
    paint_sync_viewer(&s->screens.paint, v);
    viewer_update(v, &s->scene, &s->filtered, dt_sec, NULL);
    session_paint_step(s);
    bool playing = screens_advance(&s->screens, dt_sec);
    if (kiosk_tick(&s->kiosk, &s->screens, v, &s->scene, &s->rv, input->count > 0, dt_sec)) {
        v->dirty = true;
    }
    if (s->screens.settings_changed) {
        s->screens.settings_changed = false;
        apply_settings(s);
        save_settings(s);
        session_prune_drawings(s);
        str_copy(s->screens.home_locale, sizeof s->screens.home_locale, s->screens.settings.locale);
        session_set_locale(s, s->screens.settings.locale);
        v->dirty = true;
    }
    if (s->screens.changed || playing || ui_redraw_needed(s->ui)) {
        v->dirty = true;
    }
    return v->dirty;
}

bool session_is_animating(const Session *s) {
    return viewer_is_animating(&s->viewer) || s->screens.play.playing || ui_is_animating(s->ui);
}

/* One half (or all) of the picture: the body with one source's animation, or a drawing. */
/* The drawing on the skin: all of it when the skin holds other paint, else only the region
 * it changed in since it was last painted (nothing when it did not change). */
static void paint_drawing(Session *s, Drawing *d) {
    Scene *sc = &s->scene;
    float lo[3], hi[3];
    DrawingDirty dirty = drawing_take_dirty(d, lo, hi);
    bool ours = d == s->painted && sc->skin_paint_uploads == s->painted_uploads;
    sc->skin_paint_strength = 1.0f;
    if (ours && dirty == DRAWING_DIRTY_NONE) {
        return;
    }
    /* each quality's pattern too, so the drawing reads in greyscale */
    DrawingPaintDesc pd = {.patterns = true};
    if (ours && dirty == DRAWING_DIRTY_BOX) {
        pd.box_min = lo;
        pd.box_max = hi;
    }
    drawing_paint_vertices(d, sc->skin_positions, sc->skin_vertex_count, 3, &pd, sc->skin_paint,
                           NULL);
    scene_upload_skin_paint(sc, s->gfx);
    s->painted = d;
    s->painted_uploads = sc->skin_paint_uploads;
}

static void draw_scene_part(Session *s, int source, Drawing *drawing, int x, int w, bool keep) {
    Viewer *v = &s->viewer;
    int saved = s->rv.source;
    s->rv.source = source;
    refview_apply(&s->rv, &s->scene, s->gfx, screens_display_time(&s->screens),
                  (v->layer_mask & LAYER_BIT(LAYER_ZONES)) != 0,
                  (v->layer_mask & LAYER_BIT(LAYER_DERMATOMES)) != 0, drawing == NULL);
    if (drawing && s->scene.skin_paint) {
        paint_drawing(s, drawing);
    }
    /* a drawing shows on the skin alone, solid, like a paper body map */
    bool paper = drawing && !s->drawing;
    bool keep_opaque = s->scene.skin_opaque;
    s->scene.skin_opaque |= paper;
    FrameDesc frame;
    scene_build_frame(&s->scene, &v->cam, paper ? LAYER_BIT(LAYER_SKIN) : v->layer_mask, w, v->h,
                      &frame);
    s->scene.skin_opaque = keep_opaque;
    refview_add_signal(&s->rv, &s->scene, &frame);
    frame.viewport[0] = x;
    frame.viewport[1] = 0;
    frame.viewport[2] = w;
    frame.viewport[3] = v->h;
    frame.keep_contents = keep;
    gfx_draw_frame(s->gfx, &frame);
    s->rv.source = saved;
}

/* An empty stretch of background (beside a split view). */
static void clear_strip(Session *s, int x, int w) {
    FrameDesc frame;
    scene_build_frame(&s->scene, &s->viewer.cam, 0u, w, s->viewer.h, &frame);
    frame.item_count = 0;
    frame.viewport[0] = x;
    frame.viewport[1] = 0;
    frame.viewport[2] = w;
    frame.viewport[3] = s->viewer.h;
    frame.keep_contents = false;
    gfx_draw_frame(s->gfx, &frame);
}

bool session_draw(Session *s) {
    Viewer *v = &s->viewer;
    char err[1024];
    if (v->w < 1 || v->h < 1) {
        v->dirty = false; /* minimised: nothing to draw until it comes back */
        return true;
    }
    if (!gfx_set_offscreen(s->gfx, v->w, v->h, s->msaa, err, sizeof err)) {
        log_error("%s", err);
        return false;
    }
    bool compare = s->rv_loaded && s->rv.source >= 0 && s->screens.compare_source >= 0;
    int half = v->w / 2;
    if (s->screens.paint.compare_open) {
        /* two visits side by side with one camera, beside the card that compares them */
        int area = v->w - (int)s->screens.reserve_right_px;
        area = area < v->w / 2 ? v->w : area;
        half = area / 2;
        draw_scene_part(s, -1, session_drawing_for(s, 0), 0, half, false);
        draw_scene_part(s, -1, session_drawing_for(s, 1), half, area - half, false);
        if (area < v->w) {
            clear_strip(s, area, v->w - area);
        }
    } else if (compare) {
        /* side by side with one camera: the same view of two sources, beside the playback
         * panel when it is docked on the right */
        int area = v->w - (int)s->screens.reserve_right_px;
        area = area < v->w / 2 ? v->w : area;
        half = area / 2;
        draw_scene_part(s, s->rv.source, NULL, 0, half, false);
        draw_scene_part(s, s->screens.compare_source, NULL, half, area - half, false);
        if (area < v->w) {
            clear_strip(s, area, v->w - area);
        }
    } else {
        draw_scene_part(s, s->rv.source, session_drawing_for(s, 0), 0, v->w, false);
    }
    if (!s->show_ui && !s->kiosk.enabled) {
        v->dirty = false; /* a plain figure: the body alone */
        s->frames_drawn++;
        return true;
    }
    FrameDesc ui_frame;
    memset(&ui_frame, 0, sizeof ui_frame);
    ui_frame.keep_contents = true;
    int ncmd = 0;
    const UiCommand *cmds = ui_commands(s->ui, &ncmd);
    overlay_begin(&s->overlay);
    ui_bridge_draw(&s->overlay, cmds, ncmd);
    overlay_end(&s->overlay, &ui_frame);
    gfx_draw_frame(s->gfx, &ui_frame);
    v->dirty = false;
    s->frames_drawn++;
    return true;
}

bool session_save_png(Session *s, const char *path) {
    int w = s->viewer.w, h = s->viewer.h;
    uint8_t *px = malloc((size_t)w * (size_t)h * 4);
    char err[1024];
    bool ok = px && gfx_read_pixels(s->gfx, px) && app_write_png(path, px, w, h, err, sizeof err);
    if (!ok) {
        log_error("could not write the picture: %s", px ? err : "out of memory");
    }
    free(px);
    return ok;
}
