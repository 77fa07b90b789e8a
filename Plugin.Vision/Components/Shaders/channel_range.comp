#version 430 core
// Per-channel min and max of a [1,C,H,W] (or NHWC) tensor: one work group per channel, a shared-memory reduction.
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Input { float data[]; };
layout(std430, binding = 1) writeonly buffer Ranges { float ranges[]; };   // min, max per channel
uniform int u_channels;
uniform int u_plane;       // H * W
uniform int u_nhwc;
shared float s_min[64];
shared float s_max[64];

void main() {
    int ch = int(gl_WorkGroupID.x);
    int t = int(gl_LocalInvocationID.x);
    float lo = 3.4e38, hi = -3.4e38;
    for (int i = t; i < u_plane; i += 64) {
        float v = data[u_nhwc == 1 ? i * u_channels + ch : ch * u_plane + i];
        lo = min(lo, v);
        hi = max(hi, v);
    }
    s_min[t] = lo;
    s_max[t] = hi;
    barrier();
    for (int stride = 32; stride > 0; stride >>= 1) {
        if (t < stride) {
            s_min[t] = min(s_min[t], s_min[t + stride]);
            s_max[t] = max(s_max[t], s_max[t + stride]);
        }
        barrier();
    }
    if (t == 0) {
        ranges[2 * ch] = s_min[0];
        ranges[2 * ch + 1] = s_max[0];
    }
}
