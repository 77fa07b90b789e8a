// binary: GLSL entry over the shared body binary.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_a { float a[]; };
layout(std430, binding = 1) readonly buffer B_b { float b[]; };
layout(std430, binding = 2) readonly buffer B_z { float z[]; };
layout(std430, binding = 3) writeonly buffer B_y { float y[]; };
void main()
{
#include "binary.body"
}
