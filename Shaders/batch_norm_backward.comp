// batch_norm_backward: GLSL entry over the shared body batch_norm_backward.body (GRAD_SCALE: x, dy, mean, var -> dgamma;
// otherwise x, dy, gamma, mean, var, dgamma, dbeta -> dx).
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 1) readonly buffer B_dy { float dy[]; };
#ifdef GRAD_SCALE
layout(std430, binding = 2) readonly buffer B_mean { float mean[]; };
layout(std430, binding = 3) readonly buffer B_var { float var[]; };
layout(std430, binding = 4) writeonly buffer B_y { float y[]; };
#else
layout(std430, binding = 2) readonly buffer B_gamma { float gamma[]; };
layout(std430, binding = 3) readonly buffer B_mean { float mean[]; };
layout(std430, binding = 4) readonly buffer B_var { float var[]; };
layout(std430, binding = 5) readonly buffer B_dgamma { float dgamma[]; };
layout(std430, binding = 6) readonly buffer B_dbeta { float dbeta[]; };
layout(std430, binding = 7) writeonly buffer B_y { float y[]; };
#endif
void main()
{
#include "batch_norm_backward.body"
}
