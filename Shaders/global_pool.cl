// global_pool: OpenCL entry over the shared body global_pool.body.
#include "common.cl"
__kernel void global_pool(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#ifdef GROUP_REDUCE
    __local float part[64];
#endif
#include "global_pool.body"
}
