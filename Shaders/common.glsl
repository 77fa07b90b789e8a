// GLSL prelude of the shared kernel dialect (the OpenCL twin is common.cl). A kernel body (<op>.body) is written once
// in the subset of C both languages accept, using only the macros below for what differs between them.
layout(local_size_x = 64) in;

uniform int uCount;        // work items in this launch; the grid is rounded up to whole groups
uniform int uParams[32];   // PARAM(k): shapes, strides, flags
uniform float uFloats[8];  // FPARAM(k): alpha, beta, epsilon...

#define PARAM(k) uParams[k]
#define FPARAM(k) uFloats[k]
#define ITEM_COUNT uCount
#define TO_F(x) float(x)
#define TO_I(x) int(x)
#define FABS(x) abs(x)
// Marks a value whose operations the compiler must not reassociate or split (fma stays fused): GLSL's precise.
#define PRECISE precise
#define NEG_INF (-3.402823466e+38)
// A 2D grid when a 1D one would exceed 65535 groups; the id stays a flat index either way.
// Work groups are 64 items (both backends); BARRIER() waits for the whole group and its shared-memory writes.
#define BARRIER() barrier()
#define GLOBAL_ID() (int(gl_GlobalInvocationID.y) * int(gl_NumWorkGroups.x) * 64 + int(gl_GlobalInvocationID.x))
// GLSL has no NaN or infinity literal; these are their IEEE bit patterns.
#define NAN_F uintBitsToFloat(0x7fc00000u)
#define POS_INF uintBitsToFloat(0x7f800000u)

// 4-wide values: a buffer read as vec4 is declared a second time under the same binding with a "4" suffix (x and x4).
#define float4 vec4
#define F4(a, b, c, d) vec4(a, b, c, d)
#define F4S(v) vec4(v)
#define LOAD4(buf, i) buf##4[i]
#define STORE4(buf, i, v) buf##4[i] = (v)

#include "math.inc"
#include "activation.inc"
