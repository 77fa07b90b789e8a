// softmax: OpenCL entry over the shared body softmax.body.
#include "common.cl"
__kernel void softmax(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "softmax.body"
}
