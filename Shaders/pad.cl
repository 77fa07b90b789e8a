// pad: OpenCL entry over the shared body pad.body.
#include "common.cl"
__kernel void pad(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "pad.body"
}
