// Shared by OpenGL 3.3 core and OpenGL ES 3.0; the loader prepends the #version line.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in float a_heat;

uniform mat4 u_view_proj;
uniform vec4 u_offset_scale; // xyz offset in mm, w uniform scale

out vec3 v_world;
out vec3 v_normal;
out float v_heat;

void main() {
    v_world = a_pos * u_offset_scale.w + u_offset_scale.xyz;
    v_normal = a_normal;
    v_heat = a_heat;
    gl_Position = u_view_proj * vec4(v_world, 1.0);
}
