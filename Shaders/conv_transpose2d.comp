// conv_transpose2d: GLSL entry over the shared body conv_transpose2d.body (UP2 reads w and writes y 4-wide too).
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 0) readonly buffer B_x4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer B_w { float w[]; };
layout(std430, binding = 1) readonly buffer B_w4 { vec4 w4[]; };
layout(std430, binding = 2) readonly buffer B_b { float b[]; };
layout(std430, binding = 3) writeonly buffer B_y { float y[]; };
layout(std430, binding = 3) writeonly buffer B_y4 { vec4 y4[]; };
void main()
{
#include "conv_transpose2d.body"
}
