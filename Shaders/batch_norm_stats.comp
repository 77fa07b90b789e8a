// batch_norm_stats: GLSL entry over the shared body batch_norm_stats.body (x -> mean; VARIANCE: x, mean -> variance).
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
#ifdef VARIANCE
layout(std430, binding = 1) readonly buffer B_m { float m[]; };
layout(std430, binding = 2) writeonly buffer B_y { float y[]; };
#else
layout(std430, binding = 1) writeonly buffer B_y { float y[]; };
#endif
void main()
{
#include "batch_norm_stats.body"
}
