// dropout_mask: OpenCL entry over the shared body dropout_mask.body.
#include "common.cl"
#define U32(v) ((uint)(v))
#define HASH_U32(v) hashU32(v)
uint hashU32(uint v)
{
    uint s = v * 747796405u + 2891336453u;
    uint w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
    return (w >> 22u) ^ w;
}
__kernel void dropout_mask(__global const float* restrict stepv, __global float* restrict y, const Params prm)
{
#include "dropout_mask.body"
}
