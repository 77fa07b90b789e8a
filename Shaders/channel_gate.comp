// channel_gate: GLSL entry over the shared body channel_gate.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 1) readonly buffer B_w1 { float w1[]; };
layout(std430, binding = 2) readonly buffer B_b1 { float b1[]; };
layout(std430, binding = 3) readonly buffer B_w2 { float w2[]; };
layout(std430, binding = 4) readonly buffer B_b2 { float b2[]; };
layout(std430, binding = 5) readonly buffer B_z { float z[]; };
layout(std430, binding = 6) writeonly buffer B_y { float y[]; };
shared float hidden[MAX_HIDDEN];
#ifdef SQUEEZE
shared float pooled[MAX_SQUEEZED];
#endif
void main()
{
#include "channel_gate.body"
}
