/* Every action is reachable by keyboard: on each screen, Tab visits every enabled button,
 * checkbox, switch, slider, field and list item that is on screen (the focused one is marked
 * in the frame's description, which is also what the text view and speech use), and Enter
 * on a focused button acts as a click. Runs the real session with the null renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/screens_internal.h"
#include "app/session.h"
#include "session_fixture.h"

enum { LINES_MAX = 512, LINE_CAP = 200 };

typedef struct {
    char lines[LINES_MAX][LINE_CAP];
    int count;
} Widgets;

static void frame(Session *s, InputKey key, bool shift) {
    InputFrame in;
    memset(&in, 0, sizeof in);
    in.width_px = 1280;
    in.height_px = 800;
    in.pixel_scale = 1.0f;
    if (key != INPUT_KEY_NONE) {
        in.events[0].kind = INPUT_KEY_PRESS;
        in.events[0].key = key;
        in.events[0].shift = shift;
        in.count = 1;
    }
    session_step(s, &in, 0.016f);
}

/* The focusable widgets of this frame ("button: Layers"), without their state. */
static void focusable(Session *s, Widgets *out, char *focused, size_t cap) {
    static char desc[1 << 16];
    ui_describe(s->ui, desc, sizeof desc);
    static const char *const roles[] = {
        "button: ", "checkbox: ", "switch:", "slider: ", "field: ", "item: "};
    out->count = 0;
    focused[0] = '\0';
    for (char *line = strtok(desc, "\n"); line; line = strtok(NULL, "\n")) {
        bool role = false;
        for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
            role = role || strncmp(line, roles[r], strlen(roles[r])) == 0;
        }
        if (!role || strstr(line, "(disabled)")) {
            continue;
        }
        char *mark = strstr(line, " (focused)");
        if (mark) {
            *mark = '\0';
        }
        /* states change as focus moves ("(selected)", "(on)", a slider's percent): compare
         * the names */
        char *state = strstr(line, " (");
        if (state) {
            *state = '\0';
        }
        if (strncmp(line, "slider: ", 8) == 0 && strchr(line + 8, ' ')) {
            *strchr(line + 8, ' ') = '\0';
        }
        if (mark) {
            snprintf(focused, cap, "%s", line);
        }
        if (out->count < LINES_MAX) {
            snprintf(out->lines[out->count++], LINE_CAP, "%s", line);
        }
    }
}

/* Tabs through the current screen: every focusable widget gets the focus. */
static int tab_through(Session *s, const char *what, int at_least) {
    Widgets all, now;
    char focused[LINE_CAP];
    frame(s, INPUT_KEY_NONE, false);
    frame(s, INPUT_KEY_NONE, false);
    focusable(s, &all, focused, sizeof focused);
    static bool seen[LINES_MAX];
    memset(seen, 0, sizeof seen);
    for (int t = 0; t < 2 * all.count + 4; t++) {
        frame(s, INPUT_KEY_TAB, false);
        focusable(s, &now, focused, sizeof focused);
        for (int i = 0; i < all.count; i++) {
            seen[i] = seen[i] || strcmp(all.lines[i], focused) == 0;
        }
    }
    int missed = 0;
    for (int i = 0; i < all.count; i++) {
        if (!seen[i]) {
            print_error("%s: Tab never reaches \"%s\"\n", what, all.lines[i]);
            missed++;
        }
    }
    if (all.count < at_least) {
        print_error("%s: only %d focusable widgets found\n", what, all.count);
        missed++;
    }
    return missed;
}

static void test_every_screen_by_tab(void **state) {
    (void)state;
    Session *s = fixture_session(1280, 800, "en", false);
    int missed = tab_through(s, "the bar", 8);
    s->screens.layers_open = true;
    missed += tab_through(s, "layers", 12);
    s->screens.layers_open = false;
    s->screens.settings_open = true;
    missed += tab_through(s, "settings", 8);
    s->screens.settings_open = false;
    screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_DRAW);
    missed += tab_through(s, "draw", 12);
    screens_set_mode(&s->screens, &s->viewer, &s->rv, VIEWER_EXPLORE);
    screens_play_source(&s->screens, &s->viewer, &s->scene, &s->rv,
                        content_find_source(&s->rv.assets.content, "piriformis_r"));
    missed += tab_through(s, "playback", 8);
    session_close(s);
    free(s);
    s = fixture_session(1280, 800, "en", true);
    missed += tab_through(s, "kiosk welcome", 2);
    session_close(s);
    free(s);
    assert_int_equal(missed, 0);
}

/* Tab to the Layers button and press Enter: the panel opens, as with a click. */
static void test_enter_activates(void **state) {
    (void)state;
    Session *s = fixture_session(1280, 800, "en", false);
    Widgets w;
    char focused[LINE_CAP] = "";
    frame(s, INPUT_KEY_NONE, false);
    for (int t = 0; t < 40 && strcmp(focused, "button: Layers") != 0; t++) {
        frame(s, INPUT_KEY_TAB, false);
        focusable(s, &w, focused, sizeof focused);
    }
    assert_string_equal(focused, "button: Layers");
    assert_false(s->screens.layers_open);
    frame(s, INPUT_KEY_ENTER, false);
    frame(s, INPUT_KEY_NONE, false);
    assert_true(s->screens.layers_open);
    session_close(s);
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen_by_tab),
        cmocka_unit_test(test_enter_activates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
