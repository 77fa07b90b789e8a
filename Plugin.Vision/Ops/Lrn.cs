using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX LRN (local response normalization across channels, AlexNet/GoogLeNet): for x [N,C,D1...],
/// square_sum[n,c,...] = sum of x[n,i,...]^2 over i in [max(0, c - floor((size-1)/2)), min(C-1, c + ceil((size-1)/2))],
/// y = x / (bias + alpha / size * square_sum) ^ beta.
/// </summary>
public sealed class Lrn : Op
{
    public int Size { get; }
    public float Alpha { get; }
    public float Beta { get; }
    public float Bias { get; }

    public Lrn(int size, float alpha = 1e-4f, float beta = 0.75f, float bias = 1f)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "LRN size must be at least 1");
        Size = size;
        Alpha = alpha;
        Beta = beta;
        Bias = bias;
    }

    public override string Name => "lrn";

    /// <summary>Channels summed below c: floor((size - 1) / 2).</summary>
    public int Before => (Size - 1) / 2;

    /// <summary>Channels summed above c: ceil((size - 1) / 2), which is size / 2.</summary>
    public int After => Size / 2;

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        if (x.Length < 2) throw new ShapeException($"lrn: x must be [N,C,...], got {Tensor.ShapeString(x)}");
        return (int[])x.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int c = x.Shape[1], spatial = x.Length / Math.Max(x.Shape[0] * c, 1);
        for (int i = 0; i < x.Length; i++)
        {
            int s = i % spatial, ch = i / spatial % c, n = i / spatial / c;
            float sum = 0f;
            for (int j = Math.Max(0, ch - Before); j <= Math.Min(c - 1, ch + After); j++)
            {
                float v = x.Data[(n * c + j) * spatial + s];
                sum += v * v;
            }
            output.Data[i] = x.Data[i] / MathF.Pow(Bias + Alpha / Size * sum, Beta);
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int spatial = Tensor.ShapeLength(x) / Math.Max(x[0] * x[1], 1);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), [x[1], spatial, Before, After], [Alpha / Size, Beta, Bias]);
    }
}
