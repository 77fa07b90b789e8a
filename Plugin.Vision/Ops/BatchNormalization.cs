using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX BatchNormalization at inference: x [N,C,D1...] (rank &gt;= 2) with per-channel scale, bias, mean and var, each
/// [C]: y = (x - mean[c]) / sqrt(var[c] + epsilon) * scale[c] + bias[c]. (Training mode's running statistics and extra
/// outputs do not exist at inference.)
/// </summary>
public sealed class BatchNormalization(float epsilon = 1e-5f) : Op
{
    public float Epsilon { get; } = epsilon;

    public override string Name => "batch_norm";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        if (x.Length < 2) throw new ShapeException($"batch_norm: x must be [N,C,...], got {Tensor.ShapeString(x)}");
        string[] names = ["scale", "bias", "mean", "var"];
        for (int i = 0; i < names.Length; i++)
        {
            var v = Require(inputs, i + 1, 1, names[i]);
            if (v[0] != x[1]) throw new ShapeException($"batch_norm: {names[i]} {Tensor.ShapeString(v)} must be [{x[1]}] for x {Tensor.ShapeString(x)}");
        }
        return (int[])x.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, scale = inputs[1]!, bias = inputs[2]!, mean = inputs[3]!, variance = inputs[4]!;
        int c = x.Shape[1], spatial = x.Length / Math.Max(x.Shape[0] * c, 1);
        for (int i = 0; i < x.Length; i++)
        {
            int ch = i / spatial % c;
            output.Data[i] = (x.Data[i] - mean.Data[ch]) / MathF.Sqrt(variance.Data[ch] + Epsilon) * scale.Data[ch] + bias.Data[ch];
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int spatial = Tensor.ShapeLength(x) / Math.Max(x[0] * x[1], 1);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), [x[1], spatial], [Epsilon]);
    }
}
