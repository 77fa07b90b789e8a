// matmul: OpenCL entry over the shared body matmul.body.
#include "common.cl"
__kernel void matmul(__global const float* restrict a, __global const float* restrict b, __global float* restrict y, const Params prm)
{
#include "matmul.body"
}
