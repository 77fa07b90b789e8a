// activation_backward: OpenCL entry over the shared body activation_backward.body.
#include "common.cl"
__kernel void activation_backward(__global const float* restrict y, __global const float* restrict dy, __global float* restrict dx, const Params prm)
{
#include "activation_backward.body"
}
