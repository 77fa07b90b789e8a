// global_pool_backward: OpenCL entry over the shared body global_pool_backward.body.
#include "common.cl"
__kernel void global_pool_backward(__global const float* restrict dy, __global float* restrict dx, const Params prm)
{
#include "global_pool_backward.body"
}
