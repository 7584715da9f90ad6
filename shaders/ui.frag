// The 2-D overlay: rounded boxes, outlines, lines and text, anti-aliased.
in vec2 v_uv;
in vec4 v_color;
in vec2 v_local;
in vec2 v_half;
in vec2 v_shape;

uniform sampler2D u_tex;
uniform float u_use_tex;

layout(location = 0) out vec4 o_color;

void main() {
    vec4 c = v_color;
    if (u_use_tex > 0.5) {
        c *= texture(u_tex, v_uv);
    } else {
        float r = min(v_shape.x, min(v_half.x, v_half.y));
        vec2 q = abs(v_local) - v_half + vec2(r);
        float d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - r;
        float a = clamp(0.5 - d, 0.0, 1.0);
        if (v_shape.y > 0.0) {
            a *= clamp(0.5 + d + v_shape.y, 0.0, 1.0);
        }
        c.a *= a;
    }
    if (c.a <= 0.0) {
        discard;
    }
    o_color = c;
}
