using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Expand for rank up to 6: broadcasts x with <see cref="Shape"/> numpy-style, both ways (a 1 in
/// <see cref="Shape"/> keeps x's dimension, and the output rank is the larger of the two).
/// </summary>
public sealed class Expand(int[] shape) : Op
{
    public int[] Shape { get; } = shape;

    public override string Name => "expand";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var output = Broadcast.Shape(Require(inputs, 0, -1, "x"), Shape);
        Shapes.CheckRank(output.Length, Name);
        return output;
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var strides = Broadcast.Strides(x.Shape, output.Shape);
        Shapes.ForEachIndex(output.Shape, (i, index) =>
        {
            int offset = 0;
            for (int d = 0; d < index.Length; d++) offset += index[d] * strides[d];
            output.Data[i] = x.Data[offset];
        });
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var p = new int[2 * Shapes.MaxRank];
        Shapes.Put6(p, 0, output, 1);
        Shapes.Put6(p, 6, Broadcast.Strides(inputs[0]!, output), 0);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p);
    }
}
