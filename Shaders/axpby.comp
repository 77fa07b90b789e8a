// axpby: GLSL entry over the shared body axpby.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_a { float a[]; };
layout(std430, binding = 1) readonly buffer B_b { float b[]; };
layout(std430, binding = 2) writeonly buffer B_y { float y[]; };
void main()
{
#include "axpby.body"
}
