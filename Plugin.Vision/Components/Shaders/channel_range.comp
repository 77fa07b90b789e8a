#version 430 core
// Per-channel min and max of a [1,C,H,W] (or NHWC) tensor for channels u_first.. (one work group each), a shared-
// memory reduction. The tensor is read through a buffer texture (R32F view of its buffer): a gather on llvmpipe,
// where a storage-buffer load is a loop over the lanes.
layout(local_size_x = 64) in;
layout(binding = 0) uniform samplerBuffer data;
layout(std430, binding = 1) writeonly buffer Ranges { float ranges[]; };   // min, max per channel
uniform int u_channels;
uniform int u_plane;       // H * W
uniform int u_nhwc;
uniform int u_first;       // first channel of the page
shared float s_min[64];
shared float s_max[64];

void main() {
    int ch = u_first + int(gl_WorkGroupID.x);
    int t = int(gl_LocalInvocationID.x);
    float lo = 3.4e38, hi = -3.4e38;
    for (int i = t; i < u_plane; i += 64) {
        float v = texelFetch(data, u_nhwc == 1 ? i * u_channels + ch : ch * u_plane + i).x;
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
