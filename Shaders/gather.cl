// gather: OpenCL entry over the shared body gather.body.
#include "common.cl"
__kernel void gather(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "gather.body"
}
