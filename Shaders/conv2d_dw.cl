// conv2d_dw: OpenCL entry over the shared body conv2d_dw.body.
#include "common.cl"
__kernel void conv2d_dw(__global const float* restrict x, __global const float* restrict w, __global const float* restrict b,
                        __global const float* restrict r, __global const float* restrict s, __global const float* restrict z,
                        __global const float* restrict pa, __global float* restrict y,
                     const Params prm)
{
#include "conv2d_dw.body"
}
