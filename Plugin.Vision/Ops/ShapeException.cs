namespace Vision.Ops;

/// <summary>Input shapes an op cannot accept. The message names the input and both shapes involved.</summary>
public sealed class ShapeException(string message) : Exception(message);
