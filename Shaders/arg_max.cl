// arg_max: OpenCL entry over the shared body arg_max.body.
#include "common.cl"
__kernel void arg_max(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "arg_max.body"
}
