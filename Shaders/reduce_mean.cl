// reduce_mean: OpenCL entry over the shared body reduce_mean.body.
#include "common.cl"
__kernel void reduce_mean(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "reduce_mean.body"
}
