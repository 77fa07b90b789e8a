// channel_sum: OpenCL entry over the shared body channel_sum.body.
#include "common.cl"
__kernel void channel_sum(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "channel_sum.body"
}
