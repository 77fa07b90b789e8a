using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// 2D transposed convolution (ONNX ConvTranspose, the gradient of <see cref="Conv2d"/> with respect to its input):
/// inputs x [N,C,H,W], w [C,K/group,KH,KW] and bias [K] or null (always three inputs: the kernel binds them by position). Every input pixel scatters x * w over a window of
/// the output placed at (iy * stride - padBegin + i * dilation); the output has
/// stride * (in - 1) + outputPadding + (k - 1) * dilation + 1 - padBegin - padEnd elements per axis.
/// Pads may be asymmetric (and negative, which <see cref="ComputePads"/> produces for "same" with stride &gt; kernel).
/// </summary>
public sealed class ConvTranspose2d(
    int strideH = 1, int strideW = 1, Pads pads = default, int outputPaddingH = 0, int outputPaddingW = 0,
    int dilationH = 1, int dilationW = 1, int group = 1, Activation activation = default) : Op, IFusesActivation
{
    public int StrideH { get; } = strideH;
    public int StrideW { get; } = strideW;
    public Pads Pads { get; } = pads;
    public int OutputPaddingH { get; } = outputPaddingH;
    public int OutputPaddingW { get; } = outputPaddingW;
    public int DilationH { get; } = dilationH;
    public int DilationW { get; } = dilationW;
    public int Group { get; } = group;
    public Activation Activation { get; } = activation;

    public Op WithActivation(Activation activation) =>
        new ConvTranspose2d(StrideH, StrideW, Pads, OutputPaddingH, OutputPaddingW, DilationH, DilationW, Group, activation);

    public override int InputSlots => 3;

    public override string Name => "conv_transpose2d";

    /// <summary>
    /// The pads ONNX implies. With an <paramref name="outputH"/> x <paramref name="outputW"/> (the output_shape
    /// attribute, 0 = absent), or with SAME_UPPER / SAME_LOWER (which ask for output = input * stride), the spec's
    /// total_padding = stride * (in - 1) + output_padding + ((k - 1) * d + 1) - out is split per its wording:
    /// SAME_UPPER gives begin = total / 2 (the odd element at the end); any other auto_pad gives
    /// begin = total - total / 2 (the odd element at the start). VALID without output_shape is no padding; NOTSET
    /// without output_shape keeps <paramref name="explicitPads"/>.
    /// </summary>
    public static Pads ComputePads(
        AutoPad autoPad, int inH, int inW, int kernelH, int kernelW, int strideH = 1, int strideW = 1,
        int dilationH = 1, int dilationW = 1, int outputPaddingH = 0, int outputPaddingW = 0,
        int outputH = 0, int outputW = 0, Pads explicitPads = default)
    {
        bool hasShape = outputH > 0 && outputW > 0;
        if (!hasShape)
        {
            if (autoPad == AutoPad.NotSet) return explicitPads;
            if (autoPad == AutoPad.Valid) return Pads.Valid;
            outputH = inH * strideH;
            outputW = inW * strideW;
        }
        bool upper = autoPad == AutoPad.SameUpper;
        (int t, int b) = Split(strideH * (inH - 1) + outputPaddingH + (kernelH - 1) * dilationH + 1 - outputH, upper);
        (int l, int r) = Split(strideW * (inW - 1) + outputPaddingW + (kernelW - 1) * dilationW + 1 - outputW, upper);
        return new Pads(t, l, b, r);
    }

    // The spec's total/2 is Python's floor division (the ONNX reference computes it so); it matters when total < 0.
    private static (int Begin, int End) Split(int total, bool upper)
    {
        int half = (int)Math.Floor(total / 2.0);
        return upper ? (half, total - half) : (total - half, half);
    }

    /// <summary>One axis of the output length formula above.</summary>
    public static int OutputSize(int input, int kernel, int stride, int padBegin, int padEnd, int dilation = 1, int outputPadding = 0) =>
        stride * (input - 1) + outputPadding + (kernel - 1) * dilation + 1 - padBegin - padEnd;

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 3, Name);
        var x = Require(inputs, 0, 4, "x");
        var w = Require(inputs, 1, 4, "weights");
        if (StrideH < 1 || StrideW < 1 || DilationH < 1 || DilationW < 1)
            throw new ShapeException($"conv_transpose2d: strides ({StrideH},{StrideW}) and dilations ({DilationH},{DilationW}) must be >= 1");
        // The spec sets no upper bound (PyTorch asks for less than the stride or dilation); extra rows just hold the bias.
        if (OutputPaddingH < 0 || OutputPaddingW < 0)
            throw new ShapeException($"conv_transpose2d: output padding ({OutputPaddingH},{OutputPaddingW}) must not be negative");
        if (Group < 1 || x[1] % Group != 0)
            throw new ShapeException($"conv_transpose2d: group {Group} must divide input channels {x[1]}");
        if (w[0] != x[1])
            throw new ShapeException($"conv_transpose2d: weights {Tensor.ShapeString(w)} need {x[1]} input channels first (x {Tensor.ShapeString(x)})");
        int k = w[1] * Group;
        if (inputs[2] is { } b && (b.Length != 1 || b[0] != k))
            throw new ShapeException($"conv_transpose2d: bias {Tensor.ShapeString(b)} must be [{k}]");
        int oh = OutputSize(x[2], w[2], StrideH, Pads.Top, Pads.Bottom, DilationH, OutputPaddingH);
        int ow = OutputSize(x[3], w[3], StrideW, Pads.Left, Pads.Right, DilationW, OutputPaddingW);
        if (oh < 1 || ow < 1)
            throw new ShapeException($"conv_transpose2d: pads {Pads} leave an empty output ({oh}x{ow}) for x {Tensor.ShapeString(x)}");
        return [x[0], k, oh, ow];
    }

    /// <summary>The definition as a scatter: each input pixel adds x * w into every output pixel its taps reach.</summary>
    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, w = inputs[1]!;
        Tensor? bias = inputs[2];
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int kPerGroup = w.Shape[1], kh = w.Shape[2], kw = w.Shape[3];
        int k = output.Shape[1], oh = output.Shape[2], ow = output.Shape[3];
        int cPerGroup = c / Group;
        var y = output.Data;
        Array.Clear(y);
        for (int b = 0; b < n; b++)
        for (int ic = 0; ic < c; ic++)
        {
            int firstOut = ic / cPerGroup * kPerGroup;
            for (int iy = 0; iy < h; iy++)
            for (int ix = 0; ix < wd; ix++)
            {
                float v = x.Data[((b * c + ic) * h + iy) * wd + ix];
                for (int kk = 0; kk < kPerGroup; kk++)
                for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    int oy = iy * StrideH - Pads.Top + i * DilationH;
                    int ox = ix * StrideW - Pads.Left + j * DilationW;
                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                    y[((b * k + firstOut + kk) * oh + oy) * ow + ox] += v * w.Data[((ic * kPerGroup + kk) * kh + i) * kw + j];
                }
            }
        }
        for (int i = 0; i < y.Length; i++)
            y[i] = Activations.Apply(Activation, y[i] + (bias?.Data[i / (oh * ow) % k] ?? 0f));
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        var w = inputs[1]!;
        bool hasBias = inputs[2] != null;
        // UP2: the 2x2 / stride 2 tiling with one group and rows of an even length, 2 input pixels (8 outputs) per item;
        // TILES: any other stride = kernel tiling, one output per item.
        bool up2 = IsTiling(w) && w[2] == 2 && w[3] == 2 && Group == 1 && x[3] % 2 == 0;
        int[] geometry = [x[0], x[1], x[2], x[3], output[1], output[2], output[3], w[2], w[3], StrideH, StrideW, Pads.Top, Pads.Left,
                          DilationH, DilationW, Group];
        var launch = new KernelLaunch(Name, Tensor.ShapeLength(output) / (up2 ? 8 : 1), geometry,
            Activations.Floats(Activation), hasBias ? "HAS_BIAS" : "", Activations.Define(Activation),
            up2 ? "UP2" : IsTiling(w) ? "TILES" : "");
        // K4: rows of a multiple of 4 and at least 4 output channels take 4 input pixels x 4 channels per item
        // (PP-OCRv4 det's 24-channel head on llvmpipe 3.3-4.1 -> 2.5 ms; slower for 1 channel, and on PoCL, which
        // keeps UP2).
        if (up2 && x[3] % 4 == 0 && output[1] >= 4)
            return new KernelLaunch(Name, x[0] * ((output[1] + 3) / 4) * x[2] * x[3] / 4, geometry,
                Activations.Floats(Activation), hasBias ? "HAS_BIAS" : "", Activations.Define(Activation), "UP2", "K4") { OpenClCpu = launch };
        return launch;
    }

    /// <summary>Stride = kernel, no padding or dilation: each output takes exactly one tap per input channel.</summary>
    private bool IsTiling(int[] w) =>
        StrideH == w[2] && StrideW == w[3] && DilationH == 1 && DilationW == 1 && Pads == default && OutputPaddingH == 0 && OutputPaddingW == 0;
}
