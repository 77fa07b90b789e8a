// batch_norm_backward: OpenCL entry over the shared body batch_norm_backward.body (GRAD_SCALE: x, dy, mean, var -> dgamma;
// otherwise x, dy, gamma, mean, var, dgamma, dbeta -> dx).
#include "common.cl"
#ifdef GRAD_SCALE
__kernel void batch_norm_backward(__global const float* restrict x, __global const float* restrict dy, __global const float* restrict mean,
    __global const float* restrict var, __global float* restrict y, const Params prm)
#else
__kernel void batch_norm_backward(__global const float* restrict x, __global const float* restrict dy, __global const float* restrict gamma,
    __global const float* restrict mean, __global const float* restrict var, __global const float* restrict dgamma,
    __global const float* restrict dbeta, __global float* restrict y, const Params prm)
#endif
{
#include "batch_norm_backward.body"
}
