using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX InstanceNormalization: x [N,C,D1...] (rank &gt;= 3) normalised per (n, c) plane with that plane's own mean and
/// (population) variance, then scaled and shifted per channel: y = scale[c] * (x - mean) / sqrt(var + epsilon) + bias[c].
/// </summary>
public sealed class InstanceNormalization(float epsilon = 1e-5f) : Op
{
    public float Epsilon { get; } = epsilon;

    public override string Name => "instance_norm";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        if (x.Length < 3) throw new ShapeException($"instance_norm: x must be [N,C,D1,...], got {Tensor.ShapeString(x)}");
        string[] names = ["scale", "bias"];
        for (int i = 0; i < names.Length; i++)
        {
            var v = Require(inputs, i + 1, 1, names[i]);
            if (v[0] != x[1]) throw new ShapeException($"instance_norm: {names[i]} {Tensor.ShapeString(v)} must be [{x[1]}] for x {Tensor.ShapeString(x)}");
        }
        return (int[])x.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, scale = inputs[1]!, bias = inputs[2]!;
        int c = x.Shape[1], planes = x.Shape[0] * c;
        if (planes == 0) return;
        int size = x.Length / planes;
        for (int p = 0; p < planes; p++)
        {
            var plane = x.Data.AsSpan(p * size, size);
            // Two passes (mean, then mean squared deviation), as the kernel: E[x^2] - E[x]^2 cancels badly.
            float sum = 0f;
            foreach (float v in plane) sum += v;
            float mean = sum / size;
            float squares = 0f;
            foreach (float v in plane) squares += (v - mean) * (v - mean);
            float inv = 1f / MathF.Sqrt(squares / size + Epsilon);
            float s = scale.Data[p % c], b = bias.Data[p % c];
            for (int i = 0; i < size; i++) output.Data[p * size + i] = s * (plane[i] - mean) * inv + b;
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int planes = x[0] * x[1];
        return new KernelLaunch(Name, planes, [x[1], Tensor.ShapeLength(x) / Math.Max(planes, 1)], [Epsilon]);
    }
}
