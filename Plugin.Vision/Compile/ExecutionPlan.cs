using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// A model compiled for fixed input shapes: ops in order, the constants they read (weights, already folded), and
/// every value's shape. Backend-independent; a Worker binds it to device memory.
/// </summary>
public sealed class ExecutionPlan
{
    public required IReadOnlyList<Step> Steps { get; init; }
    public required IReadOnlyDictionary<string, Tensor> Constants { get; init; }
    public required IReadOnlyDictionary<string, int[]> Shapes { get; init; }
    public required IReadOnlyList<string> Inputs { get; init; }
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>
    /// Values that are another value's memory under a new shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout):
    /// no kernel runs for them. Maps the alias to the value it views.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Aliases { get; init; }

    /// <summary>Follows alias links to the value that owns the memory.</summary>
    public string Root(string value)
    {
        while (Aliases.TryGetValue(value, out var source)) value = source;
        return value;
    }

    /// <summary>Graph outputs that folded to constants (no step produces them).</summary>
    public IEnumerable<string> ConstantOutputs => Outputs.Where(Constants.ContainsKey);

    public override string ToString() => $"Plan({Steps.Count} steps, {Constants.Count} constants)";
}
