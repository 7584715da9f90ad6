// Shared by OpenGL 3.3 core and OpenGL ES 3.0; the loader prepends the #version line (and
// a default float precision on ES), PAINT, VERTEX_LIGHTING and mesh_lighting.glsl.
#if VERTEX_LIGHTING
in vec4 v_shaded;
#else
in vec3 v_world;
in vec3 v_normal;
#if PAINT
in vec4 v_paint;
#endif
#endif

layout(location = 0) out vec4 o_color;

void main() {
#if VERTEX_LIGHTING
    o_color = v_shaded;
#else
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) {
        n = -n;
    }
#if PAINT
    vec4 paint = v_paint;
#else
    vec4 paint = vec4(0.0);
#endif
    o_color = shade(n, normalize(u_eye - v_world), paint);
#endif
}
