using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// An element-wise function y = f(x) (ReLU and the other activations), any shape. <see cref="Alpha"/> and
/// <see cref="Beta"/> are the function's parameters (LeakyRelu's slope, Selu's alpha and gamma, Clip's min and max...);
/// left out, they take ONNX's defaults for the kind.
/// </summary>
public sealed class Unary : Op
{
    public UnaryKind Kind { get; }
    public float Alpha { get; }
    public float Beta { get; }

    public Unary(UnaryKind kind, float? alpha = null, float? beta = null)
    {
        Kind = kind;
        Alpha = alpha ?? DefaultAlpha(kind);
        Beta = beta ?? DefaultBeta(kind);
    }

    /// <summary>ONNX Clip(min, max); ReLU6 is Clip(0, 6).</summary>
    public static Unary Clip(float min, float max) => new(UnaryKind.Clip, min, max);

    public static Unary Relu6 => Clip(0f, 6f);

    private static float DefaultAlpha(UnaryKind kind) => kind switch
    {
        UnaryKind.LeakyRelu => 0.01f,
        UnaryKind.Elu => 1f,
        UnaryKind.Selu => Elementwise.SeluAlpha,
        UnaryKind.HardSigmoid => 0.2f,
        UnaryKind.Clip => float.NegativeInfinity,
        _ => 0f,
    };

    private static float DefaultBeta(UnaryKind kind) => kind switch
    {
        UnaryKind.Selu => Elementwise.SeluGamma,
        UnaryKind.HardSigmoid => 0.5f,
        UnaryKind.Clip => float.PositiveInfinity,
        _ => 0f,
    };

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
        UnaryKind.LeakyRelu => Elementwise.LeakyRelu(v, Alpha),
        UnaryKind.Elu => v >= 0f ? v : Alpha * (MathF.Exp(v) - 1f),
        UnaryKind.Selu => v > 0f ? Beta * v : Beta * (Alpha * MathF.Exp(v) - Alpha),
        UnaryKind.Sigmoid => Elementwise.Sigmoid(v),
        UnaryKind.HardSigmoid => Elementwise.HardSigmoid(v, Alpha, Beta),
        UnaryKind.HardSwish => Elementwise.HardSwish(v),
        UnaryKind.Tanh => Elementwise.Tanh(v),
        UnaryKind.Softplus => Elementwise.Softplus(v),
        UnaryKind.Softsign => v / (1f + Math.Abs(v)),
        UnaryKind.Mish => v * Elementwise.Tanh(Elementwise.Softplus(v)),
        UnaryKind.Clip => Elementwise.Clip(v, Alpha, Beta),
        UnaryKind.Sqrt => MathF.Sqrt(v),
        UnaryKind.Exp => MathF.Exp(v),
        UnaryKind.Neg => -v,
        UnaryKind.Abs => Math.Abs(v),
        UnaryKind.Identity => v,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [], [Alpha, Beta], "OP_" + Kind.ToString().ToUpperInvariant());

    public override string ToString() => $"{Name}({Kind}, {Alpha:R}, {Beta:R})";
}
