// Shared by OpenGL 3.3 core and OpenGL ES 3.0; the loader prepends the #version line
// (and a default float precision on ES).
in vec3 v_world;
in vec3 v_normal;
in vec4 v_paint;

uniform vec4 u_color;
uniform float u_emissive;
uniform float u_paint_strength;
uniform vec3 u_eye;
uniform vec3 u_light_dir;

layout(location = 0) out vec4 o_color;

void main() {
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) {
        n = -n;
    }
    vec3 to_eye = normalize(u_eye - v_world);
    vec3 l = normalize(u_light_dir);
    // Key light, a soft fill from the other side, and a sky/ground hemisphere term:
    // enough shape to read muscles and bones, never black on the unlit side.
    float key = max(dot(n, l), 0.0);
    float fill = max(dot(n, normalize(vec3(-l.x, 0.2, -l.z))), 0.0);
    float hemi = 0.5 + 0.5 * n.y;
    vec3 h = normalize(l + to_eye);
    float spec = pow(max(dot(n, h), 0.0), 32.0) * 0.12;

    float paint = clamp(v_paint.a * u_paint_strength, 0.0, 1.0);
    vec3 base = mix(u_color.rgb, v_paint.rgb, paint);
    vec3 lit = base * (0.30 + 0.15 * hemi + 0.55 * key + 0.18 * fill) + vec3(spec);
    lit = mix(lit, base + vec3(0.15), u_emissive);

    float alpha = u_color.a;
    if (alpha < 1.0) {
        // Translucent skin: more opaque at grazing angles so the outline stays readable,
        // and paint (pain zones, dermatomes) shows at nearly full strength.
        float rim = 1.0 - abs(dot(n, to_eye));
        alpha = clamp(alpha + 0.35 * rim * rim + 0.6 * paint, 0.0, 1.0);
    }
    o_color = vec4(clamp(lit, 0.0, 1.0), alpha);
}
