// batch_norm_stats: OpenCL entry over the shared body batch_norm_stats.body.
#include "common.cl"
__kernel void batch_norm_stats(__global const float* restrict x, __global const float* restrict m, __global float* restrict y, const Params prm)
{
#include "batch_norm_stats.body"
}
