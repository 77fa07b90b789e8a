using Vision.Compile;

namespace Vision.Runtime;

/// <summary>How a <see cref="Worker"/> compiles and runs its model.</summary>
public sealed record WorkerOptions
{
    /// <summary>Graph rewrites and which intermediate values stay readable (<see cref="CompileOptions.Keep"/>).</summary>
    public CompileOptions Compile { get; init; } = CompileOptions.Default;

    /// <summary>Input shapes for dynamic dimensions before the first run (otherwise the first input fixes them).</summary>
    public IReadOnlyDictionary<string, int[]>? InputShapes { get; init; }

    public static WorkerOptions Default { get; } = new();
}
