#include "app/overlay.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"
#include "platform/plat_text.h"

struct OverlayText {
    uint64_t hash;
    int next; /* the next entry in the same hash bucket, -1 = none */
    int font;
    int size_px;
    char *text;
    GfxTexture texture;
    int w, h;
    uint32_t last_frame;
};

enum { TEXT_CACHE_MAX = 1024, TEXT_UNUSED_FRAMES = 240, TEXT_BUCKETS = 1024 };

/* Rebuilds the hash chains (after entries moved). */
static void rehash(Overlay *o) {
    for (int b = 0; b < TEXT_BUCKETS; b++) {
        o->text_buckets[b] = -1;
    }
    for (int i = 0; i < o->text_count; i++) {
        int b = (int)(o->texts[i].hash % TEXT_BUCKETS);
        o->texts[i].next = o->text_buckets[b];
        o->text_buckets[b] = i;
    }
}

void overlay_init(Overlay *o, Gfx *gfx) {
    memset(o, 0, sizeof *o);
    o->gfx = gfx;
}

void overlay_shutdown(Overlay *o) {
    for (int i = 0; i < o->text_count; i++) {
        gfx_destroy_texture(o->gfx, o->texts[i].texture);
        free(o->texts[i].text);
    }
    free(o->texts);
    free(o->text_buckets);
    free(o->verts);
    free(o->batches);
    memset(o, 0, sizeof *o);
}

static void evict(Overlay *o, int i) {
    gfx_destroy_texture(o->gfx, o->texts[i].texture);
    free(o->texts[i].text);
    o->texts[i] = o->texts[--o->text_count];
}

void overlay_begin(Overlay *o) {
    o->vert_count = 0;
    o->batch_count = 0;
    o->clip = false;
    o->failed = false;
    o->frame++;
    bool evicted = false;
    for (int i = o->text_count - 1; i >= 0; i--) {
        if (o->frame - o->texts[i].last_frame > TEXT_UNUSED_FRAMES) {
            evict(o, i);
            evicted = true;
        }
    }
    if (evicted && o->text_buckets) {
        rehash(o);
    }
}

/* Reserves n vertices in a batch with this texture (a new batch when the texture or the
 * clip changes). */
static Gfx2DVertex *reserve(Overlay *o, GfxTexture tex, uint32_t n) {
    if (o->vert_count + n > o->vert_cap) {
        uint32_t cap = o->vert_cap ? o->vert_cap * 2 : 4096;
        while (cap < o->vert_count + n) {
            cap *= 2;
        }
        Gfx2DVertex *v = realloc(o->verts, cap * sizeof *v);
        if (!v) {
            o->failed = true;
            return NULL;
        }
        o->verts = v;
        o->vert_cap = cap;
    }
    Gfx2DBatch *last = o->batch_count ? &o->batches[o->batch_count - 1] : NULL;
    bool same = last && last->texture.id == tex.id && last->clip == o->clip &&
                (!o->clip || memcmp(last->clip_rect, o->clip_rect, sizeof o->clip_rect) == 0);
    if (!same) {
        if (o->batch_count == o->batch_cap) {
            int cap = o->batch_cap ? o->batch_cap * 2 : 64;
            Gfx2DBatch *b = realloc(o->batches, (size_t)cap * sizeof *b);
            if (!b) {
                o->failed = true;
                return NULL;
            }
            o->batches = b;
            o->batch_cap = cap;
        }
        last = &o->batches[o->batch_count++];
        memset(last, 0, sizeof *last);
        last->texture = tex;
        last->first = o->vert_count;
        last->clip = o->clip;
        memcpy(last->clip_rect, o->clip_rect, sizeof o->clip_rect);
    }
    Gfx2DVertex *v = o->verts + o->vert_count;
    o->vert_count += n;
    last->count += n;
    memset(v, 0, n * sizeof *v);
    return v;
}

/* A quad given by its centre, half extents along two unit axes, and shape values. */
static void quad(Overlay *o, GfxTexture tex, float cx, float cy, float ax, float ay, float hx,
                 float hy, float radius, float outline, const float rgba[4], const float uv[4],
                 float pad) {
    Gfx2DVertex *v = reserve(o, tex, 6);
    if (!v) {
        return;
    }
    /* grow by `pad` pixels so anti-aliased edges are not cut off */
    float ex = hx + pad, ey = hy + pad;
    static const float corner[6][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, -1}, {1, 1}, {-1, 1}};
    for (int i = 0; i < 6; i++) {
        float lx = corner[i][0] * ex, ly = corner[i][1] * ey;
        v[i].x = cx + lx * ax - ly * ay;
        v[i].y = cy + lx * ay + ly * ax;
        v[i].u = uv ? (corner[i][0] < 0 ? uv[0] : uv[2]) : 0.0f;
        v[i].v = uv ? (corner[i][1] < 0 ? uv[1] : uv[3]) : 0.0f;
        memcpy(v[i].rgba, rgba, sizeof v[i].rgba);
        v[i].local[0] = lx;
        v[i].local[1] = ly;
        v[i].half[0] = hx;
        v[i].half[1] = hy;
        v[i].radius = radius;
        v[i].outline = outline;
    }
}

void overlay_rect(Overlay *o, float x, float y, float w, float h, float radius,
                  const float rgba[4]) {
    if (w <= 0.0f || h <= 0.0f) {
        return;
    }
    quad(o, (GfxTexture){0}, x + 0.5f * w, y + 0.5f * h, 1.0f, 0.0f, 0.5f * w, 0.5f * h, radius,
         0.0f, rgba, NULL, 1.0f);
}

void overlay_outline(Overlay *o, float x, float y, float w, float h, float radius, float thickness,
                     const float rgba[4]) {
    if (w <= 0.0f || h <= 0.0f || thickness <= 0.0f) {
        return;
    }
    quad(o, (GfxTexture){0}, x + 0.5f * w, y + 0.5f * h, 1.0f, 0.0f, 0.5f * w, 0.5f * h, radius,
         thickness, rgba, NULL, 1.0f);
}

void overlay_line(Overlay *o, float x0, float y0, float x1, float y1, float thickness,
                  const float rgba[4]) {
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    float ax = len > 1e-4f ? dx / len : 1.0f, ay = len > 1e-4f ? dy / len : 0.0f;
    float r = 0.5f * thickness;
    quad(o, (GfxTexture){0}, 0.5f * (x0 + x1), 0.5f * (y0 + y1), ax, ay, 0.5f * len + r, r, r, 0.0f,
         rgba, NULL, 1.0f);
}

static uint64_t hash_text(int font, int size, const char *text, int len) {
    uint64_t h = str_hash(STR_HASH_SEED, &font, sizeof font);
    h = str_hash(h, &size, sizeof size);
    return str_hash(h, text, (size_t)len);
}

static OverlayText *find_text(Overlay *o, int font, float size_px, const char *text, int len) {
    int size = (int)(size_px + 0.5f);
    uint64_t h = hash_text(font, size, text, len);
    if (!o->text_buckets) {
        o->text_buckets = malloc(sizeof(int) * TEXT_BUCKETS);
        if (!o->text_buckets) {
            return NULL;
        }
        rehash(o);
    }
    for (int i = o->text_buckets[h % TEXT_BUCKETS]; i >= 0; i = o->texts[i].next) {
        OverlayText *t = &o->texts[i];
        if (t->hash == h && t->font == font && t->size_px == size &&
            strncmp(t->text, text, (size_t)len) == 0 && t->text[len] == '\0') {
            t->last_frame = o->frame;
            return t;
        }
    }
    if (o->text_count == TEXT_CACHE_MAX) {
        /* full: drop the least recently used run */
        int oldest = 0;
        for (int i = 1; i < o->text_count; i++) {
            if (o->texts[i].last_frame < o->texts[oldest].last_frame) {
                oldest = i;
            }
        }
        evict(o, oldest);
        rehash(o);
    }
    if (o->text_count == o->text_cap) {
        int cap = o->text_cap ? o->text_cap * 2 : 64;
        OverlayText *n = realloc(o->texts, (size_t)cap * sizeof *n);
        if (!n) {
            return NULL;
        }
        o->texts = n;
        o->text_cap = cap;
    }
    PlatTextImage img;
    if (!plat_text_render(font, (float)size, text, len, &img)) {
        return NULL;
    }
    OverlayText *t = &o->texts[o->text_count];
    memset(t, 0, sizeof *t);
    t->text = malloc((size_t)len + 1);
    t->texture = gfx_create_texture(o->gfx, img.w, img.h, img.rgba);
    if (!t->text || !t->texture.id) {
        free(t->text);
        gfx_destroy_texture(o->gfx, t->texture);
        plat_text_free(&img);
        return NULL;
    }
    memcpy(t->text, text, (size_t)len);
    t->text[len] = '\0';
    t->hash = h;
    t->font = font;
    t->size_px = size;
    t->w = img.w;
    t->h = img.h;
    t->last_frame = o->frame;
    plat_text_free(&img);
    int b = (int)(h % TEXT_BUCKETS);
    t->next = o->text_buckets[b];
    o->text_buckets[b] = o->text_count;
    o->text_count++;
    return t;
}

float overlay_text(Overlay *o, int font, float size_px, float x, float y, float box_h,
                   const char *text, int len, const float rgba[4]) {
    if (len <= 0) {
        return 0.0f;
    }
    OverlayText *t = find_text(o, font, size_px, text, len);
    if (!t) {
        return 0.0f;
    }
    if (box_h > 0.0f) {
        y += 0.5f * (box_h - (float)t->h);
    }
    /* snap to whole pixels so glyphs stay crisp */
    float px = floorf(x + 0.5f), py = floorf(y + 0.5f);
    float hw = 0.5f * (float)t->w, hh = 0.5f * (float)t->h;
    const float uv[4] = {0.0f, 0.0f, 1.0f, 1.0f};
    quad(o, t->texture, px + hw, py + hh, 1.0f, 0.0f, hw, hh, 0.0f, 0.0f, rgba, uv, 0.0f);
    return (float)t->w;
}

void overlay_clip(Overlay *o, float x, float y, float w, float h) {
    o->clip = w > 0.0f && h > 0.0f;
    o->clip_rect[0] = x;
    o->clip_rect[1] = y;
    o->clip_rect[2] = w;
    o->clip_rect[3] = h;
}

void overlay_end(Overlay *o, FrameDesc *frame) {
    frame->ui_vertices = o->verts;
    frame->ui_batches = o->batches;
    frame->ui_batch_count = o->batch_count;
}
