using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;

namespace Vision.Components;

/// <summary>
/// Top-k labels of a classification network, with probabilities smoothed over inferences, drawn on the HUD. The scores
/// (a few floats) are read back without waiting, one or two frames late; scores that are not probabilities already
/// (outside 0..1 or not summing to 1) go through a softmax.
/// </summary>
public sealed class Classifier : NetworkConsumer
{
    private AsyncReadback? _readback;
    private long _seen;   // the network's Version 0 means no inference yet
    private long _readVersion;
    private float[] _smoothed = [];
    private int[] _order = [];
    private TextRenderer? _text;
    private readonly char[] _buffer = new char[512];
    private PipelineStats? _stats;

    public string? Output { get; set; }

    /// <summary>One label per line; without it classes are named by index.</summary>
    public string? LabelsPath { get; set; }

    public string[] Labels { get; set; } = [];
    public int TopK { get; set; } = 3;

    /// <summary>Weight of the previous probabilities, 0..1.</summary>
    public float Smoothing { get; set; } = 0.5f;

    public Vector2 TextPosition { get; set; } = new(8, 120);
    public bool DrawOnScreen { get; set; } = true;

    /// <summary>Draw the network's input rectangle on the frame (centre crops).</summary>
    public bool DrawCropBox { get; set; } = true;

    /// <summary>Smoothed class probabilities.</summary>
    public ReadOnlySpan<float> Probabilities => _smoothed;

    public int BestIndex => _order.Length > 0 ? _order[0] : -1;
    public string BestLabel => BestIndex < 0 ? "" : LabelOf(BestIndex);
    public float BestProbability => BestIndex < 0 ? 0 : _smoothed[BestIndex];

    /// <summary>Increments with each new set of scores.</summary>
    public long Version { get; private set; }

    protected override void Start()
    {
        _stats = PipelineStats.Of(Scene!);
        if (Labels.Length == 0 && LabelsPath != null)
            Labels = File.ReadAllLines(LabelsPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        _text = GameObject.AddComponent<TextRenderer>();
        _text.Color = new Vector4(1f, 0.95f, 0.4f, 1f);
    }

    public string LabelOf(int index) => index < Labels.Length ? Labels[index] : index.ToString(CultureInfo.InvariantCulture);

    public void Prepare(GraphicsDevice device)
    {
        if (PrepareNetwork(device) is not { } network) return;
        if (network.Worker == null) return;
        long t0 = Stopwatch.GetTimestamp();
        if (_readback == null)
        {
            int classes = network.ShapeOf(Output).Aggregate(1, (a, b) => a * b);
            _readback = new AsyncReadback(classes);
            _smoothed = new float[classes];
            if (Labels.Length < classes)   // unnamed classes are named by index, once
                Labels = Labels.Concat(Enumerable.Range(Labels.Length, classes - Labels.Length).Select(i => i.ToString(CultureInfo.InvariantCulture))).ToArray();
            _order = new int[classes];
        }
        if (_readback.Poll(device)) Consume(_readback.Result);
        if (network.Version != _seen && _readback.Request(device, network.GlBufferOf(Output))) _seen = network.Version;
        _stats?.Add(PipelineStage.Postprocess, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
    }

    private void Consume(float[] scores)
    {
        bool probabilities = true;
        float sum = 0, max = float.MinValue;
        foreach (float s in scores)
        {
            if (s < 0 || s > 1) probabilities = false;
            sum += s;
            max = Math.Max(max, s);
        }
        if (Math.Abs(sum - 1) > 1e-3) probabilities = false;
        float norm = 0;
        if (!probabilities)
            foreach (float s in scores) norm += MathF.Exp(s - max);
        float keep = _readVersion == 0 ? 0 : Math.Clamp(Smoothing, 0, 0.99f);
        for (int i = 0; i < scores.Length; i++)
        {
            float p = probabilities ? scores[i] : MathF.Exp(scores[i] - max) / norm;
            _smoothed[i] = keep * _smoothed[i] + (1 - keep) * p;
        }
        _readVersion++;
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        // Insertion sort by probability, descending: a handful of classes, no allocation.
        for (int i = 1; i < _order.Length; i++)
        {
            int v = _order[i], j = i - 1;
            while (j >= 0 && _smoothed[_order[j]] < _smoothed[v]) { _order[j + 1] = _order[j]; j--; }
            _order[j + 1] = v;
        }
        Version++;
    }

    protected override void OnRender(RenderContext context)
    {
        Prepare(context.Device);
        if (_text == null) return;
        _text.Enabled = DrawOnScreen && _order.Length > 0 && Version > 0;
        if (!_text.Enabled) return;
        _text.Position = TextPosition;
        var span = _buffer.AsSpan();
        int n = 0;
        for (int k = 0; k < Math.Min(TopK, _order.Length); k++)
        {
            int c = _order[k];
            span[n..].TryWrite(CultureInfo.InvariantCulture, $"{(k == 0 ? "> " : "  ")}{LabelOf(c)}  {_smoothed[c] * 100:F1}%\n", out int w);
            n += w;
        }
        _text.SetText(span[..n]);
        if (DrawCropBox && Network?.Source?.Texture is { } frame)
        {
            var fit = HudDraw.Fit(frame.Width, frame.Height, new Vector4(0, 0, context.Width, context.Height));
            var crop = Network.CropRect;
            var box = new Vector4(fit.X + crop.X * fit.Z, fit.Y + crop.Y * fit.W, crop.Z * fit.Z, crop.W * fit.W);
            var white = BuiltinTextures.White(context.Device);
            var color = new Vector4(1f, 0.95f, 0.4f, 0.9f);
            HudDraw.Image(context, white, new Vector4(box.X, box.Y, box.Z, 2), color);
            HudDraw.Image(context, white, new Vector4(box.X, box.Y + box.W - 2, box.Z, 2), color);
            HudDraw.Image(context, white, new Vector4(box.X, box.Y, 2, box.W), color);
            HudDraw.Image(context, white, new Vector4(box.X + box.Z - 2, box.Y, 2, box.W), color);
        }
    }

    protected override void OnDestroy()
    {
        _readback?.Dispose();
        _readback = null;
    }
}
