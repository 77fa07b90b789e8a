namespace Vision.Tests.Harness;

/// <summary>
/// A named comparison tolerance: two values agree when |a - b| &lt;= Atol or |a - b| &lt;= Rtol * max(|a|, |b|).
/// </summary>
public sealed record Tolerance(string Name, float Atol, float Rtol)
{
    /// <summary>Bit-for-bit (hand-computed cases on the CPU reference).</summary>
    public static readonly Tolerance Exact = new("exact", 0f, 0f);

    /// <summary>One kernel against the CPU reference: float32 sums in another order, fused multiply-add.</summary>
    public static readonly Tolerance Kernel = new("kernel", 1e-5f, 1e-4f);

    /// <summary>Transcendentals (exp, log, tanh) where GPU math libraries differ by a few ulp.</summary>
    public static readonly Tolerance Transcendental = new("transcendental", 1e-5f, 1e-3f);

    /// <summary>Whole networks against ONNX Runtime (the ONNX backend-test tolerance).</summary>
    public static readonly Tolerance Model = new("model", 1e-5f, 1e-3f);

    public bool Accepts(float expected, float actual)
    {
        if (float.IsNaN(expected) || float.IsNaN(actual)) return float.IsNaN(expected) && float.IsNaN(actual);
        if (expected == actual) return true;
        float diff = Math.Abs(expected - actual);
        return diff <= Atol || diff <= Rtol * Math.Max(Math.Abs(expected), Math.Abs(actual));
    }

    public override string ToString() => $"{Name} (atol {Atol:g3}, rtol {Rtol:g3})";
}
