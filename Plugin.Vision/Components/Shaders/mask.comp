#version 430 core
// Output tensor -> mask texture with temporal smoothing. r = smoothed probability, g = soft-thresholded mask,
// b = raw probability of this inference. The texture is GL-oriented (row 0 at the bottom), the tensor top-first.
layout(local_size_x = 8, local_size_y = 8) in;
layout(std430, binding = 0) readonly buffer Input { float data[]; };
layout(rgba8, binding = 0) uniform image2D u_mask;
uniform ivec2 u_size;      // tensor width, height (= the mask texture's)
uniform int u_channels;
uniform int u_channel;     // which channel is the foreground probability
uniform int u_nhwc;
uniform int u_logits;      // 1: apply a sigmoid first
uniform float u_keep;      // weight of the previous mask (0: none)
uniform float u_threshold;
uniform float u_softness;

void main() {
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (p.x >= u_size.x || p.y >= u_size.y) return;
    int row = u_size.y - 1 - p.y;
    int pix = row * u_size.x + p.x;
    int plane = u_size.x * u_size.y;
    float v = data[u_nhwc == 1 ? pix * u_channels + u_channel : u_channel * plane + pix];
    if (u_logits == 1) v = 1.0 / (1.0 + exp(-v));
    v = clamp(v, 0.0, 1.0);
    float previous = imageLoad(u_mask, p).r;
    float s = mix(v, previous, u_keep);
    float m = smoothstep(u_threshold - u_softness, u_threshold + u_softness, s);
    imageStore(u_mask, p, vec4(s, m, v, 1.0));
}
