// conv2d_backward: OpenCL entry over the shared body conv2d_backward.body.
#include "common.cl"
__kernel void conv2d_backward(__global const float* restrict dy, __global const float* restrict z, __global float* restrict y, const Params prm)
{
#include "conv2d_backward.body"
}
