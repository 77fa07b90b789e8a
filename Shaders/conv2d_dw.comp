// conv2d_dw: GLSL entry over the shared body conv2d_dw.body (with W4, r and y are also used as vec4).
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 0) readonly buffer B_x4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer B_w { float w[]; };
layout(std430, binding = 2) readonly buffer B_b { float b[]; };
layout(std430, binding = 3) readonly buffer B_r { float r[]; };
layout(std430, binding = 3) readonly buffer B_r4 { vec4 r4[]; };
layout(std430, binding = 4) readonly buffer B_s { float s[]; };
layout(std430, binding = 5) readonly buffer B_z { float z[]; };
layout(std430, binding = 6) readonly buffer B_pa { float pa[]; };
layout(std430, binding = 7) writeonly buffer B_y { float y[]; };
layout(std430, binding = 7) writeonly buffer B_y4 { vec4 y4[]; };
void main()
{
#include "conv2d_dw.body"
}
