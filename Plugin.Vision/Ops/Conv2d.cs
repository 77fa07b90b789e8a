using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// 2D convolution (cross-correlation, as every framework computes it): inputs x [N,C,H,W], w [K,C/group,KH,KW] and an
/// optional bias [K]. Covers stride, asymmetric padding, dilation, groups (depthwise when group = C = K), 1x1, and a
/// fused activation.
/// </summary>
public sealed class Conv2d(
    int strideH = 1, int strideW = 1, Pads pads = default, int dilationH = 1, int dilationW = 1, int group = 1,
    Activation activation = default) : Op, IFusesActivation
{
    public int StrideH { get; } = strideH;
    public int StrideW { get; } = strideW;
    public Pads Pads { get; } = pads;
    public int DilationH { get; } = dilationH;
    public int DilationW { get; } = dilationW;
    public int Group { get; } = group;
    public Activation Activation { get; } = activation;

    public Op WithActivation(Activation activation) => new Conv2d(StrideH, StrideW, Pads, DilationH, DilationW, Group, activation);

    public override int InputSlots => 3;

    public override string Name => "conv2d";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, 4, "x");
        var w = Require(inputs, 1, 4, "weights");
        if (Group < 1 || x[1] % Group != 0 || w[0] % Group != 0)
            throw new ShapeException($"conv2d: group {Group} must divide input channels {x[1]} and output channels {w[0]}");
        if (w[1] != x[1] / Group)
            throw new ShapeException($"conv2d: weights {Tensor.ShapeString(w)} need {x[1] / Group} input channels per group (x {Tensor.ShapeString(x)}, group {Group})");
        if (inputs.Count > 2 && inputs[2] is { } b && (b.Length != 1 || b[0] != w[0]))
            throw new ShapeException($"conv2d: bias {Tensor.ShapeString(b)} must be [{w[0]}]");
        int oh = ConvGeometry.OutputSize(x[2], w[2], StrideH, Pads.Top, Pads.Bottom, DilationH);
        int ow = ConvGeometry.OutputSize(x[3], w[3], StrideW, Pads.Left, Pads.Right, DilationW);
        return [x[0], w[0], oh, ow];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, w = inputs[1]!;
        Tensor? bias = inputs.Count > 2 ? inputs[2] : null;
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int k = w.Shape[0], kh = w.Shape[2], kw = w.Shape[3];
        int oh = output.Shape[2], ow = output.Shape[3];
        int cPerGroup = c / Group, kPerGroup = k / Group;
        for (int b = 0; b < n; b++)
        for (int oc = 0; oc < k; oc++)
        {
            int firstChannel = oc / kPerGroup * cPerGroup;
            for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                float sum = bias?.Data[oc] ?? 0f;
                for (int ic = 0; ic < cPerGroup; ic++)
                for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    int iy = oy * StrideH - Pads.Top + i * DilationH;
                    int ix = ox * StrideW - Pads.Left + j * DilationW;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                    sum += x.Data[((b * c + firstChannel + ic) * h + iy) * wd + ix] * w.Data[((oc * cPerGroup + ic) * kh + i) * kw + j];
                }
                output.Data[((b * k + oc) * oh + oy) * ow + ox] = Activations.Apply(Activation, sum);
            }
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        var w = inputs[1]!;
        bool hasBias = inputs.Count > 2 && inputs[2] != null;
        return new KernelLaunch(Name, Tensor.ShapeLength(output),
            [x[0], x[1], x[2], x[3], w[0], output[2], output[3], w[2], w[3], StrideH, StrideW, Pads.Top, Pads.Left,
             DilationH, DilationW, Group],
            Activations.Floats(Activation), hasBias ? "HAS_BIAS" : "", Activations.Define(Activation));
    }
}
