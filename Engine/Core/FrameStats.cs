namespace Vision.Engine.Core;

/// <summary>Per-frame work times (ms, from frame start to presented, before any frame-cap sleep), kept without per-frame allocation.</summary>
public sealed class FrameStats
{
    private double[] _ms = new double[1024];

    public int Count { get; private set; }
    public ReadOnlySpan<double> FrameMs => _ms.AsSpan(0, Count);

    public void Add(double ms)
    {
        if (Count == _ms.Length) Array.Resize(ref _ms, _ms.Length * 2);   // amortised: a doubling every 1024+ frames
        _ms[Count++] = ms;
    }

    /// <summary>Median frame time, skipping the first <paramref name="warmup"/> frames (shader JIT, first upload).</summary>
    public double MedianMs(int warmup = 5)
    {
        int skip = Count > warmup * 2 ? warmup : 0;
        if (Count - skip <= 0) return 0;
        var sorted = _ms.AsSpan(skip, Count - skip).ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
