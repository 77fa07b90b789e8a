using Vision.Models;

namespace Vision.Demo.Cli;

/// <summary>
/// The shape the CLI verbs give an input whose dimensions are symbolic when no --shape/--input says: batch 1, an
/// image's channels 3, its height and width 224 (rank 4), any other dimension 1. One rule for summary, verify and bench,
/// so a text recogniser [1,3,48,W] runs at 48x224 instead of failing at width 1.
/// </summary>
internal static class SymbolicShape
{
    public static int[] Of(ValueInfo input) =>
        input.Dims.Select((d, i) => d.Value is int n && n > 0 ? n : input.Dims.Count == 4 && i >= 2 ? 224 : input.Dims.Count == 4 && i == 1 ? 3 : 1).ToArray();

    public static bool IsSymbolic(ValueInfo input) => input.Dims.Skip(1).Any(d => d.Value is not > 0);
}
