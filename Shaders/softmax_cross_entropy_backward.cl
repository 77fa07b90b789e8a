// softmax_cross_entropy_backward: OpenCL entry over the shared body softmax_cross_entropy_backward.body.
#include "common.cl"
__kernel void softmax_cross_entropy_backward(__global const float* restrict logits, __global const float* restrict target, __global float* restrict y, const Params prm)
{
#include "softmax_cross_entropy_backward.body"
}
