// global_pool: GLSL entry over the shared body global_pool.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 1) writeonly buffer B_y { float y[]; };
#ifdef GROUP_REDUCE
shared float part[64];
#endif
void main()
{
#include "global_pool.body"
}
