#include "core/pin.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/drawing_file.h"
#include "core/fileio.h"

_Static_assert(PIN_HASH_MAX >= crypto_pwhash_STRBYTES, "PIN_HASH_MAX too small");

static bool say(char *err, size_t err_cap, const char *msg) {
    if (err && err_cap) {
        snprintf(err, err_cap, "%s", msg);
    }
    return false;
}

bool pin_is_valid(const char *pin) {
    size_t n = pin ? strlen(pin) : 0;
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (pin[i] < '0' || pin[i] > '9') {
            return false;
        }
    }
    return true;
}

bool pin_hash(const char *pin, char *out, size_t cap, char *err, size_t err_cap) {
    if (!pin_is_valid(pin)) {
        char msg[96];
        snprintf(msg, sizeof msg, "a PIN is %d to %d digits", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        return say(err, err_cap, msg);
    }
    if (cap < crypto_pwhash_STRBYTES) {
        return say(err, err_cap, "no room for the PIN hash");
    }
    if (sodium_init() < 0) {
        return say(err, err_cap, "libsodium could not start");
    }
    if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return say(err, err_cap, "hashing the PIN failed (out of memory?)");
    }
    return true;
}

bool pin_hash_verify(const char *hash, const char *pin) {
    if (!hash || !pin || sodium_init() < 0) {
        return false;
    }
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

bool pin_set(const char *path, const char *pin, char *err, size_t err_cap) {
    char hash[PIN_HASH_MAX + 1];
    if (!pin_hash(pin, hash, PIN_HASH_MAX, err, err_cap)) {
        return false;
    }
    size_t n = strlen(hash);
    hash[n] = '\n';
    bool ok = drawing_file_write_private(path, hash, n + 1, err, err_cap);
    sodium_memzero(hash, sizeof hash);
    return ok;
}

bool pin_is_set(const char *path) {
    return file_is_regular(path);
}

PinCheck pin_check(const char *path, const char *pin, char *err, size_t err_cap) {
    if (!file_is_regular(path)) {
        say(err, err_cap, "no PIN is set (painmap --set-pin)");
        return PIN_NOT_SET;
    }
    char *data = NULL;
    size_t len = 0;
    if (!file_read_all(path, &data, &len, err, err_cap)) {
        return PIN_FAILED;
    }
    while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r' || data[len - 1] == ' ')) {
        data[--len] = '\0';
    }
    PinCheck r = PIN_FAILED;
    if (len == 0 || len >= crypto_pwhash_STRBYTES ||
        strncmp(data, crypto_pwhash_argon2id_STRPREFIX, strlen(crypto_pwhash_argon2id_STRPREFIX)) !=
            0) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s: not a PIN hash (set the PIN again: painmap --set-pin)",
                 path);
        say(err, err_cap, msg);
    } else {
        r = pin_is_valid(pin) && pin_hash_verify(data, pin) ? PIN_MATCH : PIN_WRONG;
    }
    free(data);
    return r;
}

int pin_backoff_sec(int wrong_tries) {
    if (wrong_tries < PIN_FREE_TRIES) {
        return 0;
    }
    int wait = PIN_WAIT_FIRST_SEC;
    for (int i = PIN_FREE_TRIES; i < wrong_tries && wait < PIN_WAIT_MAX_SEC; i++) {
        wait *= 2;
    }
    return wait > PIN_WAIT_MAX_SEC ? PIN_WAIT_MAX_SEC : wait;
}

void pin_guard_init(PinGuard *g) {
    g->wrong = 0;
    g->next_try_sec = 0.0;
}

double pin_guard_wait_sec(const PinGuard *g, double now_sec) {
    double left = g->next_try_sec - now_sec;
    return left > 0.0 ? left : 0.0;
}

void pin_guard_record(PinGuard *g, bool matched, double now_sec) {
    if (matched) {
        pin_guard_init(g);
        return;
    }
    if (g->wrong < 1000) {
        g->wrong++;
    }
    g->next_try_sec = now_sec + (double)pin_backoff_sec(g->wrong);
}
