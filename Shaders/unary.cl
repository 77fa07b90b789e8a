// unary: OpenCL entry over the shared body unary.body.
#include "common.cl"
__kernel void unary(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "unary.body"
}
