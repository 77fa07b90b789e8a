using Vision.Kernels;

namespace Vision.Ops;

/// <summary>The C# side of fused activations; the kernel side is <c>Shaders/activation.inc</c>.</summary>
public static class Activations
{
    /// <summary>
    /// The float parameter slots (<c>FPARAM(6)</c>, <c>FPARAM(7)</c>) that carry an activation's Alpha and Beta. Producing
    /// ops keep their own float parameters below <see cref="AlphaSlot"/>.
    /// </summary>
    public const int AlphaSlot = 6;
    public const int BetaSlot = 7;

    public static float Apply(Activation activation, float v) => activation.Kind switch
    {
        ActivationKind.None => v,
        ActivationKind.Relu => Math.Max(v, 0f),
        ActivationKind.Clip => Elementwise.Clip(v, activation.Alpha, activation.Beta),
        ActivationKind.LeakyRelu => Elementwise.LeakyRelu(v, activation.Alpha),
        ActivationKind.Sigmoid => Elementwise.Sigmoid(v),
        ActivationKind.HardSigmoid => Elementwise.HardSigmoid(v, activation.Alpha, activation.Beta),
        ActivationKind.HardSwish => Elementwise.HardSwish(v),
        ActivationKind.Tanh => Elementwise.Tanh(v),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, null),
    };

    /// <summary>The variant define, e.g. <c>ACT_LEAKYRELU</c>; empty for none.</summary>
    public static string Define(Activation activation) =>
        activation.Kind == ActivationKind.None ? "" : "ACT_" + activation.Kind.ToString().ToUpperInvariant();

    /// <summary>
    /// The launch's float parameters: the op's own (at most <see cref="AlphaSlot"/> of them) with the activation's
    /// parameters in their fixed slots. Without activation parameters the op's own array is returned unchanged.
    /// </summary>
    public static float[]? Floats(Activation activation, float[]? opFloats = null)
    {
        if (opFloats is { Length: > AlphaSlot })
            throw new ArgumentException($"{opFloats.Length} float parameters collide with the fused activation's slots {AlphaSlot} and {BetaSlot}.");
        bool hasParameters = activation.Kind is ActivationKind.Clip or ActivationKind.LeakyRelu or ActivationKind.HardSigmoid;
        if (!hasParameters) return opFloats;
        var floats = new float[KernelLaunch.MaxFloats];
        opFloats?.CopyTo(floats, 0);
        floats[AlphaSlot] = activation.Alpha;
        floats[BetaSlot] = activation.Beta;
        return floats;
    }
}
