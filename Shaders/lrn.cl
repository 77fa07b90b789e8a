// lrn: OpenCL entry over the shared body lrn.body.
#include "common.cl"
__kernel void lrn(__global const float* restrict x, __global float* restrict y, const Params prm)
{
#include "lrn.body"
}
