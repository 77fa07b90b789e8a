using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Vision.Engine.Core;
using Vision.Engine.Rendering;

namespace Vision.Components;

/// <summary>
/// FPS and per-stage milliseconds (capture, upload, preprocess, inference, postprocess, render) with the backend, the
/// camera's status and any help lines, top-left. Also records each frame's time and its render share in
/// <see cref="PipelineStats"/>.
/// </summary>
public sealed class StatsHud : Engine.Scenes.Component
{
    private TextRenderer? _text;
    private readonly char[] _buffer = new char[1024];
    private long _frameStart;
    private PipelineStats? _stats;
    private CameraSource? _camera;

    /// <summary>Lines shown under the stats (key help).</summary>
    public string Help { get; set; } = "";

    public bool Visible { get; set; } = true;
    public Key ToggleKey { get; set; } = Key.H;
    public Vector2 Position { get; set; } = new(8, 8);

    /// <summary>Milliseconds of the previous frame to leave out (the app's capture: PNG and video writing).</summary>
    public Func<double>? ExcludedMs { get; set; }

    /// <summary>How the backend is named on the HUD: at most this many characters of <see cref="PipelineStats.Backend"/>.</summary>
    public int BackendChars { get; set; } = 40;

    public PipelineStats Stats => _stats ?? throw new InvalidOperationException("StatsHud has not started");

    protected override void Start()
    {
        _stats = PipelineStats.Of(Scene!);
        _camera = Scene!.FindComponent<CameraSource>();
        _text = GameObject.AddComponent<TextRenderer>();
        _text.PixelScale = 1.25f;
        _text.Color = new Vector4(0.85f, 1f, 0.85f, 1f);
    }

    protected override void Update()
    {
        if (ToggleKey != 0 && Input.WasKeyPressed(ToggleKey)) Visible = !Visible;
        long now = Stopwatch.GetTimestamp();
        if (_frameStart != 0 && _stats != null)
        {
            // The previous frame: its whole time, and what is left after the measured stages is rendering.
            double frame = Stopwatch.GetElapsedTime(_frameStart, now).TotalMilliseconds - (ExcludedMs?.Invoke() ?? 0);
            double staged = _stats.EndFrame();
            _stats.Add(PipelineStage.Frame, frame);
            _stats.Add(PipelineStage.Render, Math.Max(0, frame - staged));
        }
        _frameStart = now;
    }

    protected override void OnRender(RenderContext context)
    {
        if (_text == null || _stats == null) return;
        _text.Enabled = Visible;
        if (!Visible) return;
        _text.Position = Position;
        var s = _stats;
        double frame = s.Smoothed(PipelineStage.Frame);
        var span = _buffer.AsSpan();
        span.TryWrite(CultureInfo.InvariantCulture,
            $"{(frame > 0 ? 1000 / frame : 0):F1} fps  {frame:F1} ms/frame  [{s.Backend.AsSpan(0, Math.Min(BackendChars, s.Backend.Length))}]\n" +
            $"capture {s.Smoothed(PipelineStage.Capture):F1}  upload {s.Smoothed(PipelineStage.Upload):F1}  pre {s.Smoothed(PipelineStage.Preprocess):F1}  " +
            $"infer {s.Smoothed(PipelineStage.Inference):F1}  post {s.Smoothed(PipelineStage.Postprocess):F1}  render {s.Smoothed(PipelineStage.Render):F1} ms\n" +
            $"{(_camera == null ? "" : _camera.IsLive ? "input: " : "INPUT: ")}{_camera?.Status}\n{Help}",
            out int n);
        _text.SetText(span[..n]);
        // A translucent backdrop so the lines stay legible over bright video (the text draws after this component).
        int lines = 1;
        foreach (char ch in span[..n]) if (ch == '\n') lines++;
        float line = (BitmapFont.Default(context.Device).CellHeight - 2 * BitmapFont.Pad) * _text.PixelScale;
        HudDraw.Image(context, BuiltinTextures.White(context.Device),
            new Vector4(Position.X - 4, Position.Y - 4, Math.Min(context.Width - Position.X, 900), lines * line + 8), new Vector4(0, 0, 0, 0.5f));
    }
}
