// global_pool_backward: GLSL entry over the shared body global_pool_backward.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_dy { float dy[]; };
layout(std430, binding = 1) writeonly buffer B_dx { float dx[]; };
void main()
{
#include "global_pool_backward.body"
}
