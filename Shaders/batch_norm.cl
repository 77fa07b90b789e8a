// batch_norm: OpenCL entry over the shared body batch_norm.body.
#include "common.cl"
__kernel void batch_norm(__global const float* restrict x, __global const float* restrict scale, __global const float* restrict bias,
                         __global const float* restrict mean, __global const float* restrict variance, __global float* restrict y,
                         const Params prm)
{
#include "batch_norm.body"
}
