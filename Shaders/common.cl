// OpenCL C prelude of the shared kernel dialect (the GLSL twin is common.glsl). Parameters arrive by value in one struct
// so every kernel has the same trailing argument, set once per launch.
typedef struct { int count; int p[32]; float f[8]; } Params;

#define PARAM(k) prm.p[k]
#define FPARAM(k) prm.f[k]
#define ITEM_COUNT prm.count
#define TO_F(x) ((float)(x))
#define TO_I(x) ((int)(x))
#define FABS(x) fabs(x)
#define PRECISE  // GLSL's precise; OpenCL C keeps fma fused and never reassociates
#define NEG_INF (-3.402823466e+38f)
// Work groups are 64 items (both backends); BARRIER() waits for the whole group and its local-memory writes.
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define GLOBAL_ID() ((int)get_global_id(0))
#define NAN_F NAN
#define POS_INF INFINITY

// 4-wide values (GLSL: vec4 views of the same buffers): LOAD4(x, i) reads x[4i..4i+3].
#define F4(a, b, c, d) ((float4)((a), (b), (c), (d)))
#define F4S(v) ((float4)(v))
#define LOAD4(buf, i) vload4((i), (buf))
#define STORE4(buf, i, v) vstore4((v), (i), (buf))

#include "math.inc"
#include "activation.inc"
