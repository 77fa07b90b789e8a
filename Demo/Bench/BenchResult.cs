namespace Vision.Demo.Bench;

/// <summary>One backend's figures: latency percentiles over the timed runs, start-up and memory.</summary>
public sealed class BenchResult
{
    public required string Backend { get; init; }
    public required string Device { get; init; }
    public double MedianMs { get; set; }
    public double P10Ms { get; set; }
    public double P90Ms { get; set; }
    public double? RatioToOrt { get; set; }

    /// <summary>Load to first result in a fresh process with warm caches (shader, program binary and PoCL caches).</summary>
    public double? ColdMs { get; set; }

    /// <summary>Load to first result in a fresh process with empty caches.</summary>
    public double? ColdCacheMs { get; set; }

    /// <summary>Peak resident memory of the warm-cache start-up process, MiB.</summary>
    public double? PeakRssMb { get; set; }

    /// <summary>Max |output - ORT's output|.</summary>
    public double? MaxAbsDiff { get; set; }

    public string? Error { get; set; }
    public List<double> Samples { get; } = [];

    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        double rank = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public void Summarise()
    {
        MedianMs = Percentile(Samples, 0.5);
        P10Ms = Percentile(Samples, 0.1);
        P90Ms = Percentile(Samples, 0.9);
    }
}
