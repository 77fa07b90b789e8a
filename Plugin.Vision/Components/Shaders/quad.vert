#version 430 core
// A rectangle in target pixels (origin top-left), no vertex buffer: gl_VertexID 0..5 makes two triangles.
uniform vec4 u_rect;       // x, y, width, height in pixels
uniform vec2 u_target;     // target width, height in pixels
out vec2 v_uv;
void main() {
    const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));
    vec2 c = corners[gl_VertexID];
    vec2 px = u_rect.xy + c * u_rect.zw;
    gl_Position = vec4(px.x / u_target.x * 2.0 - 1.0, 1.0 - px.y / u_target.y * 2.0, 0.0, 1.0);
    v_uv = vec2(c.x, 1.0 - c.y);   // GL-oriented textures: v = 1 is the image's top
}
