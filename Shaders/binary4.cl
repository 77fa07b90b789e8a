// binary4: OpenCL entry over the shared body binary4.body.
#include "common.cl"
__kernel void binary4(__global const float* restrict a, __global const float* restrict b, __global const float* restrict z,
                    __global float* restrict y, const Params prm)
{
#include "binary4.body"
}
