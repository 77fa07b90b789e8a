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

    /// <summary>
    /// A variant of a quad's fragment shader, compiled with <c>#define VARIANT n</c>. Why variants and not a uniform
    /// switch: llvmpipe runs a fragment shader's branches under lane masks, so a costly branch no pixel takes is paid
    /// anyway (the composite's 49-tap blur cost 33 ms a frame in the replace-background mode that never blurs).
    /// </summary>
    public static ShaderProgram Quad(GraphicsDevice device, string fragment, int variant)
    {
        var (key, create) = Variants.GetOrAdd((fragment, variant), v => ($"vision-components:quad+{v.Item1}#{v.Item2}",
            d => ShaderProgram.Create(d, $"{v.Item1}#{v.Item2}", Source("quad.vert"), WithVariant(Source(v.Item1 + ".frag"), v.Item2))));
        return device.Shared(key, create);
    }

    private static readonly ConcurrentDictionary<(string, int), (string Key, Func<GraphicsDevice, ShaderProgram> Create)> Variants = new();

    /// <summary>The source with <c>#define VARIANT n</c> after its #version line.</summary>
    private static string WithVariant(string source, int variant)
    {
        int eol = source.IndexOf('\n');
        return source[..(eol + 1)] + $"#define VARIANT {variant}\n" + source[(eol + 1)..];
    }

    public static string Source(string file)
    {
        using var stream = typeof(ComponentShaders).Assembly.GetManifestResourceStream("Components/Shaders/" + file)
            ?? throw new InvalidOperationException($"shader '{file}' is not embedded in {typeof(ComponentShaders).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
