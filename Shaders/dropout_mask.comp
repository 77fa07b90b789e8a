// dropout_mask: GLSL entry over the shared body dropout_mask.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_step { float stepv[]; };
layout(std430, binding = 1) writeonly buffer B_y { float y[]; };
#define U32(v) uint(v)
#define HASH_U32(v) hashU32(v)
uint hashU32(uint v)
{
    uint s = v * 747796405u + 2891336453u;
    uint w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
    return (w >> 22u) ^ w;
}
void main()
{
#include "dropout_mask.body"
}
