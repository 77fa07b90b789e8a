// transpose: OpenCL entry over the shared body transpose.body.
#include "common.cl"
__kernel void transpose(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "transpose.body"
}
