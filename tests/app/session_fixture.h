/* The real session with the null renderer, for the app's layout, keyboard and text-view
 * tests: painmap [--locale L] [--kiosk] at w x h pixels, its content loaded. */
#ifndef PAINMAP_TESTS_SESSION_FIXTURE_H
#define PAINMAP_TESTS_SESSION_FIXTURE_H

#include <stdlib.h>

#include "app/cli.h"
#include "app/session.h"

static Session *fixture_session(int w, int h, const char *locale, bool kiosk) {
    char *argv[] = {"painmap", "--locale", (char *)locale, kiosk ? "--kiosk" : NULL, NULL};
    CliOptions o;
    char err[256];
    assert_true(cli_parse(kiosk ? 4 : 3, argv, &o, err, sizeof err));
    Session *s = calloc(1, sizeof *s);
    assert_non_null(s);
    assert_int_equal(session_open(s, &o, SESSION_NULL, w, h), 0);
    assert_true(s->rv_loaded);
    return s;
}

#endif
