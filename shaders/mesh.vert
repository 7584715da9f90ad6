// Shared by OpenGL 3.3 core and OpenGL ES 3.0; the loader prepends the #version line,
// PAINT (1: the mesh carries per-vertex paint), VERTEX_LIGHTING (1: shade here, see
// mesh_lighting.glsl) and mesh_lighting.glsl itself.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 a_paint; // rgb + how much covers the base colour

uniform mat4 u_view_proj;
uniform vec4 u_offset_scale; // xyz offset in mm, w uniform scale

#if VERTEX_LIGHTING
out vec4 v_shaded;
#else
out vec3 v_world;
out vec3 v_normal;
#if PAINT
out vec4 v_paint;
#endif
#endif

void main() {
    vec3 world = a_pos * u_offset_scale.w + u_offset_scale.xyz;
#if VERTEX_LIGHTING
#if PAINT
    vec4 paint = a_paint;
#else
    vec4 paint = vec4(0.0);
#endif
    v_shaded = shade(normalize(a_normal), normalize(u_eye - world), paint);
#else
    v_world = world;
    v_normal = a_normal;
#if PAINT
    v_paint = a_paint;
#endif
#endif
    gl_Position = u_view_proj * vec4(world, 1.0);
}
