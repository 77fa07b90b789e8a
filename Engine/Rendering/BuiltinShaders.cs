using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>The engine's own GLSL programs, compiled once per device on first use.</summary>
public static class BuiltinShaders
{
    private const string MeshVertex = """
        #version 430 core
        layout(location = 0) in vec3 a_position;
        layout(location = 1) in vec3 a_normal;
        layout(location = 2) in vec2 a_uv;
        uniform mat4 u_model;
        uniform mat4 u_viewProjection;
        out vec3 v_normal;
        out vec2 v_uv;
        void main() {
            gl_Position = u_viewProjection * (u_model * vec4(a_position, 1.0));
            v_normal = mat3(u_model) * a_normal;
            v_uv = a_uv;
        }
        """;

    // u_lit = 0 gives flat, unlit colour (sprites); 1 adds one fixed directional light (meshes).
    private const string MeshFragment = """
        #version 430 core
        in vec3 v_normal;
        in vec2 v_uv;
        uniform sampler2D u_texture;
        uniform vec4 u_color;
        uniform float u_lit;
        out vec4 o_color;
        void main() {
            vec4 c = texture(u_texture, v_uv) * u_color;
            float diffuse = max(dot(normalize(v_normal), normalize(vec3(0.4, 0.8, 0.5))), 0.0);
            o_color = vec4(c.rgb * mix(1.0, 0.35 + 0.65 * diffuse, u_lit), c.a);
        }
        """;

    // Text is laid out in pixels, origin top-left; the atlas holds glyph coverage in alpha.
    private const string TextVertex = """
        #version 430 core
        layout(location = 0) in vec2 a_position;
        layout(location = 1) in vec2 a_uv;
        uniform vec2 u_screen;
        out vec2 v_uv;
        void main() {
            gl_Position = vec4(a_position.x / u_screen.x * 2.0 - 1.0, 1.0 - a_position.y / u_screen.y * 2.0, 0.0, 1.0);
            v_uv = a_uv;
        }
        """;

    private const string TextFragment = """
        #version 430 core
        in vec2 v_uv;
        uniform sampler2D u_texture;
        uniform vec4 u_color;
        out vec4 o_color;
        void main() {
            o_color = vec4(u_color.rgb, u_color.a * texture(u_texture, v_uv).a);
        }
        """;

    public static ShaderProgram Mesh(GraphicsDevice device) =>
        device.Shared("shader:mesh", d => ShaderProgram.Create(d, "builtin mesh", MeshVertex, MeshFragment));

    public static ShaderProgram Text(GraphicsDevice device) =>
        device.Shared("shader:text", d => ShaderProgram.Create(d, "builtin text", TextVertex, TextFragment));
}
