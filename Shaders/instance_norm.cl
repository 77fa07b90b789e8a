// instance_norm: OpenCL entry over the shared body instance_norm.body.
#include "common.cl"
__kernel void instance_norm(__global const float* restrict x, __global const float* restrict scale, __global const float* restrict bias,
                            __global float* restrict y, const Params prm)
{
#include "instance_norm.body"
}
