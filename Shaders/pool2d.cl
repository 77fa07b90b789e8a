// pool2d: OpenCL entry over the shared body pool2d.body.
#include "common.cl"
__kernel void pool2d(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "pool2d.body"
}
