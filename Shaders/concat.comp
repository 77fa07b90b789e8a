// concat: GLSL entry over the shared body concat.body. INPUTS (1..7) input buffers bind at 0..INPUTS-1, the output
// right after them.
#include "common.glsl"
layout(std430, binding = 0) readonly buffer B_x0 { float x0[]; };
#if INPUTS > 1
layout(std430, binding = 1) readonly buffer B_x1 { float x1[]; };
#endif
#if INPUTS > 2
layout(std430, binding = 2) readonly buffer B_x2 { float x2[]; };
#endif
#if INPUTS > 3
layout(std430, binding = 3) readonly buffer B_x3 { float x3[]; };
#endif
#if INPUTS > 4
layout(std430, binding = 4) readonly buffer B_x4 { float x4[]; };
#endif
#if INPUTS > 5
layout(std430, binding = 5) readonly buffer B_x5 { float x5[]; };
#endif
#if INPUTS > 6
layout(std430, binding = 6) readonly buffer B_x6 { float x6[]; };
#endif
layout(std430, binding = INPUTS) writeonly buffer B_y { float y[]; };
void main()
{
#include "concat.body"
}
