// resize: OpenCL entry over the shared body resize.body.
#include "common.cl"
__kernel void resize(__global const float* restrict x, __global const float* restrict z, __global const float* restrict g,
                     __global const float* restrict gx, __global float* restrict y,
                     const Params prm)
{
#include "resize.body"
}
