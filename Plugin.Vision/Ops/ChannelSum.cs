using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>Sums x [N,C,...] over every axis but the channels: [C]. The bias gradient of conv and fully connected layers.</summary>
public sealed class ChannelSum : Op
{
    public override string Name => "channel_sum";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        if (x.Length < 2) throw new ShapeException($"channel_sum: x {Tensor.ShapeString(x)} needs [N, C, ...]");
        return [x[1]];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int n = x.Shape[0], c = x.Shape[1], s = x.Length / Math.Max(1, n * c);
        for (int ch = 0; ch < c; ch++)
        {
            float acc = 0;
            for (int b = 0; b < n; b++)
            {
                int base0 = (b * c + ch) * s;
                for (int i = 0; i < s; i++) acc += x.Data[base0 + i];
            }
            output.Data[ch] = acc;
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        return new KernelLaunch(Name, x[1], [x[0], x[1], Tensor.ShapeLength(x) / Math.Max(1, x[0] * x[1])]);
    }
}
