namespace Vision.Ops;

/// <summary>
/// An activation fused into the producing kernel (applied to each output before it is stored): a kind and up to two
/// parameters. <c>default</c> is <see cref="None"/>, so ops take <c>Activation activation = default</c>.
/// </summary>
public readonly record struct Activation(ActivationKind Kind, float Alpha = 0f, float Beta = 0f)
{
    public static Activation None => default;
    public static Activation Relu => new(ActivationKind.Relu);
    public static Activation Relu6 => Clip(0f, 6f);
    public static Activation Sigmoid => new(ActivationKind.Sigmoid);
    public static Activation HardSwish => new(ActivationKind.HardSwish);
    public static Activation Tanh => new(ActivationKind.Tanh);

    public static Activation Clip(float min, float max) => new(ActivationKind.Clip, min, max);

    /// <summary>ONNX default slope 0.01.</summary>
    public static Activation LeakyRelu(float alpha = 0.01f) => new(ActivationKind.LeakyRelu, alpha);

    /// <summary>ONNX defaults alpha 0.2, beta 0.5.</summary>
    public static Activation HardSigmoid(float alpha = 0.2f, float beta = 0.5f) => new(ActivationKind.HardSigmoid, alpha, beta);

    public override string ToString() => Kind switch
    {
        ActivationKind.Clip or ActivationKind.HardSigmoid => $"{Kind}({Alpha:R}, {Beta:R})",
        ActivationKind.LeakyRelu => $"{Kind}({Alpha:R})",
        _ => Kind.ToString(),
    };
}
