// The body's lighting, shared by mesh.vert and mesh.frag (the loader puts it in front of
// both): run per pixel, or per vertex (VERTEX_LIGHTING) when a mesh's triangles cover only
// a few pixels each, where the two look the same and a software rasteriser saves most of
// its fragment work.
uniform vec4 u_color;
uniform float u_emissive;
uniform float u_paint_strength;
uniform vec3 u_eye;
uniform vec3 u_light_dir;

// n and to_eye are unit vectors; paint is the mesh's rgb + how much of it covers the base.
vec4 shade(vec3 n, vec3 to_eye, vec4 paint_rgba) {
    vec3 l = normalize(u_light_dir);
    // Key light, a soft fill from the other side, and a sky/ground hemisphere term:
    // enough shape to read muscles and bones, never black on the unlit side.
    float key = max(dot(n, l), 0.0);
    float fill = max(dot(n, normalize(vec3(-l.x, 0.2, -l.z))), 0.0);
    float hemi = 0.5 + 0.5 * n.y;
    vec3 h = normalize(l + to_eye);
    // pow(s, 32) by squaring: exact, and much cheaper than exp2(log2()) on a CPU
    float s = max(dot(n, h), 0.0);
    s *= s;
    s *= s;
    s *= s;
    s *= s;
    s *= s;
    float spec = s * 0.12;

    float paint = clamp(paint_rgba.a * u_paint_strength, 0.0, 1.0);
    vec3 base = mix(u_color.rgb, paint_rgba.rgb, paint);
    vec3 lit = base * (0.30 + 0.15 * hemi + 0.55 * key + 0.18 * fill) + vec3(spec);
    lit = mix(lit, base + vec3(0.15), u_emissive);

    float alpha = u_color.a;
    if (alpha < 1.0) {
        // Translucent skin: more opaque at grazing angles so the outline stays readable,
        // and paint (pain zones, dermatomes) shows at nearly full strength.
        float rim = 1.0 - abs(dot(n, to_eye));
        alpha = clamp(alpha + 0.35 * rim * rim + 0.6 * paint, 0.0, 1.0);
    }
    return vec4(clamp(lit, 0.0, 1.0), alpha);
}
