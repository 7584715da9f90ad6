/* painmap --set-pin: the staff PIN that unlocks kiosk mode, stored as an Argon2id hash in
 * the user's folder (readable by the user only). The PIN itself is never stored. */
#include <stdio.h>
#include <string.h>

#include "app/app_internal.h"
#include "core/log.h"
#include "core/pin.h"
#include "core/strutil.h"
#include "platform/plat.h"

int app_set_pin_main(const CliOptions *opts) {
    (void)opts;
    const char *dir = plat_user_dir();
    char path[4096];
    if (!dir || !path_join(path, sizeof path, dir, "pin")) {
        log_error("no user folder to keep the PIN in; set PAINMAP_USER_DIR to a writable folder");
        return EXIT_ENV;
    }
    char pin[64], again[64];
    if (!plat_read_secret("New staff PIN (4 to 12 digits): ", pin, sizeof pin) ||
        !plat_read_secret("The same PIN again: ", again, sizeof again)) {
        log_error("--set-pin: no PIN was given");
        return EXIT_INPUT;
    }
    int rc = EXIT_OK;
    char err[512];
    if (!pin_is_valid(pin)) {
        log_error("--set-pin: a PIN is 4 to 12 digits");
        rc = EXIT_INPUT;
    } else if (strcmp(pin, again) != 0) {
        log_error("--set-pin: the two PINs differ; nothing was changed");
        rc = EXIT_INPUT;
    } else if (!pin_set(path, pin, err, sizeof err)) {
        log_error("--set-pin: %s", err);
        rc = EXIT_ENV;
    } else {
        printf("The staff PIN is set (%s).\n", path);
    }
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    return rc;
}
