// instance_norm: GLSL entry over the shared body instance_norm.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 1) readonly buffer B_scale { float scale[]; };
layout(std430, binding = 2) readonly buffer B_bias { float bias[]; };
layout(std430, binding = 3) writeonly buffer B_y { float y[]; };
void main()
{
#include "instance_norm.body"
}
