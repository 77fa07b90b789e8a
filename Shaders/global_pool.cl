// global_pool: OpenCL entry over the shared body global_pool.body.
#include "common.cl"
// ADDEND_SLOT (GlobalPool, not Pool2d): the addend z is argument 1 (set or not) and y comes after it.
#ifdef ADDEND_SLOT
__kernel void global_pool(__global const float* restrict x, __global const float* restrict z, __global float* restrict y, const Params prm)
#else
__kernel void global_pool(__global const float* restrict x, __global float* restrict y, const Params prm)
#endif
{
#ifdef GROUP_REDUCE
    __local float part[64];
#endif
#include "global_pool.body"
}
