/* gfx_cache: linked shader programs kept on disk as driver binaries (glGetProgramBinary),
 * so that a later start links them without compiling GLSL. On Mesa's llvmpipe that skips
 * the GLSL compiler and its built-in function library: ~8 MiB less resident and ~10 ms
 * less start-up. Internal to render/: only gfx.c includes it.
 *
 * A file per program, "<name>-<key>.bin" in the cache folder, where the key hashes the
 * exact sources given to the driver and the driver's vendor, renderer and version strings,
 * so an edited shader or an updated driver never loads a stale binary. A file that is
 * short, damaged or refused by the driver is ignored (and replaced after compiling). */
#ifndef PAINMAP_RENDER_GFX_CACHE_H
#define PAINMAP_RENDER_GFX_CACHE_H

#include <epoxy/gl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The key of a program: its vertex and fragment source strings (as handed to
 * glShaderSource) and the current context's driver strings. */
uint64_t gfx_cache_key(const char *const *vs_parts, int vs_count, const char *const *fs_parts,
                       int fs_count);

/* Links prog (created, nothing attached) from the cached binary of name + key; true when
 * it linked. False when there is no cache folder, no file, or the file was refused. */
bool gfx_cache_load(const char *dir, const char *name, uint64_t key, GLuint prog);

/* Writes the binary of the linked prog (linked with GL_PROGRAM_BINARY_RETRIEVABLE_HINT)
 * for name + key, through a temporary file and a rename; true when written. Failures are
 * logged at debug level only: the cache is an optimisation. */
bool gfx_cache_store(const char *dir, const char *name, uint64_t key, GLuint prog);

#endif
