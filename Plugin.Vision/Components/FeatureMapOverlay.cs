using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Engine.Core;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;

namespace Vision.Components;

/// <summary>
/// Shows one layer of a <see cref="NeuralNetwork"/> as a grid of its channels, each normalised by its own min and max
/// and coloured by a colormap, with the layer's name, shape and value range. The layer comes from the Worker's kept
/// intermediates (<see cref="NeuralNetwork.KeepLayers"/> / <see cref="NeuralNetwork.AutoFeatureLayers"/>); the tiles are
/// computed on the GPU, and only the per-channel ranges (two floats a channel) are read back, without waiting.
/// </summary>
public sealed class FeatureMapOverlay : NetworkConsumer
{
    private Texture2D? _tiles;
    private GpuBuffer? _ranges;
    private BufferTexture? _rangesView, _dataView;
    private object? _viewPlan;
    private int _rangeChannels;
    private AsyncReadback? _readback;
    private TextRenderer? _label;
    private readonly char[] _text = new char[256];
    private long _seen;   // the network's Version 0 means no inference yet
    private bool _dirty = true;
    private string _shapeText = "";
    private PipelineStats? _stats;


    /// <summary>Index into the network's <see cref="NeuralNetwork.FeatureLayers"/>.</summary>
    public int LayerIndex { get; set; }

    /// <summary>Page of <see cref="TilesPerPage"/> channels.</summary>
    public int Page { get; set; }

    public int TilesPerPage { get; set; } = 16;

    /// <summary>
    /// Edge of the square grid texture in texels. 256 (4x4 tiles of 63 texels) matches the corner it is drawn in at
    /// 640x480 and costs a quarter of 512 on a CPU-backed GL (llvmpipe: 262K shader invocations a page at 512).
    /// </summary>
    public int TextureSize { get; set; } = 256;

    public Colormap Colormap { get; set; } = Colormap.Inferno;

    /// <summary>Pixel rectangle on screen; zero size: a square in the bottom-right corner, 40% of the height.</summary>
    public Vector4 ScreenRect { get; set; }

    public bool DrawOnScreen { get; set; } = true;
    public bool Visible { get; set; } = true;

    public Key NextLayerKey { get; set; } = Key.L;
    public Key NextPageKey { get; set; } = Key.P;
    public Key ToggleKey { get; set; } = Key.F;

    /// <summary>The grid texture (GL-oriented); tile k of the page shows channel Page * TilesPerPage + k.</summary>
    public Texture2D? Tiles => _tiles;

    public int Columns => (int)Math.Ceiling(Math.Sqrt(Math.Max(1, TilesPerPage)));

    /// <summary>Tile edge in texels, one border texel included.</summary>
    public int TileSize => TextureSize / Columns;

    public string LayerName { get; private set; } = "";
    public int[] LayerShape { get; private set; } = [];

    /// <summary>Value range over the page's channels, from the last completed read-back.</summary>
    public Vector2 ValueRange { get; private set; }

    /// <summary>Increments each time the tiles are recomputed.</summary>
    public long Version { get; private set; }

    protected override void Start()
    {
        _stats = PipelineStats.Of(Scene!);
        _label = GameObject.AddComponent<TextRenderer>();
        _label.PixelScale = 1.25f;
    }

    protected override void Update()
    {
        if (NextLayerKey != 0 && Input.WasKeyPressed(NextLayerKey)) { LayerIndex++; Page = 0; _dirty = true; }
        if (NextPageKey != 0 && Input.WasKeyPressed(NextPageKey)) { Page++; _dirty = true; }
        if (ToggleKey != 0 && Input.WasKeyPressed(ToggleKey)) Visible = !Visible;
    }

    public void Prepare(GraphicsDevice device)
    {
        if (PrepareNetwork(device) is not { } network) return;
        var layers = network.FeatureLayers;
        if (network.Worker == null || layers.Count == 0) return;
        if (_readback != null && _readback.Poll(device)) UpdateRange();
        if (network.Version == 0 || (network.Version == _seen && !_dirty)) return;
        _seen = network.Version;
        _dirty = false;
        long t0 = Stopwatch.GetTimestamp();
        LayerIndex = ((LayerIndex % layers.Count) + layers.Count) % layers.Count;
        LayerName = layers[LayerIndex];
        if (!ReferenceEquals(LayerShape, network.ShapeOf(LayerName)))
        {
            LayerShape = network.ShapeOf(LayerName);
            _shapeText = "[" + string.Join(",", LayerShape) + "]";   // only when the layer changes
        }
        var image = TensorImage.Of(LayerShape);
        int pages = (image.Channels + TilesPerPage - 1) / TilesPerPage;
        Page = ((Page % pages) + pages) % pages;

        var gl = device.Gl;
        if (_tiles == null || _tiles.Width != TextureSize)
        {
            _tiles?.Dispose();
            _tiles = Texture2D.Create(device, TextureSize, TextureSize, nearest: true);
        }
        if (_ranges == null || _rangeChannels < image.Channels)
        {
            _ranges?.Dispose();
            _rangeChannels = Math.Max(image.Channels, 64);
            _ranges = GpuBuffer.Create(device, BufferTargetARB.ShaderStorageBuffer, (nuint)(2 * _rangeChannels * sizeof(float)), BufferUsageARB.DynamicCopy);
            _rangesView?.Dispose();
            _rangesView = BufferTexture.Create(device, _ranges.Handle);
        }
        uint data = network.GlBufferOf(LayerName);
        // Re-pointed when the buffer or the plan changes (a re-planned network may free the old buffer and reuse its
        // name), not every frame: a glTexBuffer on the network's buffer each frame made the next inference 10 ms slower.
        if (_dataView == null) _dataView = BufferTexture.Create(device, data);
        else if (_dataView.Buffer != data || !ReferenceEquals(_viewPlan, network.Worker.Plan)) _dataView.Retarget(data);
        _viewPlan = network.Worker.Plan;
        int first = Page * TilesPerPage, shown = Math.Min(TilesPerPage, image.Channels - first);
        var range = ComponentShaders.Compute(device, "channel_range");
        range.Use();
        range.Set("u_channels", image.Channels);
        range.Set("u_plane", image.Width * image.Height);
        range.Set("u_nhwc", image.Nhwc ? 1 : 0);
        range.Set("u_first", first);
        _dataView.Bind(0);
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 1, _ranges.Handle);
        gl.DispatchCompute((uint)shown, 1, 1);   // the page's channels only
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit);

        var tiles = ComponentShaders.Compute(device, "feature_tiles");
        tiles.Use();
        gl.Uniform2(tiles.Location("u_image"), TextureSize, TextureSize);
        gl.Uniform3(tiles.Location("u_tensor"), image.Width, image.Height, image.Channels);
        tiles.Set("u_nhwc", image.Nhwc ? 1 : 0);
        tiles.Set("u_first", first);
        _rangesView!.Bind(1);
        tiles.Set("u_columns", Columns);
        tiles.Set("u_tile", TileSize);
        tiles.Set("u_colormap", (int)Colormap);
        gl.BindImageTexture(0, _tiles.Handle, 0, false, 0, BufferAccessARB.WriteOnly, InternalFormat.Rgba8);
        gl.DispatchCompute((uint)((TextureSize + 7) / 8), (uint)((TextureSize + 7) / 8), 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderImageAccessBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit);
        device.Check("feature map dispatch");

        if (_readback == null || _readback.Result.Length != 2 * _rangeChannels)
        {
            _readback?.Dispose();
            _readback = new AsyncReadback(2 * _rangeChannels);
        }
        _readback.Request(device, _ranges.Handle);
        if (_stats is { SyncStages: true }) gl.Finish();
        _stats?.Add(PipelineStage.Postprocess, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
        Version++;
    }

    private void UpdateRange()
    {
        if (LayerShape.Length == 0) return;
        var image = TensorImage.Of(LayerShape);
        float lo = float.MaxValue, hi = float.MinValue;
        int first = Page * TilesPerPage, last = Math.Min(image.Channels, first + TilesPerPage);
        var r = _readback!.Result;
        for (int c = first; c < last; c++)
        {
            lo = Math.Min(lo, r[2 * c]);
            hi = Math.Max(hi, r[2 * c + 1]);
        }
        ValueRange = new Vector2(lo, hi);
    }

    protected override void OnRender(RenderContext context)
    {
        Prepare(context.Device);
        bool show = DrawOnScreen && Visible && _tiles != null;
        if (_label != null) _label.Enabled = show;
        if (!show) return;
        float edge = context.Height * 0.4f;
        var rect = ScreenRect.Z > 0 ? ScreenRect : new Vector4(context.Width - edge - 8, context.Height - edge - 8, edge, edge);
        HudDraw.Image(context, _tiles!, rect, Vector4.One, blend: true);
        if (_label == null) return;
        var image = TensorImage.Of(LayerShape);
        int pages = (image.Channels + TilesPerPage - 1) / TilesPerPage;
        int first = Page * TilesPerPage, last = Math.Min(image.Channels, first + TilesPerPage) - 1;
        _text.AsSpan().TryWrite(CultureInfo.InvariantCulture,
            $"{LayerName}\n{_shapeText}\nch {first}-{last} page {Page + 1}/{pages}\n{ValueRange.X:F2} .. {ValueRange.Y:F2}",
            out int written);
        _label.SetText(_text.AsSpan(0, written));
        float line = (BitmapFont.Default(context.Device).CellHeight - 2 * BitmapFont.Pad) * _label.PixelScale;
        _label.Position = new Vector2(rect.X, rect.Y - 4 * line - 4);
    }

    protected override void OnDestroy()
    {
        _tiles?.Dispose();
        _ranges?.Dispose();
        _rangesView?.Dispose();
        _dataView?.Dispose();
        _readback?.Dispose();
        _tiles = null;
        _ranges = null;
        _readback = null;
    }
}
