namespace Vision.Compile;

/// <summary>
/// A model cannot be compiled for running: the message names the node, its op and the attribute or input at fault.
/// <see cref="Unsupported"/> is true when the model is valid ONNX that Vision does not implement (tools skip these),
/// false when the model itself is wrong (shapes that do not fit, a missing input).
/// </summary>
public sealed class CompileException(string node, string opType, string message, bool unsupported = false)
    : Exception($"node '{node}' ({opType}): {message}")
{
    public string Node { get; } = node;
    public string OpType { get; } = opType;
    public bool Unsupported { get; } = unsupported;

    /// <summary>
    /// The value that had to be a compile-time constant (a Pad's pads, a Resize's scales...). When it is a model input,
    /// the Worker compiles again with that input's value folded in.
    /// </summary>
    public string? NeedsConstant { get; init; }
}
