/* preview: orthographic software rasteriser (see preview.h). */
#include "preview.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image_write.h>

/* Maps a body point to (screen x right, screen y up, depth towards the viewer). */
static void project(const char *view, const float p[3], float out[3]) {
    if (strcmp(view, "posterior") == 0) {
        out[0] = p[0], out[1] = p[1], out[2] = -p[2];
    } else if (strcmp(view, "left") == 0) {
        out[0] = -p[2], out[1] = p[1], out[2] = p[0];
    } else if (strcmp(view, "right") == 0) {
        out[0] = p[2], out[1] = p[1], out[2] = -p[0];
    } else if (strcmp(view, "superior") == 0) {
        out[0] = -p[0], out[1] = -p[2], out[2] = p[1];
    } else if (strcmp(view, "inferior") == 0) {
        out[0] = -p[0], out[1] = p[2], out[2] = -p[1];
    } else { /* anterior: the body faces the viewer, its left on screen right */
        out[0] = -p[0], out[1] = p[1], out[2] = p[2];
    }
}

bool preview_write_png(const char *path, const char *view, const PreviewItem *items, int count,
                       int width, int height, float y_min, float y_max) {
    float lo[2] = {FLT_MAX, FLT_MAX}, hi[2] = {-FLT_MAX, -FLT_MAX};
    for (int i = 0; i < count; i++) {
        const Mesh *m = items[i].mesh;
        for (uint32_t v = 0; v < m->vcount; v++) {
            float q[3];
            if (m->pos[3 * v + 1] < y_min || m->pos[3 * v + 1] > y_max) {
                continue;
            }
            project(view, m->pos + 3 * v, q);
            for (int c = 0; c < 2; c++) {
                lo[c] = q[c] < lo[c] ? q[c] : lo[c];
                hi[c] = q[c] > hi[c] ? q[c] : hi[c];
            }
        }
    }
    float sx = (float)(width - 8) / (hi[0] - lo[0]), sy = (float)(height - 8) / (hi[1] - lo[1]);
    float s = sx < sy ? sx : sy;
    float cx = 0.5f * (lo[0] + hi[0]), cy = 0.5f * (lo[1] + hi[1]);
    size_t npx = (size_t)width * (size_t)height;
    float *z = malloc(npx * sizeof(float));
    unsigned char *img = malloc(npx * 3);
    if (!z || !img) {
        free(z);
        free(img);
        return false;
    }
    for (size_t i = 0; i < npx; i++) {
        z[i] = -FLT_MAX;
        img[3 * i] = 40;
        img[3 * i + 1] = 44;
        img[3 * i + 2] = 52;
    }
    for (int it = 0; it < count; it++) {
        const Mesh *m = items[it].mesh;
        for (uint32_t t = 0; t + 2 < m->icount; t += 3) {
            float q[3][3], nz = 0;
            for (int k = 0; k < 3; k++) {
                uint32_t v = m->idx[t + (uint32_t)k];
                float pq[3], nq[3];
                project(view, m->pos + 3 * v, pq);
                project(view, m->nrm + 3 * v, nq);
                q[k][0] = (pq[0] - cx) * s + (float)width * 0.5f;
                q[k][1] = (float)height * 0.5f - (pq[1] - cy) * s;
                q[k][2] = pq[2];
                nz += nq[2] / 3.0f;
            }
            float area = (q[1][0] - q[0][0]) * (q[2][1] - q[0][1]) -
                         (q[2][0] - q[0][0]) * (q[1][1] - q[0][1]);
            if (fabsf(area) < 1e-9f) {
                continue;
            }
            float shade = 0.25f + 0.75f * (nz > 0 ? nz : 0);
            int x0 = (int)floorf(fminf(q[0][0], fminf(q[1][0], q[2][0])));
            int x1 = (int)ceilf(fmaxf(q[0][0], fmaxf(q[1][0], q[2][0])));
            int y0 = (int)floorf(fminf(q[0][1], fminf(q[1][1], q[2][1])));
            int y1 = (int)ceilf(fmaxf(q[0][1], fmaxf(q[1][1], q[2][1])));
            x0 = x0 < 0 ? 0 : x0;
            y0 = y0 < 0 ? 0 : y0;
            x1 = x1 >= width ? width - 1 : x1;
            y1 = y1 >= height ? height - 1 : y1;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    float px = (float)x + 0.5f, py = (float)y + 0.5f;
                    float w0 =
                        ((q[1][0] - px) * (q[2][1] - py) - (q[2][0] - px) * (q[1][1] - py)) / area;
                    float w1 =
                        ((q[2][0] - px) * (q[0][1] - py) - (q[0][0] - px) * (q[2][1] - py)) / area;
                    float w2 = 1.0f - w0 - w1;
                    if (w0 < 0 || w1 < 0 || w2 < 0) {
                        continue;
                    }
                    float d = w0 * q[0][2] + w1 * q[1][2] + w2 * q[2][2];
                    size_t pi = (size_t)y * (size_t)width + (size_t)x;
                    if (d <= z[pi]) {
                        continue;
                    }
                    z[pi] = d;
                    for (int c = 0; c < 3; c++) {
                        img[3 * pi + (size_t)c] =
                            (unsigned char)fminf(255.0f, (float)items[it].rgb[c] * shade);
                    }
                }
            }
        }
    }
    int okw = stbi_write_png(path, width, height, 3, img, width * 3);
    free(z);
    free(img);
    return okw != 0;
}
