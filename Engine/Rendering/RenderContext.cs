using System.Numerics;
using Vision.Engine.Graphics;

namespace Vision.Engine.Rendering;

/// <summary>What renderers need during OnRender: the device, the target size and the active camera's matrices.</summary>
public sealed class RenderContext
{
    private readonly GraphicsDevice? _device;

    /// <summary>A context with no GPU, for driving a scene's lifecycle in tests; renderers that need GL will throw.</summary>
    public RenderContext() { }

    public RenderContext(GraphicsDevice device) => _device = device;

    public GraphicsDevice Device => _device ?? throw new InvalidOperationException("this RenderContext has no graphics device (a GPU-less scene run)");
    public bool HasDevice => _device != null;
    public int Width { get; private set; } = 1;
    public int Height { get; private set; } = 1;
    public Camera? Camera { get; private set; }
    public Matrix4x4 View { get; private set; } = Matrix4x4.Identity;
    public Matrix4x4 Projection { get; private set; } = Matrix4x4.Identity;
    public Matrix4x4 ViewProjection { get; private set; } = Matrix4x4.Identity;

    /// <summary>Sets the target size and takes view and projection from <paramref name="camera"/> (identity without one).</summary>
    public void Begin(int width, int height, Camera? camera)
    {
        Width = Math.Max(1, width);
        Height = Math.Max(1, height);
        Camera = camera;
        View = camera?.ViewMatrix ?? Matrix4x4.Identity;
        Projection = camera?.ProjectionMatrix((float)Width / Height) ?? Matrix4x4.Identity;
        ViewProjection = View * Projection;
    }
}
