// pool2d_backward: GLSL entry over the shared body pool2d_backward.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 1) readonly buffer B_dy { float dy[]; };
layout(std430, binding = 2) writeonly buffer B_dx { float dx[]; };
void main()
{
#include "pool2d_backward.body"
}
