#version 430 core
// A grid of channel tiles: tile k shows channel first + k of a [1,C,H,W] (or NHWC) tensor, normalised by that
// channel's own min and max, through a colormap. Texture row 0 is the bottom; tensor row 0 the top of each tile.
layout(local_size_x = 8, local_size_y = 8) in;
// Tensor and ranges are read through buffer textures (R32F views; see channel_range.comp for why).
layout(binding = 0) uniform samplerBuffer data;
layout(binding = 1) uniform samplerBuffer ranges;
layout(rgba8, binding = 0) uniform writeonly image2D u_tiles;
uniform ivec2 u_image;     // grid texture size
uniform ivec3 u_tensor;    // W, H, C
uniform int u_nhwc;
uniform int u_first;       // first channel shown
uniform int u_columns;
uniform int u_tile;        // tile edge in texels, 1 texel border included
uniform int u_colormap;    // 0: gray, 1: inferno-like

vec3 inferno(float t) {
    const vec3 c0 = vec3(0.0002, 0.0016, -0.0194);
    const vec3 c1 = vec3(0.1065, 0.5640, 3.9327);
    const vec3 c2 = vec3(11.6025, -3.9729, -15.9424);
    const vec3 c3 = vec3(-41.7040, 17.4364, 44.3541);
    const vec3 c4 = vec3(77.1629, -33.4024, -81.8073);
    const vec3 c5 = vec3(-71.3194, 32.6261, 73.2095);
    const vec3 c6 = vec3(25.1311, -12.2427, -23.0703);
    return clamp(c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6))))), 0.0, 1.0);
}

void main() {
    ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (p.x >= u_image.x || p.y >= u_image.y) return;
    int top = u_image.y - 1 - p.y;                       // rows from the top of the grid
    ivec2 cell = ivec2(p.x / u_tile, top / u_tile);
    ivec2 in_tile = ivec2(p.x % u_tile, top % u_tile);
    int ch = u_first + cell.y * u_columns + cell.x;
    int inner = u_tile - 1;
    if (cell.x >= u_columns || ch >= u_tensor.z || in_tile.x >= inner || in_tile.y >= inner) {
        imageStore(u_tiles, p, vec4(0.0, 0.0, 0.0, 0.0));
        return;
    }
    int x = min(in_tile.x * u_tensor.x / inner, u_tensor.x - 1);
    int y = min(in_tile.y * u_tensor.y / inner, u_tensor.y - 1);
    int plane = u_tensor.x * u_tensor.y;
    int pix = y * u_tensor.x + x;
    float v = texelFetch(data, u_nhwc == 1 ? pix * u_tensor.z + ch : ch * plane + pix).x;
    float lo = texelFetch(ranges, 2 * ch).x, hi = texelFetch(ranges, 2 * ch + 1).x;
    float t = hi > lo ? (v - lo) / (hi - lo) : 0.0;
    vec3 c = u_colormap == 1 ? inferno(t) : vec3(t);
    imageStore(u_tiles, p, vec4(c, 1.0));
}
