// conv2d_backward: GLSL entry over the shared body conv2d_backward.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_dy { float dy[]; };
layout(std430, binding = 1) readonly buffer B_z { float z[]; };
layout(std430, binding = 2) writeonly buffer B_y { float y[]; };
void main()
{
#include "conv2d_backward.body"
}
