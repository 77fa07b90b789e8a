using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// Batch statistics per channel of x [N,C,...] for training-mode batch norm: the mean (input x), or with
/// <see cref="Variance"/> the biased variance around a given mean (inputs x, mean). Output [C].
/// </summary>
public sealed class BatchNormStatistics(bool variance) : Op
{
    public bool Variance { get; } = variance;

    public override string Name => "batch_norm_stats";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        if (Variance) Require(inputs, 1, 1, "mean");
        return [x[1]];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int n = x.Shape[0], c = x.Shape[1], s = x.Length / (n * c);
        for (int ch = 0; ch < c; ch++)
        {
            float mean = Variance ? inputs[1]!.Data[ch] : 0f, acc = 0;
            for (int b = 0; b < n; b++)
                for (int i = 0; i < s; i++)
                {
                    float v = x.Data[(b * c + ch) * s + i];
                    acc += Variance ? (v - mean) * (v - mean) : v;
                }
            output.Data[ch] = acc / (n * s);
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        return new KernelLaunch(Name, x[1], [x[0], x[1], Tensor.ShapeLength(x) / (x[0] * x[1])], null, Variance ? "VARIANCE" : "");
    }
}
