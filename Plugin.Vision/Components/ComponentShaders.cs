using System.Collections.Concurrent;
using Vision.Engine.Graphics;

namespace Vision.Components;

/// <summary>The components' GLSL programs (embedded from Components/Shaders), compiled once per device on first use.</summary>
internal static class ComponentShaders
{
    // Device cache keys and factories, made once per shader name so a frame's lookups allocate nothing.
    private static readonly ConcurrentDictionary<string, (string Key, Func<GraphicsDevice, ShaderProgram> Create)> Computes = new(), Quads = new();

    public static ShaderProgram Compute(GraphicsDevice device, string name)
    {
        var (key, create) = Computes.GetOrAdd(name, n => ("vision-components:" + n, d => ShaderProgram.CreateCompute(d, n, Source(n + ".comp"))));
        return device.Shared(key, create);
    }

    /// <summary>A pixel-rectangle quad (quad.vert) with the fragment shader <paramref name="fragment"/>.</summary>
    public static ShaderProgram Quad(GraphicsDevice device, string fragment)
    {
        var (key, create) = Quads.GetOrAdd(fragment, n => ("vision-components:quad+" + n, d => ShaderProgram.Create(d, n, Source("quad.vert"), Source(n + ".frag"))));
        return device.Shared(key, create);
    }

    public static string Source(string file)
    {
        using var stream = typeof(ComponentShaders).Assembly.GetManifestResourceStream("Components/Shaders/" + file)
            ?? throw new InvalidOperationException($"shader '{file}' is not embedded in {typeof(ComponentShaders).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
