#version 430 core
// Texture -> network input tensor: crop / letterbox / stretch, box-filtered resize, RGB/BGR/gray, invert, levels,
// (x * range - mean) / std, written NCHW or NHWC into the Worker's input SSBO. The texture is GL-oriented (row 0 at
// the bottom); tensor row 0 is the image's top row.
layout(local_size_x = 8, local_size_y = 8) in;
layout(std430, binding = 0) writeonly buffer Output { float data[]; };
uniform sampler2D u_source;
uniform ivec2 u_size;      // tensor width, height
uniform int u_channels;    // 1 or 3
uniform int u_nhwc;        // 1: [1,H,W,C], 0: [1,C,H,W]
uniform vec4 u_rect;       // source rectangle in image uv (x0, y0 from the top-left, width, height); may exceed 0..1 (letterbox)
uniform int u_taps;        // box filter taps per axis (downscaling)
uniform int u_bgr;
uniform int u_invert;
uniform vec2 u_levels;     // black and white points applied after invert
uniform vec3 u_pad;        // letterbox colour (0..1)
uniform vec3 u_mul;        // range / std
uniform vec3 u_add;        // -mean / std

vec3 fetch(vec2 img) {
    if (img.x < 0.0 || img.y < 0.0 || img.x > 1.0 || img.y > 1.0) return u_pad;
    return texture(u_source, vec2(img.x, 1.0 - img.y)).rgb;
}

void main() {
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (p.x >= u_size.x || p.y >= u_size.y) return;
    vec2 texel = u_rect.zw / vec2(u_size);
    vec2 origin = u_rect.xy + vec2(p) * texel;
    vec3 c = vec3(0.0);
    for (int j = 0; j < u_taps; j++)
        for (int i = 0; i < u_taps; i++)
            c += fetch(origin + (vec2(i, j) + 0.5) / float(u_taps) * texel);
    c /= float(u_taps * u_taps);
    if (u_bgr == 1) c = c.bgr;
    if (u_channels == 1) c = vec3(dot(c, vec3(0.299, 0.587, 0.114)));
    if (u_invert == 1) c = 1.0 - c;
    c = clamp((c - u_levels.x) / max(u_levels.y - u_levels.x, 1e-6), 0.0, 1.0);
    c = c * u_mul + u_add;
    int plane = u_size.x * u_size.y;
    int pix = p.y * u_size.x + p.x;
    for (int ch = 0; ch < u_channels; ch++) {
        int idx = u_nhwc == 1 ? pix * u_channels + ch : ch * plane + pix;
        data[idx] = c[ch];
    }
}
