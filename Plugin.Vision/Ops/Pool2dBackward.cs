using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// The gradient of <see cref="Pool2d"/>: inputs x [N,C,H,W] and dy, output dx like x. Max pooling routes each window's
/// gradient to its first maximum (scan order); average pooling spreads it over the window's divisor.
/// </summary>
public sealed class Pool2dBackward(Pool2d forward) : Op
{
    public Pool2d Forward { get; } = forward;

    public override string Name => "pool2d_backward";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, 4, "x");
        var dy = Require(inputs, 1, 4, "dy");
        var expected = Forward.OutputShape([x]);
        if (!expected.AsSpan().SequenceEqual(dy)) throw new ShapeException($"pool2d_backward: dy {Tensor.ShapeString(dy)} must be {Tensor.ShapeString(expected)}");
        return (int[])x.Clone();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, dy = inputs[1]!;
        var p = Forward;
        int h = x.Shape[2], w = x.Shape[3], oh = dy.Shape[2], ow = dy.Shape[3];
        int planes = x.Shape[0] * x.Shape[1];
        Array.Clear(output.Data);
        for (int pl = 0; pl < planes; pl++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            float g = dy.Data[(pl * oh + oy) * ow + ox];
            int best = -1, inside = 0, padded = 0;
            float bestValue = float.NegativeInfinity;
            for (int i = 0; i < p.KernelH; i++)
            for (int j = 0; j < p.KernelW; j++)
            {
                int iy = oy * p.StrideH - p.Pads.Top + i * p.DilationH, ix = ox * p.StrideW - p.Pads.Left + j * p.DilationW;
                if (iy >= -p.Pads.Top && iy < h + p.Pads.Bottom && ix >= -p.Pads.Left && ix < w + p.Pads.Right) padded++;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                inside++;
                float v = x.Data[(pl * h + iy) * w + ix];
                if (best < 0 || v > bestValue) { bestValue = v; best = iy * w + ix; }
            }
            if (p.Kind == PoolKind.Max)
            {
                if (best >= 0) output.Data[pl * h * w + best] += g;
                continue;
            }
            int count = p.CountIncludePad ? padded : inside;
            for (int i = 0; i < p.KernelH; i++)
            for (int j = 0; j < p.KernelW; j++)
            {
                int iy = oy * p.StrideH - p.Pads.Top + i * p.DilationH, ix = ox * p.StrideW - p.Pads.Left + j * p.DilationW;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                output.Data[(pl * h + iy) * w + ix] += g / count;
            }
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        var dy = inputs[1]!;
        var p = Forward;
        return new KernelLaunch(Name, Tensor.ShapeLength(output),
            [x[0], x[1], x[2], x[3], dy[2], dy[3], p.KernelH, p.KernelW, p.StrideH, p.StrideW, p.Pads.Top, p.Pads.Left,
             p.Pads.Bottom, p.Pads.Right, p.DilationH, p.DilationW],
            null, p.Kind == PoolKind.Max ? "MAX_POOL" : "", p.CountIncludePad && p.Kind == PoolKind.Average ? "COUNT_INCLUDE_PAD" : "");
    }
}
