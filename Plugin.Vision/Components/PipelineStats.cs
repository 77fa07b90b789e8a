using System.Runtime.CompilerServices;
using Vision.Engine.Scenes;

namespace Vision.Components;

/// <summary>
/// Per-stage timings of one scene's vision pipeline (milliseconds, a ring of recent frames and a full history for
/// medians), plus what a non-GL backend copies between host and device. Components of one scene share one instance.
/// With <see cref="SyncStages"/> each stage waits for the GPU (glFinish) so its time is its own.
/// </summary>
public sealed class PipelineStats
{
    private static readonly ConditionalWeakTable<Scene, PipelineStats> ByScene = new();
    private static readonly int StageCount = Enum.GetValues<PipelineStage>().Length;
    private readonly List<double>[] _history;
    private readonly double[] _last;
    private readonly double[] _smoothed;
    private readonly double[] _pending;
    private readonly bool[] _touched;
    private long _pendingFrame = -1;
    private readonly object _gate = new();

    public PipelineStats()
    {
        _history = new List<double>[StageCount];
        for (int i = 0; i < StageCount; i++) _history[i] = new List<double>(4096);
        _last = new double[StageCount];
        _smoothed = new double[StageCount];
        _pending = new double[StageCount];
        _touched = new bool[StageCount];
    }

    /// <summary>The stats shared by the components of <paramref name="scene"/>.</summary>
    public static PipelineStats Of(Scene scene) => ByScene.GetValue(scene, _ => new PipelineStats());

    /// <summary>Wait for the GPU after each stage so the times are per stage (default on: llvmpipe runs work at once anyway).</summary>
    public bool SyncStages { get; set; } = true;

    /// <summary>Backend the network runs on, e.g. "GL (OpenGL 4.5 ... llvmpipe)".</summary>
    public string Backend { get; set; } = "";

    public string Model { get; set; } = "";
    public string Input { get; set; } = "";

    /// <summary>Host&lt;-&gt;device copies a non-GL backend made (a GL backend makes none in the render loop).</summary>
    public long HostCopies { get; private set; }
    public long HostCopyBytes { get; private set; }

    /// <summary>
    /// Records a stage's time. With the engine <paramref name="frame"/> the times of one stage in one frame are summed
    /// (a segmenter, an overlay and a feature map all post-process) and recorded as one sample when the frame ends.
    /// </summary>
    public void Add(PipelineStage stage, double ms, long frame = -1)
    {
        int i = (int)stage;
        lock (_gate)
        {
            if (frame >= 0)
            {
                if (frame != _pendingFrame) CommitLocked();
                _pendingFrame = frame;
                _pending[i] += ms;
                _touched[i] = true;
                return;
            }
            Record(i, ms);
        }
    }

    /// <summary>Records the summed stage times of the frame in progress; returns their total (ms).</summary>
    public double EndFrame()
    {
        lock (_gate) return CommitLocked();
    }

    private double CommitLocked()
    {
        double total = 0;
        for (int i = 0; i < StageCount; i++)
        {
            if (!_touched[i]) continue;
            Record(i, _pending[i]);
            total += _pending[i];
            _pending[i] = 0;
            _touched[i] = false;
        }
        return total;
    }

    private void Record(int i, double ms)
    {
        var h = _history[i];
        if (h.Count < h.Capacity) h.Add(ms);   // bounded: no growth (and no allocation) after 4096 samples
        _last[i] = ms;
        _smoothed[i] = _smoothed[i] == 0 ? ms : _smoothed[i] * 0.9 + ms * 0.1;
    }

    public void CountCopy(long bytes)
    {
        HostCopies++;
        HostCopyBytes += bytes;
    }

    public double Last(PipelineStage stage) { lock (_gate) return _last[(int)stage]; }

    /// <summary>An exponential moving average, for the HUD.</summary>
    public double Smoothed(PipelineStage stage) { lock (_gate) return _smoothed[(int)stage]; }

    public int Count(PipelineStage stage) { lock (_gate) return _history[(int)stage].Count; }

    /// <summary>The <paramref name="quantile"/> (0.5 median, 0.9 p90) of a stage's samples after <paramref name="warmup"/>.</summary>
    public double Percentile(PipelineStage stage, double quantile, int warmup = 5)
    {
        double[] values;
        lock (_gate)
        {
            var h = _history[(int)stage];
            int skip = h.Count > warmup * 2 ? warmup : 0;
            values = h.Skip(skip).ToArray();
        }
        if (values.Length == 0) return 0;
        Array.Sort(values);
        double pos = quantile * (values.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return values[lo] + (values[hi] - values[lo]) * (pos - lo);
    }
}
