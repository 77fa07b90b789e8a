using System.Reflection;
using Vision.Engine.Graphics;

namespace Vision.Components;

/// <summary>The components' GLSL programs (embedded from Components/Shaders), compiled once per device on first use.</summary>
internal static class ComponentShaders
{
    public static ShaderProgram Compute(GraphicsDevice device, string name) =>
        device.Shared("vision-components:" + name, d => ShaderProgram.CreateCompute(d, name, Source(name + ".comp")));

    /// <summary>A pixel-rectangle quad (quad.vert) with the fragment shader <paramref name="fragment"/>.</summary>
    public static ShaderProgram Quad(GraphicsDevice device, string fragment) =>
        device.Shared("vision-components:quad+" + fragment, d => ShaderProgram.Create(d, fragment, Source("quad.vert"), Source(fragment + ".frag")));

    public static string Source(string file)
    {
        using var stream = typeof(ComponentShaders).Assembly.GetManifestResourceStream("Components/Shaders/" + file)
            ?? throw new InvalidOperationException($"shader '{file}' is not embedded in {typeof(ComponentShaders).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
