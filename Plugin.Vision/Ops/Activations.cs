namespace Vision.Ops;

/// <summary>The C# side of fused activations; the kernel side is <c>Shaders/activation.inc</c>.</summary>
public static class Activations
{
    public static float Apply(Activation activation, float v) => activation switch
    {
        Activation.None => v,
        Activation.Relu => Math.Max(v, 0f),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static string Define(Activation activation) => activation switch
    {
        Activation.None => "",
        Activation.Relu => "ACT_RELU",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
