// channel_sum: GLSL entry over the shared body channel_sum.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 1) writeonly buffer B_y { float y[]; };
void main()
{
#include "channel_sum.body"
}
