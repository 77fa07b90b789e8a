namespace Vision.Ops;

/// <summary>
/// Scalar functions shared by <see cref="Unary"/>, <see cref="Binary"/> and the fused activations: the C# twins of
/// <c>Shaders/math.inc</c>, written with the same (numerically stable) formulas so reference and kernels agree.
/// </summary>
public static class Elementwise
{
    /// <summary>ONNX Selu defaults (the constants of Klambauer et al., as float32).</summary>
    public const float SeluAlpha = 1.67326319217681884765625f;
    public const float SeluGamma = 1.05070102214813232421875f;

    /// <summary>1 / (1 + e^-x), evaluated as e^x * 1 / (1 + e^x) for negative x so tiny results keep their precision
    /// (the kernels' branch-free form, math.inc).</summary>
    public static float Sigmoid(float x)
    {
        float e = MathF.Exp(-Math.Abs(x));
        float s = 1f / (1f + e);
        return x >= 0f ? s : e * s;
    }

    /// <summary>log(1 + e^x) as max(x, 0) + log(1 + e^-|x|), which never overflows.</summary>
    public static float Softplus(float x) => Math.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-Math.Abs(x)));

    /// <summary>tanh, clamped to [-10, 10] first as the kernel does (tanh(10) is already 1 in float32).</summary>
    public static float Tanh(float x) => MathF.Tanh(Math.Clamp(x, -10f, 10f));

    public static float HardSigmoid(float x, float alpha, float beta) => Math.Max(0f, Math.Min(1f, alpha * x + beta));

    /// <summary>x * HardSigmoid(x, 1/6, 1/2).</summary>
    public static float HardSwish(float x) => x * HardSigmoid(x, 1f / 6f, 0.5f);

    public static float LeakyRelu(float x, float alpha) => x >= 0f ? x : alpha * x;

    /// <summary>min(max(x, lo), hi) in that order, as numpy.clip and ONNX Clip: lo &gt; hi gives hi everywhere.</summary>
    public static float Clip(float x, float lo, float hi) => Math.Min(Math.Max(x, lo), hi);

    /// <summary>
    /// ONNX Pow on floats, i.e. C pow: a negative base with an integral exponent keeps the sign of an odd power, with a
    /// fractional one it is NaN. The kernel spells these cases out because GLSL pow() is undefined for x &lt; 0.
    /// </summary>
    public static float Pow(float x, float y) => MathF.Pow(x, y);
}
