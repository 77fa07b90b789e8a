using System.Globalization;
using System.Numerics;
using OpenCvSharp;
using Vision.Backends;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;
using Vision.Text;

namespace Vision.Components;

/// <summary>
/// Reads the text in a <see cref="CameraSource"/>'s frames with PP-OCRv4 (<see cref="OcrReader"/>) on a background
/// task every <see cref="EveryNFrames"/> frames, and draws the lines on the HUD and their boxes over the frame. The
/// frame is copied from the capture's host memory (no GPU read-back); the render loop never waits for the reader.
/// </summary>
public sealed class OcrOverlay : Engine.Scenes.Component
{
    private OcrReader? _reader;
    private Task<IReadOnlyList<TextLine>>? _task;
    private readonly Mat _frame = new();
    private int _frameWidth, _frameHeight;
    private TextRenderer? _text;
    private readonly char[] _buffer = new char[2048];
    private long _lastStart = long.MinValue / 2;

    public string? SourceObject { get; set; }

    /// <summary>Backend of the reader's own workers: cl, cpu, gl (a GL context of its own) or auto.</summary>
    public string Backend { get; set; } = "cl";

    public int EveryNFrames { get; set; } = 15;
    public bool DrawBoxes { get; set; } = true;
    public Vector2 TextPosition { get; set; } = new(8, 130);
    public int MaxLines { get; set; } = 12;

    /// <summary>The lines of the last completed read, top to bottom (boxes in frame pixels).</summary>
    public IReadOnlyList<TextLine> Lines { get; private set; } = [];

    /// <summary>Completed reads.</summary>
    public long Version { get; private set; }

    /// <summary>Why reading stopped (models missing, backend unavailable); null while fine.</summary>
    public string? Error { get; private set; }

    public Action<string> Log { get; set; } = message => Console.Error.WriteLine(message);

    protected override void Start()
    {
        _text = GameObject.AddComponent<TextRenderer>();
        _text.Color = new Vector4(0.5f, 1f, 1f, 1f);
        _text.PixelScale = 1.1f;
    }

    protected override void OnRender(RenderContext context)
    {
        var camera = ComponentLookup.Find<CameraSource>(this, SourceObject);
        camera.Prepare(context.Device);
        if (_task is { IsCompleted: true })
        {
            if (_task.IsCompletedSuccessfully)
            {
                Lines = _task.Result;
                Version++;
            }
            else if (Error == null)
            {
                Error = _task.Exception?.GetBaseException().Message ?? "cancelled";
                Log($"[OcrOverlay] reading stopped: {Error}");
            }
            _task = null;
        }
        long frame = Scene?.Time.FrameCount ?? 0;
        if (_task == null && Error == null && frame - _lastStart >= Math.Max(1, EveryNFrames) && camera.CopyFrame(_frame))
        {
            _lastStart = frame;
            (_frameWidth, _frameHeight) = (_frame.Width, _frame.Height);
            var kind = BackendFactory.Parse(Backend);
            _task = Task.Run(() =>
            {
                _reader ??= new OcrReader(kind);
                return _reader.Read(_frame);
            });
        }
        Draw(context, camera.Texture);
    }

    private void Draw(RenderContext context, Texture2D? frame)
    {
        if (_text == null) return;
        var span = _buffer.AsSpan();
        int n = 0;
        span[n..].TryWrite(CultureInfo.InvariantCulture, $"text ({Lines.Count} lines{(Error != null ? ", " + Error : "")}):\n", out int w);
        n += w;
        for (int i = 0; i < Math.Min(Lines.Count, MaxLines); i++)
        {
            if (!span[n..].TryWrite(CultureInfo.InvariantCulture, $"  {Lines[i].Text}  ({Lines[i].Confidence:0.00})\n", out w)) break;
            n += w;
        }
        _text.Position = TextPosition;
        _text.SetText(span[..n]);
        if (!DrawBoxes || frame == null || _frameWidth == 0) return;
        var fit = HudDraw.Fit(frame.Width, frame.Height, new Vector4(0, 0, context.Width, context.Height));
        float sx = fit.Z / _frameWidth, sy = fit.W / _frameHeight;
        var white = BuiltinTextures.White(context.Device);
        var color = new Vector4(0.3f, 1f, 1f, 0.9f);
        foreach (var line in Lines)
        {
            var b = new Vector4(fit.X + line.Box.X * sx, fit.Y + line.Box.Y * sy, line.Box.Width * sx, line.Box.Height * sy);
            HudDraw.Image(context, white, new Vector4(b.X, b.Y, b.Z, 2), color);
            HudDraw.Image(context, white, new Vector4(b.X, b.Y + b.W - 2, b.Z, 2), color);
            HudDraw.Image(context, white, new Vector4(b.X, b.Y, 2, b.W), color);
            HudDraw.Image(context, white, new Vector4(b.X + b.Z - 2, b.Y, 2, b.W), color);
        }
    }

    protected override void OnDestroy()
    {
        try { _task?.Wait(TimeSpan.FromSeconds(30)); }
        catch (AggregateException) { /* reported through Error while running */ }
        _reader?.Dispose();
        _reader = null;
        _frame.Dispose();
    }
}
