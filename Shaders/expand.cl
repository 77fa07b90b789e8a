// expand: OpenCL entry over the shared body expand.body.
#include "common.cl"
__kernel void expand(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "expand.body"
}
