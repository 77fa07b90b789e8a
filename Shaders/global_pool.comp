// global_pool: GLSL entry over the shared body global_pool.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 0) readonly buffer B_x4 { vec4 x4[]; };
// ADDEND_SLOT (GlobalPool, not Pool2d): the addend z is slot 1 (bound or not) and y comes after it.
#ifdef ADDEND_SLOT
layout(std430, binding = 1) readonly buffer B_z { float z[]; };
layout(std430, binding = 1) readonly buffer B_z4 { vec4 z4[]; };
layout(std430, binding = 2) writeonly buffer B_y { float y[]; };
#else
layout(std430, binding = 1) writeonly buffer B_y { float y[]; };
#endif
#ifdef GROUP_REDUCE
shared float part[64];
#endif
void main()
{
#include "global_pool.body"
}
