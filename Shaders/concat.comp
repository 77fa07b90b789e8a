// concat: GLSL entry over the shared body concat.body. INPUTS (1..7) input buffers bind at 0..INPUTS-1, the output
// right after them.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x0 { float x0[]; };
layout(std430, binding = 0) readonly buffer B_x04 { vec4 x04[]; };
#if INPUTS > 1
layout(std430, binding = 1) readonly buffer B_x1 { float x1[]; };
layout(std430, binding = 1) readonly buffer B_x14 { vec4 x14[]; };
#endif
#if INPUTS > 2
layout(std430, binding = 2) readonly buffer B_x2 { float x2[]; };
layout(std430, binding = 2) readonly buffer B_x24 { vec4 x24[]; };
#endif
#if INPUTS > 3
layout(std430, binding = 3) readonly buffer B_x3 { float x3[]; };
layout(std430, binding = 3) readonly buffer B_x34 { vec4 x34[]; };
#endif
#if INPUTS > 4
layout(std430, binding = 4) readonly buffer B_x4 { float x4[]; };
layout(std430, binding = 4) readonly buffer B_x44 { vec4 x44[]; };
#endif
#if INPUTS > 5
layout(std430, binding = 5) readonly buffer B_x5 { float x5[]; };
layout(std430, binding = 5) readonly buffer B_x54 { vec4 x54[]; };
#endif
#if INPUTS > 6
layout(std430, binding = 6) readonly buffer B_x6 { float x6[]; };
layout(std430, binding = 6) readonly buffer B_x64 { vec4 x64[]; };
#endif
layout(std430, binding = INPUTS) writeonly buffer B_y { float y[]; };
layout(std430, binding = INPUTS) writeonly buffer B_y4 { vec4 y4[]; };
void main()
{
#include "concat.body"
}
