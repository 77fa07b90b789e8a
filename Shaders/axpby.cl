// axpby: OpenCL entry over the shared body axpby.body.
#include "common.cl"
__kernel void axpby(__global const float* restrict a, __global const float* restrict b, __global float* restrict y, const Params prm)
{
#include "axpby.body"
}
