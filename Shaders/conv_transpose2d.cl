// conv_transpose2d: OpenCL entry over the shared body conv_transpose2d.body.
#include "common.cl"
__kernel void conv_transpose2d(__global const float* restrict x, __global const float* restrict w, __global const float* restrict b, __global float* restrict y, const Params prm)
{
#include "conv_transpose2d.body"
}
