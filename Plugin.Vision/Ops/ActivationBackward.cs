using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// The gradient of an activation written in terms of its output y (so x need not be kept): inputs y and dy, output dx.
/// ReLU, LeakyReLU (alpha), Clip/ReLU6 (min, max), Tanh, Sigmoid and Identity.
/// </summary>
public sealed class ActivationBackward : Op
{
    public UnaryKind Kind { get; }
    public float Alpha { get; }
    public float Beta { get; }

    public ActivationBackward(Unary forward)
    {
        if (forward.Kind is not (UnaryKind.Relu or UnaryKind.LeakyRelu or UnaryKind.Clip or UnaryKind.Tanh or UnaryKind.Sigmoid or UnaryKind.Identity))
            throw new NotSupportedException($"no gradient for activation {forward.Kind}: trainable activations are ReLU, LeakyReLU, Clip (ReLU6), Tanh and Sigmoid.");
        Kind = forward.Kind;
        Alpha = forward.Alpha;
        Beta = forward.Beta;
    }

    public override string Name => "activation_backward";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var y = Require(inputs, 0, -1, "y");
        var dy = Require(inputs, 1, -1, "dy");
        if (Tensor.ShapeLength(y) != Tensor.ShapeLength(dy)) throw new ShapeException($"activation_backward: y {Tensor.ShapeString(y)} and dy {Tensor.ShapeString(dy)} differ");
        return (int[])y.Clone();
    }

    public float Gradient(float y, float dy) => Kind switch
    {
        UnaryKind.Relu => y > 0 ? dy : 0f,
        UnaryKind.LeakyRelu => y > 0 ? dy : Alpha * dy,
        UnaryKind.Clip => y > Alpha && y < Beta ? dy : 0f,
        UnaryKind.Tanh => dy * (1f - y * y),
        UnaryKind.Sigmoid => dy * y * (1f - y),
        _ => dy,
    };

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor y = inputs[0]!, dy = inputs[1]!;
        for (int i = 0; i < output.Data.Length; i++) output.Data[i] = Gradient(y.Data[i], dy.Data[i]);
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
        new(Name, Tensor.ShapeLength(output), [], [Alpha, Beta], Kind switch
        {
            UnaryKind.Relu => "OP_RELU",
            UnaryKind.LeakyRelu => "OP_LEAKYRELU",
            UnaryKind.Clip => "OP_CLIP",
            UnaryKind.Tanh => "OP_TANH",
            UnaryKind.Sigmoid => "OP_SIGMOID",
            _ => "",
        });
}
