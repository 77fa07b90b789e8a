// sgd_update: OpenCL entry over the shared body sgd_update.body.
#include "common.cl"
__kernel void sgd_update(__global const float* restrict a, __global const float* restrict b, __global const float* restrict c, __global float* restrict y, const Params prm)
{
#include "sgd_update.body"
}
