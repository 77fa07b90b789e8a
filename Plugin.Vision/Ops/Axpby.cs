using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>y = alpha * a + beta * b element-wise (running statistics of batch norm, blends of gradients).</summary>
public sealed class Axpby(float alpha, float beta) : Op
{
    public float Alpha { get; } = alpha;
    public float Beta { get; } = beta;

    public override string Name => "axpby";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var a = Require(inputs, 0, -1, "a");
        var b = Require(inputs, 1, -1, "b");
        if (Tensor.ShapeLength(a) != Tensor.ShapeLength(b)) throw new ShapeException($"axpby: {Tensor.ShapeString(a)} and {Tensor.ShapeString(b)} differ");
        return (int[])a.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor a = inputs[0]!, b = inputs[1]!;
        for (int i = 0; i < output.Data.Length; i++) output.Data[i] = Alpha * a.Data[i] + Beta * b.Data[i];
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [], [Alpha, Beta]);
}
