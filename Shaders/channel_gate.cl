// channel_gate: OpenCL entry over the shared body channel_gate.body.
#include "common.cl"
__kernel void channel_gate(__global const float* restrict x, __global const float* restrict w1, __global const float* restrict b1,
                           __global const float* restrict w2, __global const float* restrict b2, __global const float* restrict z,
                           __global float* restrict y,
                           const Params prm)
{
    __local float hidden[MAX_HIDDEN];
#ifdef SQUEEZE
    __local float pooled[MAX_SQUEEZED];
#endif
#include "channel_gate.body"
}
