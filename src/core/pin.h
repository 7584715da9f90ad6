/* pin: the therapist's PIN that unlocks kiosk mode: kept only as an Argon2id hash
 * (libsodium crypto_pwhash_str, interactive limits) in a private file in the user's folder,
 * checked against that hash, and a back-off after repeated wrong tries (pure). Owns no
 * state beyond a PinGuard the caller holds. No SDL, no GL. */
#ifndef PAINMAP_CORE_PIN_H
#define PAINMAP_CORE_PIN_H

#include <stdbool.h>
#include <stddef.h>

enum {
    PIN_MIN_DIGITS = 4,
    PIN_MAX_DIGITS = 12,
    PIN_FREE_TRIES = 5, /* wrong tries allowed before the first wait */
    PIN_HASH_MAX = 128, /* bytes, NUL included (crypto_pwhash_STRBYTES) */
    PIN_WAIT_FIRST_SEC = 30,
    PIN_WAIT_MAX_SEC = 900
};

typedef enum {
    PIN_MATCH = 0,
    PIN_WRONG,   /* a PIN is set and this is not it */
    PIN_NOT_SET, /* no PIN file: kiosk mode cannot be unlocked (painmap --set-pin) */
    PIN_FAILED   /* the file is unreadable or damaged, or the hash could not be checked */
} PinCheck;

/* True for 4 to 12 ASCII digits. */
bool pin_is_valid(const char *pin);
/* The Argon2id hash string of pin into out (cap >= PIN_HASH_MAX). False (err says why) if the
 * PIN is not valid or hashing failed (e.g. out of memory). */
bool pin_hash(const char *pin, char *out, size_t cap, char *err, size_t err_cap);
/* True when pin matches a hash made by pin_hash. */
bool pin_hash_verify(const char *hash, const char *pin);
/* Hashes pin and writes the hash to path (atomic, mode 0600). */
bool pin_set(const char *path, const char *pin, char *err, size_t err_cap);
/* True when path holds a PIN hash (it may still be damaged; pin_check says). */
bool pin_is_set(const char *path);
/* Checks pin against the hash stored at path. err gets a reason for PIN_FAILED. */
PinCheck pin_check(const char *path, const char *pin, char *err, size_t err_cap);

/* Seconds to wait before the next try after wrong_tries wrong PINs in a row: 0 for the first
 * PIN_FREE_TRIES, then 30 s, doubling with each further wrong PIN, at most 15 minutes. */
int pin_backoff_sec(int wrong_tries);

/* The wrong-try count and when the next try is allowed (times in seconds on any monotonic
 * clock the caller uses). Zero-initialise, or pin_guard_init. */
typedef struct PinGuard {
    int wrong;
    double next_try_sec;
} PinGuard;

void pin_guard_init(PinGuard *g);
/* Seconds left before a try is accepted (0 = now). */
double pin_guard_wait_sec(const PinGuard *g, double now_sec);
/* Records a checked try: a match resets the count; a wrong PIN counts and sets the wait. */
void pin_guard_record(PinGuard *g, bool matched, double now_sec);

#endif
