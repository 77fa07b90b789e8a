// slice: OpenCL entry over the shared body slice.body.
#include "common.cl"
__kernel void slice(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "slice.body"
}
