#include "ui/input_replay.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    InputEventKind kind;
    const char *name;
} KINDS[] = {
    {INPUT_POINTER_DOWN, "down"},
    {INPUT_POINTER_MOVE, "move"},
    {INPUT_POINTER_UP, "up"},
    {INPUT_WHEEL, "wheel"},
    {INPUT_KEY_PRESS, "key"},
    {INPUT_TEXT, "text"},
    {INPUT_RESIZE, "resize"},
    {INPUT_FOCUS_LOST, "focus_lost"},
    {INPUT_FOCUS_GAINED, "focus_gained"},
    {INPUT_EXPOSE, "expose"},
};

static const struct {
    InputKey key;
    const char *name;
} KEYS[] = {
    {INPUT_KEY_ESCAPE, "escape"}, {INPUT_KEY_ENTER, "enter"},
    {INPUT_KEY_TAB, "tab"},       {INPUT_KEY_BACKSPACE, "backspace"},
    {INPUT_KEY_LEFT, "left"},     {INPUT_KEY_RIGHT, "right"},
    {INPUT_KEY_UP, "up"},         {INPUT_KEY_DOWN, "down"},
    {INPUT_KEY_SPACE, "space"},   {INPUT_KEY_HOME, "home"},
    {INPUT_KEY_PLUS, "plus"},     {INPUT_KEY_MINUS, "minus"},
    {INPUT_KEY_F11, "f11"},       {INPUT_KEY_F12, "f12"},
};

/* Coordinates beyond this are not a screen: reject them rather than overflow later. */
static const double COORD_MAX = 1e6;

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static bool
fail(char *err, size_t err_cap, const char *name, int line, const char *fmt, ...) {
    int n = snprintf(err, err_cap, "%s:%d: ", name, line);
    if (n >= 0 && (size_t)n < err_cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, err_cap - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool get_num(const cJSON *obj, const char *key, double lo, double hi, double def,
                    double *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        *out = def;
        return true;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < lo ||
        v->valuedouble > hi) {
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static bool get_size(const cJSON *obj, int *w, int *h) {
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, "size");
    if (!s) {
        return true;
    }
    if (!cJSON_IsArray(s) || cJSON_GetArraySize(s) != 2) {
        return false;
    }
    const cJSON *a = cJSON_GetArrayItem(s, 0), *b = cJSON_GetArrayItem(s, 1);
    if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b) || !(a->valuedouble >= 0.0) ||
        !(b->valuedouble >= 0.0) || a->valuedouble > 16384.0 || b->valuedouble > 16384.0) {
        return false;
    }
    *w = (int)a->valuedouble;
    *h = (int)b->valuedouble;
    return true;
}

static bool parse_event(const cJSON *e, InputEvent *out, const char **why) {
    memset(out, 0, sizeof *out);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, "k");
    if (!cJSON_IsObject(e) || !cJSON_IsString(k)) {
        *why = "an event must be an object with a string \"k\"";
        return false;
    }
    bool found = false;
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        if (strcmp(k->valuestring, KINDS[i].name) == 0) {
            out->kind = KINDS[i].kind;
            found = true;
        }
    }
    if (!found) {
        *why = "unknown event kind";
        return false;
    }
    double p, b, x, y, wy, w, h;
    if (!get_num(e, "p", 0, 10, 0, &p) || !get_num(e, "b", 0, 3, 0, &b) ||
        !get_num(e, "x", -COORD_MAX, COORD_MAX, 0, &x) ||
        !get_num(e, "y", -COORD_MAX, COORD_MAX, 0, &y) || !get_num(e, "wy", -1e4, 1e4, 0, &wy) ||
        !get_num(e, "w", 0, 16384, 0, &w) || !get_num(e, "h", 0, 16384, 0, &h)) {
        *why = "a number is missing its range (p 0..10, b 0..3, x and y within 1e6, wy within "
               "1e4, w and h 0..16384)";
        return false;
    }
    out->pointer_id = (int)p;
    out->button = (int)b;
    out->x_px = (float)x;
    out->y_px = (float)y;
    out->wheel_y = (float)wy;
    out->width_px = (int)w;
    out->height_px = (int)h;
    out->ctrl = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "ctrl"));
    out->shift = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "shift"));
    if (out->kind == INPUT_KEY_PRESS) {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(e, "key");
        const cJSON *ch = cJSON_GetObjectItemCaseSensitive(e, "ch");
        if (cJSON_IsString(ch) && strlen(ch->valuestring) == 1 &&
            (unsigned char)ch->valuestring[0] >= 32 && (unsigned char)ch->valuestring[0] < 127) {
            out->key = INPUT_KEY_CHAR;
            out->ch = ch->valuestring[0];
        } else if (cJSON_IsString(key)) {
            for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
                if (strcmp(key->valuestring, KEYS[i].name) == 0) {
                    out->key = KEYS[i].key;
                }
            }
        }
        if (out->key == INPUT_KEY_NONE) {
            *why = "a key event needs \"key\" (a known key name) or \"ch\" (one character)";
            return false;
        }
    }
    if (out->kind == INPUT_TEXT) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "s");
        if (!cJSON_IsString(s) || strlen(s->valuestring) >= sizeof out->text ||
            !s->valuestring[0]) {
            *why = "a text event needs \"s\" with 1 to 7 bytes of text";
            return false;
        }
        memcpy(out->text, s->valuestring, strlen(s->valuestring) + 1);
    }
    return true;
}

void replay_free(Replay *replay) {
    free(replay->frames);
    free(replay->events);
    memset(replay, 0, sizeof *replay);
}

static bool grow(void **p, int *cap, int need, size_t elem) {
    if (need <= *cap) {
        return true;
    }
    int n = *cap ? *cap : 64;
    while (n < need) {
        n *= 2;
    }
    void *q = realloc(*p, (size_t)n * elem);
    if (!q) {
        return false;
    }
    *p = q;
    *cap = n;
    return true;
}

bool replay_parse(const char *data, size_t len, const char *name, Replay *out, char *err,
                  size_t err_cap) {
    memset(out, 0, sizeof *out);
    int frame_cap = 0, event_cap = 0;
    size_t pos = 0;
    int line = 0;
    bool header = false;
    double last_t = 0.0;
    char *buf = NULL;
    size_t buf_cap = 0;
    bool ok = true;
    while (ok && pos < len) {
        size_t end = pos;
        while (end < len && data[end] != '\n') {
            end++;
        }
        line++;
        size_t n = end - pos;
        if (n + 1 > buf_cap) {
            char *nb = realloc(buf, n + 1);
            if (!nb) {
                ok = fail(err, err_cap, name, line, "out of memory");
                break;
            }
            buf = nb;
            buf_cap = n + 1;
        }
        memcpy(buf, data + pos, n);
        buf[n] = '\0';
        pos = end + 1;
        size_t blank = strspn(buf, " \t\r");
        if (buf[blank] == '\0') {
            continue;
        }
        cJSON *j = cJSON_ParseWithLength(buf, n);
        if (!j || !cJSON_IsObject(j)) {
            cJSON_Delete(j);
            ok = fail(err, err_cap, name, line, "not a JSON object");
            break;
        }
        if (!header) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "painmap_replay");
            if (!cJSON_IsNumber(v)) {
                ok = fail(err, err_cap, name, line,
                          "the first line must be the header "
                          "{\"painmap_replay\":1,...}");
            } else if (v->valuedouble != REPLAY_VERSION) {
                ok = fail(err, err_cap, name, line,
                          "replay version %g is not known (this "
                          "painmap reads version %d)",
                          v->valuedouble, REPLAY_VERSION);
            } else if (!get_size(j, &out->width_px, &out->height_px)) {
                ok = fail(err, err_cap, name, line, "\"size\" must be [width, height] in pixels");
            }
            header = true;
            cJSON_Delete(j);
            continue;
        }
        double t = 0.0, scale = 1.0;
        ReplayFrame fr;
        memset(&fr, 0, sizeof fr);
        if (!get_num(j, "t", 0.0, 1e7, -1.0, &t) || t < 0.0) {
            ok = fail(err, err_cap, name, line, "\"t\" must be seconds from 0 (and not NaN)");
        } else if (t < last_t) {
            ok = fail(err, err_cap, name, line, "time goes back (%.3f after %.3f)", t, last_t);
        } else if (!get_size(j, &fr.width_px, &fr.height_px)) {
            ok = fail(err, err_cap, name, line, "\"size\" must be [width, height] in pixels");
        } else if (!get_num(j, "scale", 0.25, 8.0, 1.0, &scale)) {
            ok = fail(err, err_cap, name, line, "\"scale\" must be from 0.25 to 8");
        } else if (out->frame_count >= REPLAY_MAX_FRAMES) {
            ok = fail(err, err_cap, name, line, "more than %d frames", REPLAY_MAX_FRAMES);
        }
        const cJSON *evs = cJSON_GetObjectItemCaseSensitive(j, "events");
        if (ok && evs && !cJSON_IsArray(evs)) {
            ok = fail(err, err_cap, name, line, "\"events\" must be an array");
        }
        if (ok) {
            fr.t_sec = t;
            fr.pixel_scale = (float)scale;
            fr.first_event = out->event_count;
            int ne = evs ? cJSON_GetArraySize(evs) : 0;
            if (ne > INPUT_MAX_EVENTS) {
                ok = fail(err, err_cap, name, line, "more than %d events in one frame",
                          INPUT_MAX_EVENTS);
            } else if (!grow((void **)&out->events, &event_cap, out->event_count + ne,
                             sizeof *out->events) ||
                       !grow((void **)&out->frames, &frame_cap, out->frame_count + 1,
                             sizeof *out->frames)) {
                ok = fail(err, err_cap, name, line, "out of memory");
            }
            for (int i = 0; ok && i < ne; i++) {
                const char *why = NULL;
                if (!parse_event(cJSON_GetArrayItem(evs, i), &out->events[out->event_count],
                                 &why)) {
                    ok = fail(err, err_cap, name, line, "events[%d]: %s", i, why);
                } else {
                    out->event_count++;
                }
            }
            if (ok) {
                fr.event_count = ne;
                out->frames[out->frame_count++] = fr;
                last_t = t;
            }
        }
        cJSON_Delete(j);
    }
    free(buf);
    if (ok && !header) {
        ok = fail(err, err_cap, name, line ? line : 1, "empty file: no replay header");
    }
    if (!ok) {
        replay_free(out);
    }
    return ok;
}

void replay_frame_input(const Replay *replay, int i, InputFrame *out_frame) {
    const ReplayFrame *fr = &replay->frames[i];
    out_frame->count = 0;
    out_frame->dropped = 0;
    out_frame->quit = false;
    out_frame->width_px = fr->width_px;
    out_frame->height_px = fr->height_px;
    out_frame->pixel_scale = fr->pixel_scale;
    for (int k = 0; k < fr->event_count; k++) {
        input_push(out_frame, &replay->events[fr->first_event + k]);
    }
}

bool replay_write_header(FILE *f, int width_px, int height_px) {
    return fprintf(f, "{\"painmap_replay\":%d,\"size\":[%d,%d]}\n", REPLAY_VERSION, width_px,
                   height_px) > 0;
}

static const char *kind_name(InputEventKind kind) {
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        if (KINDS[i].kind == kind) {
            return KINDS[i].name;
        }
    }
    return "expose";
}

bool replay_write_frame(FILE *f, double t_sec, const InputFrame *frame) {
    if (fprintf(f, "{\"t\":%.4f,\"size\":[%d,%d],\"scale\":%g,\"events\":[", t_sec, frame->width_px,
                frame->height_px, (double)frame->pixel_scale) < 0) {
        return false;
    }
    for (int i = 0; i < frame->count; i++) {
        const InputEvent *e = &frame->events[i];
        fprintf(f, "%s{\"k\":\"%s\"", i ? "," : "", kind_name(e->kind));
        switch (e->kind) {
            case INPUT_POINTER_DOWN:
            case INPUT_POINTER_MOVE:
            case INPUT_POINTER_UP:
                fprintf(f, ",\"p\":%d,\"b\":%d,\"x\":%.2f,\"y\":%.2f", e->pointer_id, e->button,
                        (double)e->x_px, (double)e->y_px);
                break;
            case INPUT_WHEEL:
                fprintf(f, ",\"wy\":%.3f,\"x\":%.2f,\"y\":%.2f", (double)e->wheel_y,
                        (double)e->x_px, (double)e->y_px);
                break;
            case INPUT_KEY_PRESS:
                if (e->key == INPUT_KEY_CHAR) {
                    if (e->ch == '"' || e->ch == '\\') {
                        fprintf(f, ",\"ch\":\"\\%c\"", e->ch);
                    } else {
                        fprintf(f, ",\"ch\":\"%c\"", e->ch);
                    }
                } else {
                    for (size_t k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++) {
                        if (KEYS[k].key == e->key) {
                            fprintf(f, ",\"key\":\"%s\"", KEYS[k].name);
                        }
                    }
                }
                fprintf(f, ",\"ctrl\":%s,\"shift\":%s", e->ctrl ? "true" : "false",
                        e->shift ? "true" : "false");
                break;
            case INPUT_TEXT: {
                cJSON *s = cJSON_CreateString(e->text);
                char *js = s ? cJSON_PrintUnformatted(s) : NULL;
                fprintf(f, ",\"s\":%s", js ? js : "\"\"");
                cJSON_free(js);
                cJSON_Delete(s);
                break;
            }
            case INPUT_RESIZE:
                fprintf(f, ",\"w\":%d,\"h\":%d", e->width_px, e->height_px);
                break;
            default:
                break;
        }
        fputc('}', f);
    }
    return fprintf(f, "]}\n") > 0;
}
