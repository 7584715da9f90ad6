/* The text view says in words what is on the screen: the structure chosen, the pattern playing
 * with its phase and caption, the where-it-hurts list and the urgent signs when open; in the
 * language shown. Real session, null renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/screens_internal.h"
#include "app/session.h"
#include "session_fixture.h"

static const char *screen_text(Session *s) {
    static char text[8192];
    session_step(s, NULL, 0.016f);
    screens_screen_text(&s->screens, &s->viewer, &s->scene, &s->rv, text, sizeof text);
    return text;
}

static void test_says_what_is_shown(void **state) {
    (void)state;
    Session *s = fixture_session(1280, 800, "en", false);
    const ContentDb *db = &s->rv.assets.content;
    assert_non_null(strstr(screen_text(s), "Explore"));
    /* a structure chosen: its name and its text */
    s->viewer.selected = scene_find(&s->scene, "piriformis_r");
    int st = content_find_structure(db, "piriformis_r");
    const char *text = screen_text(s);
    assert_non_null(strstr(text, db->structures[st].plain_name));
    assert_non_null(strstr(text, db->structures[st].patient_text));
    s->viewer.selected = -1;
    /* a pattern playing: its name, its phase and this moment's caption */
    int src = content_find_source(db, "gluteus_medius_r");
    screens_play_source(&s->screens, &s->viewer, &s->scene, &s->rv, src);
    s->screens.play.t_sec = 4.5f;
    s->screens.play.playing = false;
    text = screen_text(s);
    assert_non_null(strstr(text, db->sources[src].plain_name));
    assert_non_null(s->rv.sample.caption);
    assert_non_null(strstr(text, s->rv.sample.caption));
    assert_non_null(strstr(text, content_ui(db, "phase_primary", "?")));
    /* the urgent signs, when their card is open */
    s->screens.redflags_open = true;
    text = screen_text(s);
    assert_non_null(strstr(text, db->redflag_groups[0].items[0].text));
    session_close(s);
    free(s);
}

static void test_in_the_language_shown(void **state) {
    (void)state;
    Session *s = fixture_session(1280, 800, "es", false);
    const char *text = screen_text(s);
    assert_non_null(strstr(text, "Explorar"));
    assert_null(strstr(text, "Explore"));
    session_close(s);
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_says_what_is_shown),
        cmocka_unit_test(test_in_the_language_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
