#version 430 core
// Frame + mask -> composite: 0 tint the person, 1 blur the background, 2 replace the background with an image,
// 3 cut the person out (alpha = mask), 4 show the mask as a heat map over the frame. The mode is the compile-time
// VARIANT (ComponentShaders.Quad with a variant): on llvmpipe a uniform branch still pays for the blur it skips.
in vec2 v_uv;
uniform sampler2D u_frame;
uniform sampler2D u_mask;
uniform sampler2D u_background;
uniform vec4 u_tint;
uniform vec2 u_texel;      // 1 / frame size
uniform float u_blur;      // blur radius in frame texels
out vec4 o_color;

vec3 blurred(vec2 uv) {
    vec3 sum = vec3(0.0);
    float weight = 0.0;
    for (int j = -3; j <= 3; j++)
        for (int i = -3; i <= 3; i++) {
            float w = exp(-float(i * i + j * j) / 8.0);
            sum += texture(u_frame, uv + vec2(i, j) * u_texel * u_blur / 3.0).rgb * w;
            weight += w;
        }
    return sum / weight;
}

vec3 heat(float t) {
    return clamp(vec3(1.5 * t, 1.5 * t - 0.5, 0.5 - t) * vec3(1.0, 1.0, 2.0) + vec3(0.0, 0.0, 0.2), 0.0, 1.0);
}

void main() {
    // The target is the frame's size, so each fragment is one frame texel: a plain fetch, no filtering (cheaper on
    // llvmpipe than a bilinear sample).
    vec3 frame = texelFetch(u_frame, ivec2(gl_FragCoord.xy), 0).rgb;
    float m = texture(u_mask, v_uv).g;
    vec3 c;
    float a = 1.0;
#if VARIANT == 0
    c = mix(frame, mix(frame, u_tint.rgb, u_tint.a), m);
#elif VARIANT == 1
    c = mix(blurred(v_uv), frame, m);
#elif VARIANT == 2
    c = mix(texture(u_background, v_uv).rgb, frame, m);
#elif VARIANT == 3
    c = frame;
    a = m;
#else
    c = mix(frame, heat(texture(u_mask, v_uv).r), 0.6);
#endif
    o_color = vec4(c, a);
}
