// Shared by OpenGL 3.3 core and OpenGL ES 3.0; the loader prepends the #version line.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 a_paint; // rgb + how much covers the base colour

uniform mat4 u_view_proj;
uniform vec4 u_offset_scale; // xyz offset in mm, w uniform scale

out vec3 v_world;
out vec3 v_normal;
out vec4 v_paint;

void main() {
    v_world = a_pos * u_offset_scale.w + u_offset_scale.xyz;
    v_normal = a_normal;
    v_paint = a_paint;
    gl_Position = u_view_proj * vec4(v_world, 1.0);
}
