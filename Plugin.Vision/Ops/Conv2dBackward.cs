using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// A gradient of <see cref="Conv2d"/> (every variant: stride, padding, dilation, groups, so 1x1, spatially separable,
/// depthwise and grouped convolutions): inputs dy [N,K,OH,OW] and the weights w (input gradient, dx like x) or the input
/// x (weight gradient, dw like w). The bias gradient is a <see cref="ChannelSum"/> of dy.
/// </summary>
public sealed class Conv2dBackward(Conv2d forward, bool weights, int[] targetShape) : Op
{
    public Conv2d Forward { get; } = forward;

    /// <summary>True: the weight gradient (inputs dy, x); false: the input gradient (inputs dy, w).</summary>
    public bool Weights { get; } = weights;

    /// <summary>The shape of x (input gradient) or of w (weight gradient), which dy alone does not determine.</summary>
    public int[] TargetShape { get; } = targetShape;

    public override string Name => "conv2d_backward";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Require(inputs, 0, 4, "dy");
        Require(inputs, 1, 4, Weights ? "x" : "w");
        return (int[])TargetShape.Clone();
    }

    private (int[] X, int[] W) Shapes(int[] dy, int[] z) =>
        Weights ? (z, TargetShape) : (TargetShape, z);

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor dy = inputs[0]!, z = inputs[1]!;
        var (xs, ws) = Shapes(dy.Shape, z.Shape);
        int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], k = ws[0], kh = ws[2], kw = ws[3];
        int oh = dy.Shape[2], ow = dy.Shape[3];
        int g = Forward.Group, cg = c / g, kg = k / g;
        var o = output.Data;
        Array.Clear(o);
        var d = dy.Data;
        var zz = z.Data;
        for (int b = 0; b < n; b++)
        for (int oc = 0; oc < k; oc++)
        {
            int c0 = oc / kg * cg;
            for (int ic = 0; ic < cg; ic++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            {
                int wi = ((oc * cg + ic) * kh + i) * kw + j;
                int xPlane = (b * c + c0 + ic) * h * wd;
                int dyPlane = (b * k + oc) * oh * ow;
                float acc = 0f, weight = Weights ? 0f : zz[wi];
                for (int oy = 0; oy < oh; oy++)
                {
                    int iy = oy * Forward.StrideH - Forward.Pads.Top + i * Forward.DilationH;
                    if (iy < 0 || iy >= h) continue;
                    for (int ox = 0; ox < ow; ox++)
                    {
                        int ix = ox * Forward.StrideW - Forward.Pads.Left + j * Forward.DilationW;
                        if (ix < 0 || ix >= wd) continue;
                        if (Weights) acc += d[dyPlane + oy * ow + ox] * zz[xPlane + iy * wd + ix];
                        else o[xPlane + iy * wd + ix] += d[dyPlane + oy * ow + ox] * weight;
                    }
                }
                if (Weights) o[wi] += acc;
            }
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var dy = inputs[0]!;
        var (x, w) = Shapes(dy, inputs[1]!);
        return new KernelLaunch(Name, Tensor.ShapeLength(output),
            [x[0], x[1], x[2], x[3], w[0], dy[2], dy[3], w[2], w[3], Forward.StrideH, Forward.StrideW, Forward.Pads.Top, Forward.Pads.Left,
             Forward.DilationH, Forward.DilationW, Forward.Group],
            null, Weights ? "GRAD_WEIGHTS" : "");
    }
}
