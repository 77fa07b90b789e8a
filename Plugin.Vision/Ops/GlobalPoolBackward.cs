using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>The gradient of global average pooling: dy [N,C,1,1] spread evenly over dx [N,C,H,W].</summary>
public sealed class GlobalPoolBackward(int[] inputShape) : Op
{
    public int[] InputShape { get; } = inputShape;

    public override string Name => "global_pool_backward";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var dy = Require(inputs, 0, -1, "dy");
        if (Tensor.ShapeLength(dy) != InputShape[0] * InputShape[1]) throw new ShapeException($"global_pool_backward: dy {Tensor.ShapeString(dy)} does not match x {Tensor.ShapeString(InputShape)}");
        return (int[])InputShape.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var dy = inputs[0]!;
        int s = output.Length / dy.Length;
        for (int i = 0; i < output.Data.Length; i++) output.Data[i] = dy.Data[i / s] / s;
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [Tensor.ShapeLength(output) / Tensor.ShapeLength(inputs[0]!)]);
}
