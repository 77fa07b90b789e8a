// concat: OpenCL entry over the shared body concat.body. INPUTS (1..7) input buffers come first, then the output.
#include "common.cl"
__kernel void concat(__global const float* restrict x0,
#if INPUTS > 1
                     __global const float* restrict x1,
#endif
#if INPUTS > 2
                     __global const float* restrict x2,
#endif
#if INPUTS > 3
                     __global const float* restrict x3,
#endif
#if INPUTS > 4
                     __global const float* restrict x4,
#endif
#if INPUTS > 5
                     __global const float* restrict x5,
#endif
#if INPUTS > 6
                     __global const float* restrict x6,
#endif
                     __global float* restrict y, const Params prm)
{
#include "concat.body"
}
