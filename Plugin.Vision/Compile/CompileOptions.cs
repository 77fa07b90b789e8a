namespace Vision.Compile;

/// <summary>What the compile step may do to the graph.</summary>
public sealed record CompileOptions
{
    /// <summary>Fold BatchNormalization into the Conv or Gemm before it (inference only).</summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Apply element-wise activations inside the producing kernel.</summary>
    public bool FuseActivations { get; init; } = true;

    /// <summary>Rewrite multi-op patterns into one kernel: spelled-out HardSwish, a convolution's residual add.</summary>
    public bool FusePatterns { get; init; } = true;

    /// <summary>
    /// Intermediate values that must stay readable after a run (feature-map overlays). Fusion and folding never hide them
    /// and dead-node removal keeps what computes them.
    /// </summary>
    public IReadOnlyCollection<string> Keep { get; init; } = [];

    /// <summary>Keep every intermediate value (debugging, "diff two backends layer by layer"); disables fusion.</summary>
    public bool KeepAll { get; init; }

    public static CompileOptions Default { get; } = new();
}
