// The 2-D overlay; shared by OpenGL 3.3 core and OpenGL ES 3.0.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
layout(location = 3) in vec2 a_local;
layout(location = 4) in vec2 a_half;
layout(location = 5) in vec2 a_shape; // radius, outline

uniform vec2 u_viewport;

out vec2 v_uv;
out vec4 v_color;
out vec2 v_local;
out vec2 v_half;
out vec2 v_shape;

void main() {
    v_uv = a_uv;
    v_color = a_color;
    v_local = a_local;
    v_half = a_half;
    v_shape = a_shape;
    vec2 ndc = vec2(a_pos.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos.y / u_viewport.y * 2.0);
    gl_Position = vec4(ndc, 0.0, 1.0);
}
