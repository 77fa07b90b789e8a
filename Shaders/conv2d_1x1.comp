// conv2d_1x1: GLSL entry over the shared body conv2d_1x1.body (x, r and y also read and written as vec4).
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer B_w { float w[]; };
layout(std430, binding = 2) readonly buffer B_b { float b[]; };
layout(std430, binding = 3) readonly buffer B_r { vec4 r4[]; };
layout(std430, binding = 4) readonly buffer B_s { float s[]; };
layout(std430, binding = 5) writeonly buffer B_y { vec4 y4[]; };
void main()
{
#include "conv2d_1x1.body"
}
