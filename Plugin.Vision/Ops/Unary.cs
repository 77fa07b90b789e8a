using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>An element-wise function y = f(x) (ReLU and the other activations), any shape.</summary>
public sealed class Unary(UnaryKind kind) : Op
{
    public UnaryKind Kind { get; } = kind;

    public override string Name => "unary";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs) => (int[])Require(inputs, 0, -1, "x").Clone();

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!.Data;
        for (int i = 0; i < x.Length; i++) output.Data[i] = Apply(x[i]);
    }

    public float Apply(float v) => Kind switch
    {
        UnaryKind.Relu => Math.Max(v, 0f),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [], null, "OP_" + Kind.ToString().ToUpperInvariant());
}
