// copy: OpenCL entry over the shared body copy.body.
#include "common.cl"
__kernel void copy(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "copy.body"
}
