using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// Gradients of training-mode batch norm (batch statistics, y = gamma * xhat + beta). <see cref="Scale"/>: dgamma [C]
/// from (x, dy, mean, var). Otherwise dx from (x, dy, gamma, mean, var, dgamma, dbeta); dbeta is a <see cref="ChannelSum"/> of dy.
/// </summary>
public sealed class BatchNormBackward(float epsilon, bool scale) : Op
{
    public float Epsilon { get; } = epsilon;
    public bool Scale { get; } = scale;

    public override string Name => "batch_norm_backward";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        var dy = Require(inputs, 1, -1, "dy");
        if (!x.AsSpan().SequenceEqual(dy)) throw new ShapeException($"batch_norm_backward: x {Tensor.ShapeString(x)} and dy {Tensor.ShapeString(dy)} differ");
        return Scale ? [x[1]] : (int[])x.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, dy = inputs[1]!;
        int n = x.Shape[0], c = x.Shape[1], s = x.Length / (n * c);
        if (Scale)
        {
            Tensor mean = inputs[2]!, variance = inputs[3]!;
            for (int ch = 0; ch < c; ch++)
            {
                float invstd = 1f / MathF.Sqrt(variance.Data[ch] + Epsilon), acc = 0;
                for (int b = 0; b < n; b++)
                    for (int i = 0; i < s; i++)
                    {
                        int at = (b * c + ch) * s + i;
                        acc += dy.Data[at] * (x.Data[at] - mean.Data[ch]) * invstd;
                    }
                output.Data[ch] = acc;
            }
            return;
        }
        Tensor gamma = inputs[2]!, mu = inputs[3]!, v = inputs[4]!, dgamma = inputs[5]!, dbeta = inputs[6]!;
        float m = n * s;
        for (int at = 0; at < x.Length; at++)
        {
            int ch = at / s % c;
            float invstd = 1f / MathF.Sqrt(v.Data[ch] + Epsilon);
            float xhat = (x.Data[at] - mu.Data[ch]) * invstd;
            output.Data[at] = gamma.Data[ch] * invstd / m * (m * dy.Data[at] - dbeta.Data[ch] - xhat * dgamma.Data[ch]);
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        return new KernelLaunch(Name, Tensor.ShapeLength(output), [x[0], x[1], Tensor.ShapeLength(x) / (x[0] * x[1])], [Epsilon], Scale ? "GRAD_SCALE" : "");
    }
}
