using Vision.Tensors;

namespace Vision.Tests.Harness;

/// <summary>Compares tensors shape first, then element by element; a failure shows the worst element and how many failed.</summary>
public static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, Tolerance tolerance, string? what = null)
    {
        string label = what == null ? "" : what + ": ";
        Assert.That(actual.Shape, Is.EqualTo(expected.Shape), $"{label}shape");
        int failed = 0, worst = -1;
        double worstExcess = double.NegativeInfinity;
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected.Data[i], a = actual.Data[i];
            if (tolerance.Accepts(e, a)) continue;
            failed++;
            double diff = float.IsNaN(e) || float.IsNaN(a) ? double.PositiveInfinity : Math.Abs(e - a);
            double allowed = Math.Max(tolerance.Atol, tolerance.Rtol * Math.Max(Math.Abs(e), Math.Abs(a)));
            double excess = diff - allowed;
            if (excess > worstExcess) { worstExcess = excess; worst = i; }
        }
        if (failed == 0) return;
        float we = expected.Data[worst], wa = actual.Data[worst];
        Assert.Fail($"{label}{failed} of {expected.Length} elements outside {tolerance}; shape {Tensor.ShapeString(expected.Shape)}; " +
                    $"worst at {Tensor.ShapeString(Unravel(worst, expected.Shape))} (flat {worst}): expected {we:R}, actual {wa:R}, " +
                    $"|diff| {Math.Abs(we - wa):g4}");
    }

    public static void Close(float[,] expected, Tensor actual, Tolerance tolerance) =>
        Close(Tensor.FromRows(expected).Reshape(actual.Shape), actual, tolerance);

    public static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
