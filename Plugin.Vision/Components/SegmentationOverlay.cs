using System.Diagnostics;
using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Engine.Core;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;
using Framebuffer = Vision.Engine.Graphics.Framebuffer;

namespace Vision.Components;

/// <summary>
/// Composes the source frame with a <see cref="Segmenter"/>'s mask on the GPU into <see cref="Output"/> (tint,
/// background blur, background replacement, cut-out with alpha, heat map) and draws it fitted to the screen.
/// <see cref="Output"/> is an ordinary texture: put it on a sprite or mesh to stand the person in a 3D scene.
/// </summary>
public sealed class SegmentationOverlay : Engine.Scenes.Component
{
    private Framebuffer? _target;
    private Texture2D? _background;
    private bool _ownsBackground;
    private long _preparedFrame = -1;
    private PipelineStats? _stats;

    public string? SegmenterObject { get; set; }
    public Segmenter? Segmenter { get; set; }

    public OverlayMode Mode { get; set; } = OverlayMode.Replace;

    /// <summary>Image for <see cref="OverlayMode.Replace"/> ("builtin:checker" by default).</summary>
    public string? BackgroundPath { get; set; }

    public Vector4 Tint { get; set; } = new(0.1f, 0.9f, 0.4f, 0.45f);

    /// <summary>Background blur radius in frame pixels.</summary>
    public float BlurRadius { get; set; } = 14f;

    public bool DrawOnScreen { get; set; } = true;

    /// <summary>Pixel rectangle on screen (x, y, width, height from the top-left); zero size: the whole target.</summary>
    public Vector4 ScreenRect { get; set; }

    /// <summary>Key that cycles <see cref="Mode"/> (none: Key value 0).</summary>
    public Key ModeKey { get; set; } = Key.M;

    /// <summary>Key that shows or hides the composite (the plain frame shows instead).</summary>
    public Key ToggleKey { get; set; } = Key.O;

    public bool ShowComposite { get; set; } = true;

    /// <summary>The composite, the source frame's size, GL-oriented.</summary>
    public Texture2D? Output => _target?.Color;

    protected override void Start() => _stats = PipelineStats.Of(Scene!);

    protected override void Update()
    {
        if (ModeKey != 0 && Input.WasKeyPressed(ModeKey)) Mode = (OverlayMode)(((int)Mode + 1) % 5);
        if (ToggleKey != 0 && Input.WasKeyPressed(ToggleKey)) ShowComposite = !ShowComposite;
    }

    public unsafe void Prepare(GraphicsDevice device)
    {
        long frame = Scene?.Time.FrameCount ?? 0;
        if (frame == _preparedFrame) return;
        _preparedFrame = frame;
        var segmenter = Segmenter ??= ComponentLookup.Find<Segmenter>(this, SegmenterObject);
        segmenter.Prepare(device);
        var frameTexture = segmenter.Network?.Source?.Texture;
        if (frameTexture == null || segmenter.Mask == null) return;
        long t0 = Stopwatch.GetTimestamp();
        var gl = device.Gl;
        // Read the bound target first: creating a framebuffer rebinds 0.
        gl.GetInteger(GetPName.DrawFramebufferBinding, out int previous);
        Span<int> viewport = stackalloc int[4];
        gl.GetInteger(GetPName.Viewport, viewport);
        if (_target == null || _target.Width != frameTexture.Width || _target.Height != frameTexture.Height)
        {
            _target?.Dispose();
            _target = Framebuffer.Create(device, frameTexture.Width, frameTexture.Height);
        }
        if (_background == null)
        {
            _background = BuiltinTextures.Resolve(device, BackgroundPath ?? BuiltinTextures.CheckerName, out _ownsBackground);
        }
        _target.Bind();
        gl.ClearColor(0, 0, 0, 0);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        var shader = ComponentShaders.Quad(device, "composite", (int)Mode);
        shader.Use();
        shader.Set("u_rect", new Vector4(0, 0, _target.Width, _target.Height));
        shader.Set("u_target", new Vector2(_target.Width, _target.Height));
        shader.Set("u_frame", 0);
        shader.Set("u_mask", 1);
        shader.Set("u_background", 2);
        shader.Set("u_tint", Tint);
        shader.Set("u_texel", new Vector2(1f / frameTexture.Width, 1f / frameTexture.Height));
        shader.Set("u_blur", BlurRadius);
        frameTexture.Bind(0);
        segmenter.Mask.Bind(1);
        (_background ?? BuiltinTextures.White(device)).Bind(2);
        HudDraw.Quad(device, blend: false);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, (uint)previous);
        gl.Viewport(viewport[0], viewport[1], (uint)viewport[2], (uint)viewport[3]);
        if (_stats is { SyncStages: true }) gl.Finish();
        _stats?.Add(PipelineStage.Postprocess, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
    }

    protected override void OnRender(RenderContext context)
    {
        Prepare(context.Device);
        if (!DrawOnScreen) return;
        var texture = ShowComposite ? Output : Segmenter?.Network?.Source?.Texture;
        if (texture == null) return;
        var box = ScreenRect.Z > 0 ? ScreenRect : new Vector4(0, 0, context.Width, context.Height);
        HudDraw.Image(context, texture, HudDraw.Fit(texture.Width, texture.Height, box), Vector4.One, blend: Mode == OverlayMode.CutOut);
    }

    protected override void OnDestroy()
    {
        _target?.Dispose();
        _target = null;
        if (_ownsBackground) _background?.Dispose();
        _background = null;
    }
}
