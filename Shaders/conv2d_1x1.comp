// conv2d_1x1: GLSL entry over the shared body conv2d_1x1.body (x, w, s, r and y also read and written as vec4).
#include "common.glsl"
// With C % 4 == 0, 4 input channels per step (4-wide weight loads): on llvmpipe every load is a gather, so fewer
// and wider loads pay (1x1 convs of selfie 9.4 -> 7.3 ms). The OpenCL entry leaves it off: on PoCL it measured
// slower (2.6 -> 3.1 ms), its plain loop already keeps the work group's weight loads scalar.
#ifdef C4
#define STEP_C4
#endif
layout(std430, binding = 0) readonly buffer B_x { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer B_w { float w[]; };
layout(std430, binding = 1) readonly buffer B_w4 { vec4 w4[]; };
layout(std430, binding = 2) readonly buffer B_b { float b[]; };
layout(std430, binding = 3) readonly buffer B_r { vec4 r4[]; };
layout(std430, binding = 4) readonly buffer B_s { float s[]; };
layout(std430, binding = 4) readonly buffer B_s4 { vec4 s4[]; };
layout(std430, binding = 5) readonly buffer B_z4 { vec4 z4[]; };
layout(std430, binding = 6) readonly buffer B_pa { float pa[]; };
layout(std430, binding = 7) writeonly buffer B_y { vec4 y4[]; };
void main()
{
#include "conv2d_1x1.body"
}
