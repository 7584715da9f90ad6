#include "render/gfx.h"

#include <epoxy/gl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/strutil.h"
#include "render/gfx_cache.h"

typedef struct {
    bool used;
    GLuint vao, vbo, paint_vbo, ibo;
    uint32_t vertex_count;
    uint32_t index_count;
    GLenum index_type; /* GL_UNSIGNED_SHORT when every index fits, else GL_UNSIGNED_INT */
} MeshSlot;

/* The mesh shader in four variants: with or without per-vertex paint (bones and muscles
 * have none: one value fewer to interpolate per pixel), lit per pixel or per vertex (for
 * meshes whose triangles are a few pixels each: the same look for a fraction of the work
 * on a software rasteriser, which runs the fragment shader over 4x4 blocks per triangle). */
typedef struct {
    GLuint program;
    GLint u_view_proj, u_offset_scale, u_color, u_emissive, u_paint_strength, u_eye, u_light_dir;
} MeshProgram;

enum { MESH_PAINTED = 1, MESH_VERTEX_LIT = 2, MESH_PROGRAMS = 4 };

enum { GFX_MAX_MESHES = 1024, GFX_MAX_TEXTURES = 4096 };

struct Gfx {
    GfxBackend backend;
    bool gles;
    const char *cache_dir; /* NULL, or cache_dir_buf */
    char cache_dir_buf[1024];
    MeshProgram mesh_programs[MESH_PROGRAMS];
    int current_program; /* while drawing a frame: index into mesh_programs, -1 = none */
    int repeat;          /* draws per mesh (gfx_set_repeat); 0 or 1 = once */
    MeshSlot meshes[GFX_MAX_MESHES]; /* slot i holds mesh id i + 1 */
    GLuint ui_program;
    GLint u_viewport, u_tex, u_use_tex;
    GLuint ui_vao, ui_vbo;
    size_t ui_vbo_bytes;
    GLuint textures[GFX_MAX_TEXTURES]; /* slot i holds texture id i + 1; 0 = free */
    bool texture_used[GFX_MAX_TEXTURES];
    /* offscreen target: a multisampled FBO resolved into a single-sample one */
    int width, height, samples;
    GLuint msaa_fbo, msaa_color, msaa_depth;
    GLuint resolve_fbo, resolve_color, resolve_depth;
    GfxStats stats;
};

static GLuint compile_shader(GLenum type, const char *path, bool gles, const char *const *parts,
                             int count, char *err, size_t err_cap) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, count, parts, NULL);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = "";
        glGetShaderInfoLog(shader, (GLsizei)sizeof log, NULL, log);
        glDeleteShader(shader);
        str_fail(err, err_cap, "%s: shader did not compile (%s):\n%s", path,
                 gles ? "GLSL ES 3.00" : "GLSL 3.30", log);
        return 0;
    }
    return shader;
}

/* name.vert + name.frag; common (may be "") is code both stages share (source string 1 in
 * the driver's messages). From the program cache when it holds this exact program. */
static GLuint build_program(Gfx *g, const char *dir, const char *name, const char *defines,
                            const char *common, char *err, size_t err_cap) {
    char vs_path[1024], fs_path[1024], file[64], why[512];
    snprintf(file, sizeof file, "%s.vert", name);
    bool ok = path_join(vs_path, sizeof vs_path, dir, file);
    snprintf(file, sizeof file, "%s.frag", name);
    ok = ok && path_join(fs_path, sizeof fs_path, dir, file);
    if (!ok) {
        str_fail(err, err_cap, "shaders folder path is too long: %s", dir);
        return 0;
    }
    char *vs_src = NULL, *fs_src = NULL;
    size_t len = 0;
    if (!file_read_all(vs_path, &vs_src, &len, why, sizeof why) ||
        !file_read_all(fs_path, &fs_src, &len, why, sizeof why)) {
        free(vs_src);
        str_fail(err, err_cap, "shader %s", why);
        return 0;
    }
    /* One GLSL body serves both APIs: only the version line (and ES precision) differs. */
    const char *version =
        g->gles ? "#version 300 es\nprecision highp float;\n" : "#version 330 core\n";
    const char *vs_parts[6] = {version, defines, "#line 1 1\n", common, "\n#line 1 0\n", vs_src};
    const char *fs_parts[6] = {version, defines, "#line 1 1\n", common, "\n#line 1 0\n", fs_src};
    char cache_name[96];
    snprintf(cache_name, sizeof cache_name, "%s%s", name, g->gles ? "-es" : "");
    uint64_t key = g->cache_dir ? gfx_cache_key(vs_parts, 6, fs_parts, 6) : 0;
    GLuint prog = glCreateProgram();
    g->stats.programs_linked++;
    if (g->cache_dir && gfx_cache_load(g->cache_dir, cache_name, key, prog)) {
        g->stats.programs_cached++;
        free(vs_src);
        free(fs_src);
        return prog;
    }
    glDeleteProgram(prog); /* a refused binary may leave it in any state: start afresh */
    GLuint vs = compile_shader(GL_VERTEX_SHADER, vs_path, g->gles, vs_parts, 6, err, err_cap);
    GLuint fs =
        vs ? compile_shader(GL_FRAGMENT_SHADER, fs_path, g->gles, fs_parts, 6, err, err_cap) : 0;
    free(vs_src);
    free(fs_src);
    if (!vs || !fs) {
        if (vs) {
            glDeleteShader(vs);
        }
        return 0;
    }
    prog = glCreateProgram();
    glAttachShader(prog, vs);
    glAttachShader(prog, fs);
    if (g->cache_dir) {
        glProgramParameteri(prog, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, GL_TRUE);
    }
    glLinkProgram(prog);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint linked = GL_FALSE;
    glGetProgramiv(prog, GL_LINK_STATUS, &linked);
    if (!linked) {
        char log[2048] = "";
        glGetProgramInfoLog(prog, (GLsizei)sizeof log, NULL, log);
        glDeleteProgram(prog);
        str_fail(err, err_cap, "%s + %s: shaders did not link:\n%s", vs_path, fs_path, log);
        return 0;
    }
    if (g->cache_dir && gfx_cache_store(g->cache_dir, cache_name, key, prog)) {
        g->stats.programs_stored++;
    }
    return prog;
}

static bool create_programs(Gfx *g, const char *dir, char *err, size_t err_cap) {
    char lighting_path[1024], why[512];
    char *lighting = NULL;
    size_t lighting_len = 0;
    if (!path_join(lighting_path, sizeof lighting_path, dir, "mesh_lighting.glsl") ||
        !file_read_all(lighting_path, &lighting, &lighting_len, why, sizeof why)) {
        return str_fail(err, err_cap, "shader %s", why);
    }
    for (int i = 0; i < MESH_PROGRAMS; i++) {
        char defines[96];
        snprintf(defines, sizeof defines, "#define PAINT %d\n#define VERTEX_LIGHTING %d\n",
                 (i & MESH_PAINTED) != 0, (i & MESH_VERTEX_LIT) != 0);
        GLuint prog = build_program(g, dir, "mesh", defines, lighting, err, err_cap);
        if (!prog) {
            free(lighting);
            return false;
        }
        MeshProgram *mp = &g->mesh_programs[i];
        mp->program = prog;
        mp->u_view_proj = glGetUniformLocation(prog, "u_view_proj");
        mp->u_offset_scale = glGetUniformLocation(prog, "u_offset_scale");
        mp->u_color = glGetUniformLocation(prog, "u_color");
        mp->u_emissive = glGetUniformLocation(prog, "u_emissive");
        mp->u_paint_strength = glGetUniformLocation(prog, "u_paint_strength");
        mp->u_eye = glGetUniformLocation(prog, "u_eye");
        mp->u_light_dir = glGetUniformLocation(prog, "u_light_dir");
    }
    free(lighting);
    GLuint ui = build_program(g, dir, "ui", "", "", err, err_cap);
    if (!ui) {
        return false;
    }
    g->ui_program = ui;
    g->u_viewport = glGetUniformLocation(ui, "u_viewport");
    g->u_tex = glGetUniformLocation(ui, "u_tex");
    g->u_use_tex = glGetUniformLocation(ui, "u_use_tex");
    /* the overlay's vertex layout: see Gfx2DVertex */
    glGenVertexArrays(1, &g->ui_vao);
    glBindVertexArray(g->ui_vao);
    glGenBuffers(1, &g->ui_vbo);
    glBindBuffer(GL_ARRAY_BUFFER, g->ui_vbo);
    const GLsizei stride = (GLsizei)sizeof(Gfx2DVertex);
    static const struct {
        GLint n;
        size_t offset;
    } attrs[] = {
        {2, offsetof(Gfx2DVertex, x)},    {2, offsetof(Gfx2DVertex, u)},
        {4, offsetof(Gfx2DVertex, rgba)}, {2, offsetof(Gfx2DVertex, local)},
        {2, offsetof(Gfx2DVertex, half)}, {2, offsetof(Gfx2DVertex, radius)},
    };
    for (GLuint i = 0; i < 6; i++) {
        glEnableVertexAttribArray(i);
        glVertexAttribPointer(i, attrs[i].n, GL_FLOAT, GL_FALSE, stride,
                              (const void *)attrs[i].offset);
    }
    glBindVertexArray(0);
    return true;
}

bool gfx_create(const GfxDesc *desc, Gfx **out_gfx, char *err, size_t err_cap) {
    *out_gfx = NULL;
    Gfx *g = calloc(1, sizeof *g);
    if (!g) {
        return str_fail(err, err_cap, "out of memory");
    }
    g->backend = desc->backend;
    g->gles = desc->gles;
    if (desc->cache_dir && *desc->cache_dir && strlen(desc->cache_dir) < sizeof g->cache_dir_buf) {
        str_copy(g->cache_dir_buf, sizeof g->cache_dir_buf, desc->cache_dir);
        g->cache_dir = g->cache_dir_buf;
    }
    if (g->backend == GFX_BACKEND_GL) {
        if (!create_programs(g, desc->shaders_dir ? desc->shaders_dir : "shaders", err, err_cap)) {
            gfx_destroy(g);
            return false;
        }
    }
    *out_gfx = g;
    return true;
}

static void destroy_target(Gfx *g) {
    if (g->backend != GFX_BACKEND_GL) {
        return;
    }
    GLuint fbos[2] = {g->msaa_fbo, g->resolve_fbo};
    GLuint rbs[4] = {g->msaa_color, g->msaa_depth, g->resolve_color, g->resolve_depth};
    glDeleteFramebuffers(2, fbos);
    glDeleteRenderbuffers(4, rbs);
    g->msaa_fbo = g->resolve_fbo = 0;
    g->msaa_color = g->msaa_depth = g->resolve_color = g->resolve_depth = 0;
}

void gfx_destroy(Gfx *gfx) {
    if (!gfx) {
        return;
    }
    for (uint32_t i = 0; i < GFX_MAX_MESHES; i++) {
        if (gfx->meshes[i].used) {
            gfx_destroy_mesh(gfx, (GfxMesh){i + 1});
        }
    }
    for (uint32_t i = 0; i < GFX_MAX_TEXTURES; i++) {
        if (gfx->texture_used[i]) {
            gfx_destroy_texture(gfx, (GfxTexture){i + 1});
        }
    }
    destroy_target(gfx);
    if (gfx->backend == GFX_BACKEND_GL) {
        for (int i = 0; i < MESH_PROGRAMS; i++) {
            glDeleteProgram(gfx->mesh_programs[i].program);
        }
        glDeleteProgram(gfx->ui_program);
        glDeleteBuffers(1, &gfx->ui_vbo);
        glDeleteVertexArrays(1, &gfx->ui_vao);
    }
    free(gfx);
}

GfxMesh gfx_create_mesh(Gfx *gfx, const GfxMeshDesc *desc) {
    if (!desc->positions || !desc->normals || !desc->indices || desc->vertex_count == 0 ||
        desc->index_count == 0 || desc->index_count % 3 != 0) {
        log_error("gfx_create_mesh: empty mesh or index count not a multiple of 3");
        return (GfxMesh){0};
    }
    for (uint32_t i = 0; i < desc->index_count; i++) {
        if (desc->indices[i] >= desc->vertex_count) {
            log_error("gfx_create_mesh: index %u at %u is out of range (%u vertices)",
                      desc->indices[i], i, desc->vertex_count);
            return (GfxMesh){0};
        }
    }
    uint32_t slot = 0;
    while (slot < GFX_MAX_MESHES && gfx->meshes[slot].used) {
        slot++;
    }
    if (slot == GFX_MAX_MESHES) {
        log_error("gfx_create_mesh: more than %d meshes", GFX_MAX_MESHES);
        return (GfxMesh){0};
    }
    MeshSlot *m = &gfx->meshes[slot];
    memset(m, 0, sizeof *m);
    m->used = true;
    m->vertex_count = desc->vertex_count;
    m->index_count = desc->index_count;
    m->index_type = desc->vertex_count <= 65536u ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    if (gfx->backend == GFX_BACKEND_GL) {
        /* position and normal side by side: a vertex is fetched from one place */
        size_t vbytes = (size_t)desc->vertex_count * 6 * sizeof(float);
        float *inter = malloc(vbytes);
        if (!inter) {
            log_error("gfx_create_mesh: out of memory");
            memset(m, 0, sizeof *m);
            return (GfxMesh){0};
        }
        for (uint32_t v = 0; v < desc->vertex_count; v++) {
            memcpy(inter + 6 * v, desc->positions + 3 * v, 3 * sizeof(float));
            memcpy(inter + 6 * v + 3, desc->normals + 3 * v, 3 * sizeof(float));
        }
        glGenVertexArrays(1, &m->vao);
        glBindVertexArray(m->vao);
        glGenBuffers(1, &m->vbo);
        glBindBuffer(GL_ARRAY_BUFFER, m->vbo);
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)vbytes, inter, GL_STATIC_DRAW);
        free(inter);
        const GLsizei stride = (GLsizei)(6 * sizeof(float));
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, (const void *)0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, (const void *)(3 * sizeof(float)));
        if (desc->dynamic_paint) {
            size_t pbytes = (size_t)desc->vertex_count * 4 * sizeof(float);
            float *zero = calloc((size_t)desc->vertex_count * 4, sizeof(float));
            glGenBuffers(1, &m->paint_vbo);
            glBindBuffer(GL_ARRAY_BUFFER, m->paint_vbo);
            glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)pbytes, zero, GL_DYNAMIC_DRAW);
            free(zero);
            glEnableVertexAttribArray(2);
            glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, 0, (const void *)0);
        } else {
            glDisableVertexAttribArray(2);
            glVertexAttrib4f(2, 0.0f, 0.0f, 0.0f, 0.0f);
        }
        glGenBuffers(1, &m->ibo);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m->ibo);
        if (m->index_type == GL_UNSIGNED_SHORT) {
            /* half the index memory (the driver keeps its own copy) */
            uint16_t *idx16 = malloc((size_t)desc->index_count * sizeof(uint16_t));
            if (idx16) {
                for (uint32_t i = 0; i < desc->index_count; i++) {
                    idx16[i] = (uint16_t)desc->indices[i];
                }
                glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                             (GLsizeiptr)((size_t)desc->index_count * sizeof(uint16_t)), idx16,
                             GL_STATIC_DRAW);
                free(idx16);
            } else {
                m->index_type = GL_UNSIGNED_INT;
            }
        }
        if (m->index_type == GL_UNSIGNED_INT) {
            glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                         (GLsizeiptr)((size_t)desc->index_count * sizeof(uint32_t)), desc->indices,
                         GL_STATIC_DRAW);
        }
        glBindVertexArray(0);
    }
    return (GfxMesh){slot + 1};
}

static MeshSlot *get_mesh(Gfx *gfx, GfxMesh mesh) {
    if (mesh.id == 0 || mesh.id > GFX_MAX_MESHES || !gfx->meshes[mesh.id - 1].used) {
        return NULL;
    }
    return &gfx->meshes[mesh.id - 1];
}

void gfx_destroy_mesh(Gfx *gfx, GfxMesh mesh) {
    MeshSlot *m = get_mesh(gfx, mesh);
    if (!m) {
        return;
    }
    if (gfx->backend == GFX_BACKEND_GL) {
        GLuint bufs[3] = {m->vbo, m->paint_vbo, m->ibo};
        glDeleteBuffers(3, bufs);
        glDeleteVertexArrays(1, &m->vao);
    }
    memset(m, 0, sizeof *m);
}

void gfx_update_paint(Gfx *gfx, GfxMesh mesh, const float *rgba, uint32_t vertex_count) {
    MeshSlot *m = get_mesh(gfx, mesh);
    if (!m || vertex_count != m->vertex_count) {
        return;
    }
    if (gfx->backend == GFX_BACKEND_GL && m->paint_vbo) {
        glBindBuffer(GL_ARRAY_BUFFER, m->paint_vbo);
        glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)((size_t)vertex_count * 4 * sizeof(float)),
                        rgba);
    }
}

GfxTexture gfx_create_texture(Gfx *gfx, int w, int h, const uint8_t *rgba) {
    if (w < 1 || h < 1 || !rgba) {
        return (GfxTexture){0};
    }
    uint32_t slot = 0;
    while (slot < GFX_MAX_TEXTURES && gfx->texture_used[slot]) {
        slot++;
    }
    if (slot == GFX_MAX_TEXTURES) {
        log_error("gfx_create_texture: more than %d textures", GFX_MAX_TEXTURES);
        return (GfxTexture){0};
    }
    gfx->texture_used[slot] = true;
    gfx->textures[slot] = 0;
    if (gfx->backend == GFX_BACKEND_GL) {
        GLuint t;
        glGenTextures(1, &t);
        glBindTexture(GL_TEXTURE_2D, t);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        gfx->textures[slot] = t;
    }
    return (GfxTexture){slot + 1};
}

void gfx_destroy_texture(Gfx *gfx, GfxTexture texture) {
    if (texture.id == 0 || texture.id > GFX_MAX_TEXTURES || !gfx->texture_used[texture.id - 1]) {
        return;
    }
    if (gfx->backend == GFX_BACKEND_GL) {
        glDeleteTextures(1, &gfx->textures[texture.id - 1]);
    }
    gfx->textures[texture.id - 1] = 0;
    gfx->texture_used[texture.id - 1] = false;
}

static bool make_target(Gfx *g, int w, int h, int samples, char *err, size_t err_cap) {
    destroy_target(g);
    GLint max_samples = 1;
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    if (samples > max_samples) {
        samples = max_samples;
    }
    if (samples < 1) {
        samples = 1;
    }
    glGenFramebuffers(1, &g->resolve_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, g->resolve_fbo);
    glGenRenderbuffers(1, &g->resolve_color);
    glBindRenderbuffer(GL_RENDERBUFFER, g->resolve_color);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              g->resolve_color);
    glGenRenderbuffers(1, &g->resolve_depth);
    glBindRenderbuffer(GL_RENDERBUFFER, g->resolve_depth);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, w, h);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                              g->resolve_depth);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        destroy_target(g);
        return str_fail(err, err_cap, "offscreen target %dx%d is not supported by the driver", w,
                        h);
    }
    if (samples > 1) {
        glGenFramebuffers(1, &g->msaa_fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, g->msaa_fbo);
        glGenRenderbuffers(1, &g->msaa_color);
        glBindRenderbuffer(GL_RENDERBUFFER, g->msaa_color);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, w, h);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                  g->msaa_color);
        glGenRenderbuffers(1, &g->msaa_depth);
        glBindRenderbuffer(GL_RENDERBUFFER, g->msaa_depth);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, w, h);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                                  g->msaa_depth);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            destroy_target(g);
            return str_fail(err, err_cap, "%dx MSAA target %dx%d is not supported by the driver",
                            samples, w, h);
        }
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    g->width = w;
    g->height = h;
    g->samples = samples;
    return true;
}

bool gfx_set_offscreen(Gfx *gfx, int width, int height, int samples, char *err, size_t err_cap) {
    if (width < 1 || height < 1) {
        return str_fail(err, err_cap, "offscreen target size %dx%d is empty", width, height);
    }
    if (gfx->backend != GFX_BACKEND_GL) {
        gfx->width = width;
        gfx->height = height;
        gfx->samples = samples;
        return true;
    }
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
    if (width > max_size || height > max_size) {
        return str_fail(err, err_cap, "%dx%d is larger than this driver's limit of %d pixels",
                        width, height, max_size);
    }
    if (gfx->resolve_fbo && gfx->width == width && gfx->height == height &&
        (gfx->samples == samples || (samples <= 1 && gfx->samples == 1))) {
        return true;
    }
    return make_target(gfx, width, height, samples, err, err_cap);
}

static void draw_item(Gfx *g, const FrameItem *it) {
    MeshSlot *m = get_mesh(g, it->mesh);
    if (!m) {
        return;
    }
    int times = g->repeat > 1 ? g->repeat : 1;
    g->stats.draw_calls += times;
    g->stats.triangles += (int64_t)times * (m->index_count / 3);
    if (g->backend != GFX_BACKEND_GL) {
        return;
    }
    /* paint that does not show costs nothing: the plain program draws the mesh */
    int want = (m->paint_vbo && it->paint_strength > 0.0f ? MESH_PAINTED : 0) |
               (it->vertex_lighting ? MESH_VERTEX_LIT : 0);
    const MeshProgram *mp = &g->mesh_programs[want];
    if (g->current_program != want) {
        glUseProgram(mp->program);
        g->current_program = want;
    }
    glUniform4f(mp->u_offset_scale, it->offset_mm[0], it->offset_mm[1], it->offset_mm[2],
                it->scale > 0.0f ? it->scale : 1.0f);
    glUniform4fv(mp->u_color, 1, it->color);
    glUniform1f(mp->u_emissive, it->emissive);
    glUniform1f(mp->u_paint_strength, it->paint_strength);
    glBindVertexArray(m->vao);
    for (int i = 0; i < times; i++) {
        glDrawElements(GL_TRIANGLES, (GLsizei)m->index_count, m->index_type, (const void *)0);
    }
}

static void draw_overlay(Gfx *g, const FrameDesc *frame) {
    if (frame->ui_batch_count <= 0 || !frame->ui_vertices) {
        return;
    }
    uint32_t nverts = 0;
    for (int i = 0; i < frame->ui_batch_count; i++) {
        const Gfx2DBatch *b = &frame->ui_batches[i];
        if (b->first + b->count > nverts) {
            nverts = b->first + b->count;
        }
        g->stats.draw_calls++;
    }
    if (g->backend != GFX_BACKEND_GL || nverts == 0) {
        return;
    }
    glUseProgram(g->ui_program);
    glViewport(0, 0, g->width, g->height);
    glUniform2f(g->u_viewport, (float)g->width, (float)g->height);
    glUniform1i(g->u_tex, 0);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(g->ui_vao);
    glBindBuffer(GL_ARRAY_BUFFER, g->ui_vbo);
    size_t bytes = (size_t)nverts * sizeof(Gfx2DVertex);
    if (bytes > g->ui_vbo_bytes) {
        g->ui_vbo_bytes = bytes * 2;
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)g->ui_vbo_bytes, NULL, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)bytes, frame->ui_vertices);
    glActiveTexture(GL_TEXTURE0);
    for (int i = 0; i < frame->ui_batch_count; i++) {
        const Gfx2DBatch *b = &frame->ui_batches[i];
        if (b->count == 0) {
            continue;
        }
        uint32_t t = b->texture.id;
        bool tex = t > 0 && t <= GFX_MAX_TEXTURES && g->texture_used[t - 1];
        glUniform1f(g->u_use_tex, tex ? 1.0f : 0.0f);
        glBindTexture(GL_TEXTURE_2D, tex ? g->textures[t - 1] : 0);
        if (b->clip) {
            /* GL's scissor origin is bottom-left */
            glEnable(GL_SCISSOR_TEST);
            glScissor((GLint)b->clip_rect[0],
                      (GLint)((float)g->height - b->clip_rect[1] - b->clip_rect[3]),
                      (GLsizei)b->clip_rect[2], (GLsizei)b->clip_rect[3]);
        } else {
            glDisable(GL_SCISSOR_TEST);
        }
        glDrawArrays(GL_TRIANGLES, (GLint)b->first, (GLsizei)b->count);
    }
}

void gfx_draw_frame(Gfx *gfx, const FrameDesc *frame) {
    gfx->stats.frames++;
    bool gl = gfx->backend == GFX_BACKEND_GL;
    if (gl) {
        glBindFramebuffer(GL_FRAMEBUFFER, gfx->samples > 1 ? gfx->msaa_fbo : gfx->resolve_fbo);
        int vx = 0, vy = 0, vw = gfx->width, vh = gfx->height;
        if (frame->viewport[2] > 0 && frame->viewport[3] > 0) {
            vx = frame->viewport[0];
            vw = frame->viewport[2];
            vh = frame->viewport[3];
            vy = gfx->height - frame->viewport[1] - vh; /* GL counts rows from the bottom */
        }
        glViewport(vx, vy, vw, vh);
        glEnable(GL_SCISSOR_TEST);
        glScissor(vx, vy, vw, vh);
        glDepthMask(GL_TRUE);
        if (!frame->keep_contents) {
            glClearColor(frame->clear_rgba[0], frame->clear_rgba[1], frame->clear_rgba[2],
                         frame->clear_rgba[3]);
            glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        } else {
            glClear(GL_DEPTH_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
        glDisable(GL_BLEND);
        /* every mesh is closed and wound counter-clockwise seen from outside, so back faces
         * are never seen: skipping them halves the rasteriser's work on a software GPU */
        glEnable(GL_CULL_FACE);
        glCullFace(GL_BACK);
        float vp[16];
        /* vp = proj * view, column-major */
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                float s = 0.0f;
                for (int k = 0; k < 4; k++) {
                    s += frame->proj[k * 4 + r] * frame->view[c * 4 + k];
                }
                vp[c * 4 + r] = s;
            }
        }
        for (int i = 0; i < MESH_PROGRAMS; i++) {
            const MeshProgram *mp = &gfx->mesh_programs[i];
            glUseProgram(mp->program);
            glUniformMatrix4fv(mp->u_view_proj, 1, GL_FALSE, vp);
            glUniform3fv(mp->u_eye, 1, frame->eye_mm);
            glUniform3fv(mp->u_light_dir, 1, frame->light_dir);
        }
        gfx->current_program = MESH_PROGRAMS - 1;
    }
    /* Opaque first; then translucent in the order given (the app sorts far to near) with
     * depth writes off and back faces culled; then x-ray items over everything. */
    for (int i = 0; i < frame->item_count; i++) {
        const FrameItem *it = &frame->items[i];
        if (it->color[3] >= 1.0f && !it->x_ray) {
            draw_item(gfx, it);
        }
    }
    if (gl) {
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(GL_FALSE);
        glEnable(GL_CULL_FACE);
        glCullFace(GL_BACK);
    }
    for (int i = 0; i < frame->item_count; i++) {
        const FrameItem *it = &frame->items[i];
        if (it->color[3] < 1.0f && !it->x_ray) {
            draw_item(gfx, it);
        }
    }
    if (gl) {
        glDisable(GL_CULL_FACE);
        glDisable(GL_DEPTH_TEST);
    }
    for (int i = 0; i < frame->item_count; i++) {
        if (frame->items[i].x_ray) {
            draw_item(gfx, &frame->items[i]);
        }
    }
    draw_overlay(gfx, frame);
    if (gl) {
        glDepthMask(GL_TRUE);
        glDisable(GL_BLEND);
        glDisable(GL_SCISSOR_TEST);
        glBindVertexArray(0);
    }
}

static void resolve(Gfx *g) {
    if (g->samples > 1) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, g->msaa_fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, g->resolve_fbo);
        glBlitFramebuffer(0, 0, g->width, g->height, 0, 0, g->width, g->height, GL_COLOR_BUFFER_BIT,
                          GL_NEAREST);
    }
}

void gfx_present(Gfx *gfx, int window_w, int window_h) {
    if (gfx->backend != GFX_BACKEND_GL) {
        return;
    }
    resolve(gfx);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, gfx->resolve_fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, gfx->width, gfx->height, 0, 0, window_w, window_h, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

bool gfx_read_pixels(Gfx *gfx, uint8_t *out_rgba) {
    size_t row = (size_t)gfx->width * 4;
    if (gfx->backend != GFX_BACKEND_GL) {
        memset(out_rgba, 0, row * (size_t)gfx->height);
        return true;
    }
    if (!gfx->resolve_fbo) {
        return false;
    }
    resolve(gfx);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, gfx->resolve_fbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, gfx->width, gfx->height, GL_RGBA, GL_UNSIGNED_BYTE, out_rgba);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    /* GL's first row is the bottom one; images want the top one first. */
    uint8_t *tmp = malloc(row);
    if (!tmp) {
        return false;
    }
    for (int y = 0; y < gfx->height / 2; y++) {
        uint8_t *a = out_rgba + (size_t)y * row;
        uint8_t *b = out_rgba + (size_t)(gfx->height - 1 - y) * row;
        memcpy(tmp, a, row);
        memcpy(a, b, row);
        memcpy(b, tmp, row);
    }
    free(tmp);
    return glGetError() == GL_NO_ERROR;
}

void gfx_set_repeat(Gfx *gfx, int times) {
    gfx->repeat = times;
}

void gfx_finish(Gfx *gfx) {
    if (gfx->backend == GFX_BACKEND_GL) {
        glFinish();
    }
}

GfxStats gfx_get_stats(const Gfx *gfx) {
    return gfx->stats;
}
