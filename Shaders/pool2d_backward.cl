// pool2d_backward: OpenCL entry over the shared body pool2d_backward.body.
#include "common.cl"
__kernel void pool2d_backward(__global const float* restrict x, __global const float* restrict dy, __global float* restrict dx, const Params prm)
{
#include "pool2d_backward.body"
}
