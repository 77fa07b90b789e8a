// binary4: GLSL entry over the shared body binary4.body (operands read as float or vec4, output written as vec4).
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_a { float a[]; };
layout(std430, binding = 0) readonly buffer B_a4 { vec4 a4[]; };
layout(std430, binding = 1) readonly buffer B_b { float b[]; };
layout(std430, binding = 1) readonly buffer B_b4 { vec4 b4[]; };
layout(std430, binding = 2) readonly buffer B_z4 { vec4 z4[]; };
layout(std430, binding = 3) writeonly buffer B_y { vec4 y4[]; };
void main()
{
#include "binary4.body"
}
