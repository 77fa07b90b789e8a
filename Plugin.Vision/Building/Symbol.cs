using Vision.Tensors;

namespace Vision.Building;

/// <summary>
/// A value of a graph under construction: the name it has in the <see cref="Models.Model"/> and its shape for the input
/// shape the builder was given (the batch size included).
/// </summary>
public sealed record Symbol(string Name, int[] Shape)
{
    public int Rank => Shape.Length;

    /// <summary>Channels of an NCHW value.</summary>
    public int Channels => Shape.Length > 1 ? Shape[1] : throw new InvalidOperationException($"'{Name}' {Tensor.ShapeString(Shape)} has no channel axis.");

    public int Height => Shape.Length == 4 ? Shape[2] : throw new InvalidOperationException($"'{Name}' {Tensor.ShapeString(Shape)} is not NCHW.");
    public int Width => Shape.Length == 4 ? Shape[3] : throw new InvalidOperationException($"'{Name}' {Tensor.ShapeString(Shape)} is not NCHW.");

    public override string ToString() => $"{Name}{Tensor.ShapeString(Shape)}";
}
