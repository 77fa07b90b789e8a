using System.Diagnostics;
using System.Numerics;
using OpenCvSharp;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;
using Vision.Engine.Scenes;

namespace Vision.Components;

/// <summary>
/// Frames from a camera index, a video file, an image file or a folder of images, into a GL texture. Capture runs on
/// its own thread into a one-frame mailbox: a newer frame replaces one not yet taken (counted in
/// <see cref="FramesDropped"/>), and the render loop only ever takes what is there, never waits. With no camera it says
/// so and falls back to <see cref="Fallback"/>; when the source is lost mid-run (a read fails, a file ends without
/// <see cref="Loop"/>) the last frame stays, <see cref="Status"/> says what happened, and it reopens every
/// <see cref="RetrySeconds"/>.
/// </summary>
public sealed class CameraSource : Component, ITextureSource
{
    /// <summary>The sample video of Debian's opencv-doc package (pedestrians, 768x576).</summary>
    public const string SampleVideo = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"];
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _stop = new();
    private Thread? _thread;
    private Mat _write = new(), _ready = new(), _front = new();
    private bool _hasReady;
    private long _preparedFrame = -1;
    private volatile string _status = "starting";
    private volatile string _activeInput = "";
    private volatile bool _live;
    private Texture2D? _texture;
    private PipelineStats? _stats;

    /// <summary>Camera index ("0"), video file, image file or folder of images.</summary>
    public string InputPath { get; set; } = "0";

    /// <summary>Used when <see cref="InputPath"/> cannot be opened at start (null: keep retrying the input).</summary>
    public string? Fallback { get; set; } = SampleVideo;

    /// <summary>Restart files (videos, image folders) at their end.</summary>
    public bool Loop { get; set; } = true;

    /// <summary>
    /// Play files at their own frame rate and drop frames the renderer did not take (a camera's behaviour). Off: every
    /// frame is delivered in order, the capture thread waiting for the renderer to take the previous one (recorded
    /// inputs in tests); the render loop still never waits.
    /// </summary>
    public bool RealTime { get; set; } = true;

    /// <summary>Wider frames are scaled down on the capture thread.</summary>
    public int MaxWidth { get; set; } = 1280;

    public float RetrySeconds { get; set; } = 1f;

    /// <summary>Slide-show rate of an image folder (a single image repeats at this rate too).</summary>
    public double ImageFps { get; set; } = 10;

    /// <summary>Draw the frame fitted to the whole target, behind everything drawn after it.</summary>
    public bool DrawOnScreen { get; set; }

    /// <summary>Where log lines go (the capture thread writes here too).</summary>
    public Action<string> Log { get; set; } = message => Console.Error.WriteLine(message);

    public Texture2D? Texture => _texture;
    public long Version { get; private set; }

    /// <summary>What the source is doing: "camera 0 (640x480)", "camera 0 lost: retrying in 1 s", ...</summary>
    public string Status => _status;

    /// <summary>The input actually used (the fallback when the camera was missing).</summary>
    public string ActiveInput => _activeInput;

    /// <summary>Frames are arriving (false while starting, lost or retrying).</summary>
    public bool IsLive => _live;

    public long FramesCaptured { get; private set; }
    public long FramesDropped { get; private set; }

    /// <summary>Tests replace how a reader is made for an input.</summary>
    internal Func<string, IFrameReader>? ReaderFactory { get; set; }

    protected override void Start()
    {
        _stats = PipelineStats.Of(Scene!);
        _stop.Reset();
        _thread = new Thread(CaptureLoop) { IsBackground = true, Name = "vision-capture" };
        _thread.Start();
    }

    public void Prepare(GraphicsDevice device)
    {
        long frame = Scene?.Time.FrameCount ?? 0;
        if (frame == _preparedFrame) return;
        _preparedFrame = frame;
        lock (_gate)
        {
            if (!_hasReady) return;
            (_front, _ready) = (_ready, _front);
            _hasReady = false;
            Monitor.PulseAll(_gate);
        }
        long t0 = Stopwatch.GetTimestamp();
        if (_texture == null || _texture.Width != _front.Width || _texture.Height != _front.Height)
        {
            _texture?.Dispose();
            _texture = Texture2D.Create(device, _front.Width, _front.Height);
        }
        unsafe
        {
            _texture.SetData(new ReadOnlySpan<byte>((void*)_front.Data, _front.Width * _front.Height * 4));
        }
        if (_stats is { SyncStages: true }) device.Gl.Finish();
        _stats?.Add(PipelineStage.Upload, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
        Version++;
    }

    /// <summary>
    /// Copies the frame now in the texture to <paramref name="bgr"/> (BGR, top row first) from host memory, for CPU
    /// consumers such as OCR; call on the render thread after <see cref="Prepare"/>. False before the first frame.
    /// </summary>
    public bool CopyFrame(Mat bgr)
    {
        if (_texture == null || _front.Empty()) return false;
        Cv2.CvtColor(_front, bgr, ColorConversionCodes.RGBA2BGR);
        Cv2.Flip(bgr, bgr, FlipMode.X);
        return true;
    }

    protected override void OnRender(RenderContext context)
    {
        Prepare(context.Device);
        if (DrawOnScreen && _texture != null)
            HudDraw.Image(context, _texture, HudDraw.Fit(_texture.Width, _texture.Height, new Vector4(0, 0, context.Width, context.Height)), Vector4.One, blend: false);
    }

    protected override void OnDestroy()
    {
        _stop.Set();
        lock (_gate) Monitor.PulseAll(_gate);
        _thread?.Join(TimeSpan.FromSeconds(5));
        _thread = null;
        _texture?.Dispose();
        _texture = null;
        _write.Dispose();
        _ready.Dispose();
        _front.Dispose();
    }

    private IFrameReader CreateReader(string input)
    {
        if (ReaderFactory != null) return ReaderFactory(input);
        bool image = Directory.Exists(input) || ImageExtensions.Contains(Path.GetExtension(input).ToLowerInvariant());
        return image ? new ImageFrameReader(input, ImageFps) : new VideoFrameReader(input);
    }

    private void CaptureLoop()
    {
        IFrameReader? reader = null;
        string input = InputPath;
        bool everLive = false;
        using var raw = new Mat();
        using var scaled = new Mat();
        long due = Stopwatch.GetTimestamp();
        try
        {
            while (!_stop.IsSet)
            {
                if (reader == null)
                {
                    reader = CreateReader(input);
                    if (!reader.Open(out string problem))
                    {
                        reader.Dispose();
                        reader = null;
                        if (!everLive && Fallback != null && input != Fallback)
                        {
                            Log($"[CameraSource] {problem}: using the sample input {Fallback} instead (pass an input to choose another).");
                            input = Fallback;
                            continue;
                        }
                        SetStatus($"{problem}: retrying in {RetrySeconds:0.#} s", live: false);
                        _stop.Wait(TimeSpan.FromSeconds(RetrySeconds));
                        continue;
                    }
                    _activeInput = reader.Description;
                    due = Stopwatch.GetTimestamp();
                }

                long t0 = Stopwatch.GetTimestamp();
                bool got = reader.Read(raw);
                if (!got && reader.Fps > 0 && Loop && reader.Rewind()) got = reader.Read(raw);
                if (!got)
                {
                    string what = reader.Fps > 0 && !Loop ? "ended" : "lost (no frame)";
                    SetStatus($"{reader.Description} {what}: showing the last frame, retrying in {RetrySeconds:0.#} s", live: false);
                    Log($"[CameraSource] {reader.Description} {what}; retrying every {RetrySeconds:0.#} s");
                    reader.Dispose();
                    reader = null;
                    _stop.Wait(TimeSpan.FromSeconds(RetrySeconds));
                    continue;
                }
                var source = raw;
                if (raw.Width > MaxWidth)
                {
                    Cv2.Resize(raw, scaled, new OpenCvSharp.Size(MaxWidth, raw.Height * MaxWidth / raw.Width), 0, 0, InterpolationFlags.Area);
                    source = scaled;
                }
                FramePixels.ToRgbaBottomUp(source, _write);   // GL textures are bottom row first
                _stats?.Add(PipelineStage.Capture, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (!_live) SetStatus($"{reader.Description} ({raw.Width}x{raw.Height})", live: true);
                everLive = true;
                Publish();

                if (RealTime && reader.Fps > 0)
                {
                    due += (long)(Stopwatch.Frequency / reader.Fps);
                    long now = Stopwatch.GetTimestamp();
                    if (due > now) _stop.Wait(TimeSpan.FromSeconds((double)(due - now) / Stopwatch.Frequency));
                    else due = now;
                }
            }
        }
        catch (Exception e) when (e is OpenCVException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            SetStatus($"capture stopped: {e.Message}", live: false);
            Log($"[CameraSource] capture stopped: {e.Message}");
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private void Publish()
    {
        lock (_gate)
        {
            if (!RealTime)
                while (_hasReady && !_stop.IsSet) Monitor.Wait(_gate, 100);
            if (_hasReady) FramesDropped++;
            (_write, _ready) = (_ready, _write);
            _hasReady = true;
            FramesCaptured++;
        }
    }

    private void SetStatus(string status, bool live)
    {
        _status = status;
        _live = live;
    }
}
