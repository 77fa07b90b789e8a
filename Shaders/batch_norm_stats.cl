// batch_norm_stats: OpenCL entry over the shared body batch_norm_stats.body (x -> mean; VARIANCE: x, mean -> variance).
#include "common.cl"
#ifdef VARIANCE
__kernel void batch_norm_stats(__global const float* restrict x, __global const float* restrict m, __global float* restrict y, const Params prm)
#else
__kernel void batch_norm_stats(__global const float* restrict x, __global float* restrict y, const Params prm)
#endif
{
#include "batch_norm_stats.body"
}
