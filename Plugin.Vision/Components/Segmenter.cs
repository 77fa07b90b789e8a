using System.Diagnostics;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;

namespace Vision.Components;

/// <summary>
/// Turns a segmentation network's probability map into a mask texture on the GPU (compute shader, no read-back):
/// r = probability smoothed over inferences, g = the soft-thresholded mask, b = this inference's probability.
/// Mask texels line up with the network's input rectangle (the whole frame for <see cref="ImageFit.Stretch"/>).
/// </summary>
public sealed class Segmenter : NetworkConsumer
{
    private long _seen;   // the network's Version 0 means no inference yet
    private PipelineStats? _stats;


    /// <summary>Output to read (default: the first).</summary>
    public string? Output { get; set; }

    /// <summary>Channel holding the foreground probability (-1: the last).</summary>
    public int Channel { get; set; } = -1;

    /// <summary>The output is logits (apply a sigmoid).</summary>
    public bool Logits { get; set; }

    /// <summary>Weight of the previous mask, 0..1 (temporal smoothing).</summary>
    public float Smoothing { get; set; } = 0.5f;

    public float Threshold { get; set; } = 0.5f;
    public float Softness { get; set; } = 0.08f;

    public Texture2D? Mask { get; private set; }

    /// <summary>Increments with each mask update.</summary>
    public long Version { get; private set; }

    protected override void Start() => _stats = PipelineStats.Of(Scene!);

    public void Prepare(GraphicsDevice device)
    {
        if (PrepareNetwork(device) is not { } network) return;
        if (network.Worker == null || network.Version == _seen) return;
        _seen = network.Version;
        long t0 = Stopwatch.GetTimestamp();
        var image = TensorImage.Of(network.ShapeOf(Output));
        if (Mask == null || Mask.Width != image.Width || Mask.Height != image.Height)
        {
            Mask?.Dispose();
            Mask = Texture2D.Create(device, image.Width, image.Height);
        }
        var gl = device.Gl;
        var shader = ComponentShaders.Compute(device, "mask");
        shader.Use();
        gl.Uniform2(shader.Location("u_size"), image.Width, image.Height);
        shader.Set("u_channels", image.Channels);
        shader.Set("u_channel", Channel < 0 ? image.Channels - 1 : Math.Min(Channel, image.Channels - 1));
        shader.Set("u_nhwc", image.Nhwc ? 1 : 0);
        shader.Set("u_logits", Logits ? 1 : 0);
        shader.Set("u_keep", Version == 0 ? 0f : Math.Clamp(Smoothing, 0f, 0.99f));
        shader.Set("u_threshold", Threshold);
        shader.Set("u_softness", Math.Max(Softness, 1e-4f));
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 0, network.GlBufferOf(Output));
        gl.BindImageTexture(0, Mask.Handle, 0, false, 0, BufferAccessARB.ReadWrite, InternalFormat.Rgba8);
        gl.DispatchCompute((uint)((image.Width + 7) / 8), (uint)((image.Height + 7) / 8), 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderImageAccessBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit | MemoryBarrierMask.TextureUpdateBarrierBit);
        device.Check("mask dispatch");
        if (_stats is { SyncStages: true }) gl.Finish();
        _stats?.Add(PipelineStage.Postprocess, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
        Version++;
    }

    protected override void OnRender(RenderContext context) => Prepare(context.Device);

    protected override void OnDestroy()
    {
        Mask?.Dispose();
        Mask = null;
    }
}
