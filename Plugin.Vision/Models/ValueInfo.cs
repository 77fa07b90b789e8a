namespace Vision.Models;

/// <summary>A graph input or output as the model declares it: name, element type and shape (dims may be symbolic).</summary>
public sealed record ValueInfo(string Name, DataType ElementType, IReadOnlyList<Dim> Dims)
{
    /// <summary>True when the model gave no shape at all (not even a rank).</summary>
    public bool HasShape { get; init; } = true;

    public override string ToString() =>
        $"{Name}: {ElementType}" + (HasShape ? "[" + string.Join(",", Dims) + "]" : "[?]");
}
