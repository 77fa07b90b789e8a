using Vision.Tensors;

namespace Vision.Tests.Training;

/// <summary>
/// Central finite differences of L(x) = sum(r * f(x)) at a sample of elements, compared with an analytic gradient.
/// f runs wherever the caller runs it (the backend under test), so the check covers that backend's forward kernels too.
/// </summary>
public static class GradientCheck
{
    public static void Agrees(Func<Tensor, Tensor> forward, Tensor x, Tensor r, Tensor analytic, string what, float eps = 1e-2f,
        double atol = 2e-3, double rtol = 2e-2, int samples = 16)
    {
        Assert.That(analytic.Shape, Is.EqualTo(x.Shape), $"{what}: gradient shape");
        var rng = new Random(11);
        var indices = Enumerable.Range(0, x.Length).OrderBy(_ => rng.Next()).Take(samples).ToArray();
        foreach (int i in indices)
        {
            var plus = x.Clone();
            var minus = x.Clone();
            plus.Data[i] += eps;
            minus.Data[i] -= eps;
            double numeric = (Dot(forward(plus), r) - Dot(forward(minus), r)) / (2.0 * eps);
            double got = analytic.Data[i];
            double tol = atol + rtol * Math.Max(Math.Abs(numeric), Math.Abs(got));
            Assert.That(Math.Abs(numeric - got), Is.LessThanOrEqualTo(tol),
                $"{what}: d/dx[{string.Join(",", Harness.TensorAssert.Unravel(i, x.Shape))}] analytic {got:g6}, finite difference {numeric:g6}");
        }
    }

    public static double Dot(Tensor a, Tensor b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (double)a.Data[i] * b.Data[i];
        return s;
    }

    /// <summary>Random values whose magnitude is at least <paramref name="gap"/>: finite differences never straddle a kink at 0.</summary>
    public static Tensor AwayFromZero(int[] shape, int seed, float gap = 0.1f)
    {
        var t = Tensor.Random(shape, seed, -2f, 2f);
        for (int i = 0; i < t.Length; i++) if (MathF.Abs(t.Data[i]) < gap) t.Data[i] = t.Data[i] < 0 ? -gap - 0.05f : gap + 0.05f;
        return t;
    }
}
