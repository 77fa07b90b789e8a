namespace Vision.Ops;

/// <summary>
/// Element-wise functions of one tensor, each a define of <c>Shaders/unary.body</c> (OP_RELU, OP_LEAKYRELU...). The
/// parameters are <see cref="Unary.Alpha"/> and <see cref="Unary.Beta"/>, with ONNX's defaults.
/// </summary>
public enum UnaryKind
{
    Relu,

    /// <summary>x, or alpha * x below zero (alpha 0.01).</summary>
    LeakyRelu,

    /// <summary>x, or alpha * (e^x - 1) below zero (alpha 1).</summary>
    Elu,

    /// <summary>gamma * x above zero, else gamma * alpha * (e^x - 1) (alpha 1.6733, gamma = Beta 1.0507).</summary>
    Selu,
    Sigmoid,

    /// <summary>max(0, min(1, alpha * x + beta)) (alpha 0.2, beta 0.5).</summary>
    HardSigmoid,

    /// <summary>x * HardSigmoid(x) with alpha 1/6, beta 0.5.</summary>
    HardSwish,
    Tanh,

    /// <summary>log(1 + e^x).</summary>
    Softplus,

    /// <summary>x / (1 + |x|).</summary>
    Softsign,

    /// <summary>x * tanh(softplus(x)).</summary>
    Mish,

    /// <summary>min(max(x, min = Alpha), max = Beta) (defaults: no bound); ReLU6 is Clip(0, 6).</summary>
    Clip,
    Sqrt,
    Exp,
    Neg,
    Abs,

    /// <summary>A copy; also Dropout at inference (its mask output is never produced).</summary>
    Identity,
}
