// resize: GLSL entry over the shared body resize.body.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x { float x[]; };
layout(std430, binding = 0) readonly buffer B_x4 { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer B_z { float z[]; };
layout(std430, binding = 1) readonly buffer B_z4 { vec4 z4[]; };
layout(std430, binding = 2) readonly buffer B_g { float g[]; };
layout(std430, binding = 3) readonly buffer B_gx { float gx[]; };
layout(std430, binding = 4) writeonly buffer B_y { float y[]; };
layout(std430, binding = 4) writeonly buffer B_y4 { vec4 y4[]; };
void main()
{
#include "resize.body"
}
