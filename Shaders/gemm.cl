// gemm: OpenCL entry over the shared body gemm.body.
#include "common.cl"
__kernel void gemm(__global const float* restrict a, __global const float* restrict b, __global const float* restrict c, __global float* restrict y, const Params prm)
{
#include "gemm.body"
}
