// softmax_cross_entropy_backward: GLSL entry over the shared body softmax_cross_entropy_backward.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_logits { float logits[]; };
layout(std430, binding = 1) readonly buffer B_target { float target[]; };
layout(std430, binding = 2) writeonly buffer B_y { float y[]; };
void main()
{
#include "softmax_cross_entropy_backward.body"
}
