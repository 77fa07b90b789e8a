// OpenCL C prelude of the shared kernel dialect (the GLSL twin is common.glsl). Parameters arrive by value in one struct
// so every kernel has the same trailing argument, set once per launch.
typedef struct { int count; int p[32]; float f[8]; } Params;

#define PARAM(k) prm.p[k]
#define FPARAM(k) prm.f[k]
#define ITEM_COUNT prm.count
#define TO_F(x) ((float)(x))
#define TO_I(x) ((int)(x))
#define FABS(x) fabs(x)
#define NEG_INF (-3.402823466e+38f)
#define GLOBAL_ID() ((int)get_global_id(0))
#define NAN_F NAN
#define POS_INF INFINITY

#include "math.inc"
#include "activation.inc"
