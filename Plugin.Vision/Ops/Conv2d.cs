using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// 2D convolution (cross-correlation, as every framework computes it): inputs x [N,C,H,W], w [K,C/group,KH,KW], an
/// optional bias [K], an optional residual [N,K,OH,OW] added before the activation (a fused skip connection), and, on
/// 1x1 convolutions only, an optional input scale [N,C,1,1] multiplied into x (a fused squeeze-and-excitation) and an
/// optional input addend [N,C,H,W] added after it (the Add that follows such a multiply): the conv reads x * s + z. An
/// optional post affine [2,K] (scales, then shifts; not with a residual) applies after the activation:
/// y = ACT(conv) * pa[0,k] + pa[1,k]. Covers
/// stride, asymmetric padding, dilation, groups (depthwise when group = C = K), 1x1, and a fused activation. The GPU
/// kernel is chosen by shape: <c>conv2d_1x1</c> (a register-tiled GEMM) for stride-1 unpadded 1x1, <c>conv2d_dw</c>
/// (kernel size compiled in) for depthwise, else <c>conv2d</c>.
/// </summary>
public sealed class Conv2d(
    int strideH = 1, int strideW = 1, Pads pads = default, int dilationH = 1, int dilationW = 1, int group = 1,
    Activation activation = default, bool residualAfterActivation = false, bool inputNhwc = false, bool weightsKMinor = false)
    : Op, IFusesActivation
{
    public int StrideH { get; } = strideH;
    public int StrideW { get; } = strideW;
    public Pads Pads { get; } = pads;
    public int DilationH { get; } = dilationH;
    public int DilationW { get; } = dilationW;
    public int Group { get; } = group;
    public Activation Activation { get; } = activation;

    /// <summary>Add the residual after the activation (<c>ACT(conv) + r</c>) instead of before it (<c>ACT(conv + r)</c>).</summary>
    public bool ResidualAfterActivation { get; } = residualAfterActivation;

    /// <summary>x arrives as [N,H,W,C] (a channels-last model input whose transpose was folded into this conv).</summary>
    public bool InputNhwc { get; } = inputNhwc;

    /// <summary>
    /// w arrives as [C, KH, KW, K] (one group): the compiler stores dense convs' weights this way so a tap's weights for
    /// adjacent output channels are adjacent (4-wide weight loads on GL).
    /// </summary>
    public bool WeightsKMinor { get; } = weightsKMinor;

    public Op WithActivation(Activation activation) =>
        new Conv2d(StrideH, StrideW, Pads, DilationH, DilationW, Group, activation, ResidualAfterActivation, InputNhwc, WeightsKMinor);

    public Conv2d WithResidualAfterActivation() =>
        new(StrideH, StrideW, Pads, DilationH, DilationW, Group, Activation, true, InputNhwc, WeightsKMinor);

    public Conv2d WithInputNhwc() => new(StrideH, StrideW, Pads, DilationH, DilationW, Group, Activation, ResidualAfterActivation, true, WeightsKMinor);

    public Conv2d WithWeightsKMinor() =>
        Group == 1 ? new(StrideH, StrideW, Pads, DilationH, DilationW, Group, Activation, ResidualAfterActivation, InputNhwc, true)
                   : throw new InvalidOperationException("conv2d: only one-group convolutions store their weights [C,KH,KW,K]");

    /// <summary>The weights' shape as [K, C/group, KH, KW] whatever their layout.</summary>
    public int[] WeightShape(int[] w) => WeightsKMinor ? [w[3], w[0], w[1], w[2]] : w;

    /// <summary>x's shape as [N,C,H,W] whatever its layout.</summary>
    private int[] Nchw(int[] x) => InputNhwc ? [x[0], x[3], x[1], x[2]] : x;

    public override int InputSlots => 7;

    public override string Name => "conv2d";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Nchw(Require(inputs, 0, 4, "x"));
        var w = WeightShape(Require(inputs, 1, 4, "weights"));
        if (Group < 1 || x[1] % Group != 0 || w[0] % Group != 0)
            throw new ShapeException($"conv2d: group {Group} must divide input channels {x[1]} and output channels {w[0]}");
        if (w[1] != x[1] / Group)
            throw new ShapeException($"conv2d: weights {Tensor.ShapeString(w)} need {x[1] / Group} input channels per group (x {Tensor.ShapeString(x)}, group {Group})");
        if (inputs.Count > 2 && inputs[2] is { } b && (b.Length != 1 || b[0] != w[0]))
            throw new ShapeException($"conv2d: bias {Tensor.ShapeString(b)} must be [{w[0]}]");
        int oh = ConvGeometry.OutputSize(x[2], w[2], StrideH, Pads.Top, Pads.Bottom, DilationH);
        int ow = ConvGeometry.OutputSize(x[3], w[3], StrideW, Pads.Left, Pads.Right, DilationW);
        int[] y = [x[0], w[0], oh, ow];
        Shapes.CheckSameShape(inputs, 3, y, Name, "residual", "the output's shape");
        if (inputs.Count > 4 && inputs[4] is { } s)
        {
            if (Tensor.ShapeLength(s) != x[0] * x[1] || s.Length != 4 || s[0] != x[0] || s[1] != x[1])
                throw new ShapeException($"conv2d: input scale {Tensor.ShapeString(s)} must be [{x[0]},{x[1]},1,1]");
            if (!IsPointwise(x, w) || InputNhwc)
                throw new ShapeException("conv2d: an input scale is only supported on a 1x1, stride-1, unpadded, one-group convolution");
        }
        if (inputs.Count > 6 && inputs[6] is { } pa)
        {
            if (pa.Length != 2 || pa[0] != 2 || pa[1] != w[0])
                throw new ShapeException($"conv2d: post affine {Tensor.ShapeString(pa)} must be [2,{w[0]}] (scales, shifts)");
            if (inputs.Count > 3 && inputs[3] != null)
                throw new ShapeException("conv2d: a post affine and a residual cannot be combined");
        }
        Shapes.CheckSameShape(inputs, 5, x, Name, "input addend", "x's shape");
        if (inputs.Count > 5 && inputs[5] != null)
        {
            if (!IsPointwise(x, w) || InputNhwc)
                throw new ShapeException("conv2d: an input addend is only supported on a 1x1, stride-1, unpadded, one-group convolution");
        }
        return y;
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        Tensor x = inputs[0]!, w = inputs[1]!;
        if (InputNhwc) x = new Transpose([0, 3, 1, 2]).Reference(x);
        if (WeightsKMinor) w = new Transpose([3, 0, 1, 2]).Reference(w);
        if (inputs.Count > 4 && inputs[4] is { } scale) x = new Binary(BinaryKind.Mul).Reference(x, scale);
        if (inputs.Count > 5 && inputs[5] is { } addend) x = new Binary(BinaryKind.Add).Reference(x, addend);
        Tensor? bias = inputs.Count > 2 ? inputs[2] : null;
        Tensor? residual = inputs.Count > 3 ? inputs[3] : null;
        Tensor? post = inputs.Count > 6 ? inputs[6] : null;
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
                int at = ((b * k + oc) * oh + oy) * ow + ox;
                float r = residual?.Data[at] ?? 0f;
                output.Data[at] = ResidualAfterActivation ? Activations.Apply(Activation, sum) + r : Activations.Apply(Activation, sum + r);
                if (post != null) output.Data[at] = output.Data[at] * post.Data[oc] + post.Data[k + oc];
            }
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = Nchw(inputs[0]!);
        var w = WeightShape(inputs[1]!);
        bool hasBias = inputs.Count > 2 && inputs[2] != null;
        bool hasResidual = inputs.Count > 3 && inputs[3] != null;
        bool hasScale = inputs.Count > 4 && inputs[4] != null;
        bool hasAddend = inputs.Count > 5 && inputs[5] != null;
        string postAffine = inputs.Count > 6 && inputs[6] != null ? "POST_AFFINE" : "";
        string bias = hasBias ? "HAS_BIAS" : "";
        string residual = hasResidual ? "HAS_RESIDUAL" : "", after = hasResidual && ResidualAfterActivation ? "RESIDUAL_AFTER_ACT" : "";
        var floats = Activations.Floats(Activation);
        string act = Activations.Define(Activation);
        string layout = InputNhwc ? "X_NHWC" : "";
        // W_KMINOR: weights [C,KH,KW,K]; K_QUADS: and K % 4 == 0, so a tap's 4-channel runs load 4-wide.
        string kMinor = WeightsKMinor ? "W_KMINOR" : "", kQuads = WeightsKMinor && w[0] % 4 == 0 ? "K_QUADS" : "";
        if (IsPointwise(x, w) && !InputNhwc)
        {
            int p = x[2] * x[3];
            // C4: input channels a multiple of 4 (the GL entry then takes 4 per step with 4-wide weight loads).
            string scale = hasScale ? "HAS_SCALE" : "", addend = hasAddend ? "HAS_ADDEND" : "";
            // OpenCL CPU devices: CH_TILE channels x 16 pixels per item (16 channels once there are enough to fill the tiles).
            int chTile = w[0] >= 64 || w[0] % 16 == 0 ? 16 : 8;
            var pointwise16 = new KernelLaunch("conv2d_1x1", x[0] * ((w[0] + chTile - 1) / chTile) * ((p + 15) / 16), [x[1], w[0], p / 4], floats,
                bias, residual, after, act, postAffine, scale, addend, "WIDE16", $"CH_TILE={chTile}");
            // GL, C % 4 == 0: PXG groups of 4 adjacent pixels per item (4 where the plane allows, else 2; selfie's 1x1
            // convs on llvmpipe 3.95 -> 2.9 ms with 4, 3.3 with 2, 3.2-3.5 with 8).
            int pxg = p % 16 == 0 ? 4 : p % 8 == 0 ? 2 : 1;
            if (pxg > 1 && x[1] % 4 == 0)
                return new KernelLaunch("conv2d_1x1", x[0] * ((w[0] + 3) / 4) * (p / (4 * pxg)), [x[1], w[0], p / 4], floats, bias, residual, after, act, postAffine,
                    scale, addend, $"PXG={pxg}") { OpenClCpu = pointwise16 };
            return new KernelLaunch("conv2d_1x1", x[0] * ((w[0] + 3) / 4) * (p / 4), [x[1], w[0], p / 4], floats, bias, residual, after, act, postAffine,
                scale, addend, x[1] % 4 == 0 ? "C4" : "") { OpenClCpu = pointwise16 };
        }
        if (Group == x[1] && Group == w[0] && !InputNhwc)
        {
            // ROW8: 8 adjacent outputs per item sliding over one load of each input row (stride 1 or 2 along rows,
            // rows a multiple of 8 long); else W4: 4 adjacent outputs per item when rows are a multiple of 4 long
            // (4-wide stores stay aligned).
            bool row8 = output[3] % 8 == 0 && StrideW is 1 or 2 && DilationW == 1;
            bool w4 = !row8 && output[3] % 4 == 0;
            // TWO_ROWS: ROW8 for two output rows per item, sharing the input rows they both read (no row dilation), rows
            // of any length (a partial last tile). PP-OCRv4 det's depthwise convs on PoCL 7.4 -> 5.4 ms; its 5x5 convs on
            // 20x20 and 10x10 planes (W4 and plain paths before) on llvmpipe 11 -> 3.4 ms.
            int[] dwGeometry = [x[2], x[3], output[2], output[3], StrideH, StrideW, Pads.Top, Pads.Left, DilationH, DilationW, x[1]];
            if (StrideW is 1 or 2 && DilationW == 1 && DilationH == 1)
            {
                KernelLaunch TwoRows(KernelLaunch? openClCpu, params string[] extra) =>
                    new("conv2d_dw", output[0] * output[1] * ((output[2] + 1) / 2) * ((output[3] + 7) / 8), dwGeometry, floats,
                        [bias, residual, after, act, postAffine, $"KSIZE_H={w[2]}", $"KSIZE_W={w[3]}", "ROW8", $"ROW_STRIDE={StrideW}", "TWO_ROWS", .. extra])
                    { OpenClCpu = openClCpu };
                if (x[3] % 4 != 0) return TwoRows(null);
                // ROW_VEC4 (GL): rows of a multiple of 4 read as aligned 4-wide loads; the CL CPU variant keeps scalar ones
                // (selfie's depthwise convs on llvmpipe 3.75 -> 3.05-3.34 ms).
                int rowOff = 4 * ((Pads.Left + 3) / 4) - Pads.Left;
                return TwoRows(TwoRows(null), "ROW_VEC4", $"ROW_OFF={rowOff}", $"NQ={(rowOff + 7 * StrideW + w[3] + 3) / 4}");
            }
            return new KernelLaunch("conv2d_dw", Tensor.ShapeLength(output) / (row8 ? 8 : w4 ? 4 : 1), dwGeometry,
                floats, bias, residual, after, act, postAffine, $"KSIZE_H={w[2]}", $"KSIZE_W={w[3]}", row8 ? "ROW8" : w4 ? "W4" : "", row8 ? $"ROW_STRIDE={StrideW}" : "");
        }
        int[] geometry = [x[0], x[1], x[2], x[3], w[0], output[2], output[3], w[2], w[3], StrideH, StrideW, Pads.Top, Pads.Left,
                          DilationH, DilationW, Group];
        // ROWS8: one group, stride 1 or 2 and no dilation along rows, rows a multiple of 8: 4 channels x 8 pixels per
        // item sliding over one load of each input row window (kernel width and row stride compiled in).
        // WIDE16 (OpenCL CPU devices): the same convs without the row-length condition, 8 channels x 16 pixels per item.
        // A channels-last input of at most 4 channels too (X_NHWC, C_IN compiled in): selfie's first conv on PoCL 0.80 -> 0.41 ms.
        KernelLaunch? wide16 = Group == 1 && StrideW is 1 or 2 && DilationW == 1 && (!InputNhwc || x[1] <= 4) && w[3] <= 7
            ? new KernelLaunch(Name, output[0] * ((output[1] + 7) / 8) * output[2] * ((output[3] + 15) / 16), geometry,
                floats, bias, residual, after, act, postAffine, "WIDE16", $"KSIZE_W={w[3]}", $"ROW_STRIDE={StrideW}", kMinor,
                InputNhwc ? "X_NHWC" : "", InputNhwc ? $"C_IN={x[1]}" : "")
            : null;
        // ROWS8V: row stride 1 or 2, NCHW rows of a multiple of 4: 8 channels x 8 pixels per item and 4-wide row loads (conv2d.body)
        // (PP-OCRv4 det's 3x3 96->24 at 80x80 on llvmpipe: 17.9 -> 11.1 ms.)
        if (Group == 1 && StrideW is 1 or 2 && DilationW == 1 && output[3] % 4 == 0 && x[3] % 4 == 0 && w[3] <= 7 && !InputNhwc)
        {
            int rowOff = 4 * ((Pads.Left + 3) / 4) - Pads.Left;
            const int tilePx = 8;  // 16 measured slower on llvmpipe (80x80: 11.3 -> 16.2 ms; 32 accumulators spill)
            return new KernelLaunch(Name, output[0] * ((output[1] + 7) / 8) * output[2] * ((output[3] + tilePx - 1) / tilePx), geometry,
                floats, bias, residual, after, act, postAffine, "ROWS8V", $"TILE_PX={tilePx}", $"KSIZE_W={w[3]}", $"ROW_OFF={rowOff}", kMinor, kQuads,
                $"ROW_STRIDE={StrideW}", $"NQ={(rowOff + (tilePx - 1) * StrideW + w[3] + 3) / 4}") { OpenClCpu = wide16 };
        }
        if (Group == 1 && StrideW is 1 or 2 && DilationW == 1 && output[3] % 8 == 0 && w[3] <= 7)
            return new KernelLaunch(Name, output[0] * ((output[1] + 3) / 4) * output[2] * output[3] / 8, geometry,
                floats, [bias, residual, after, act, postAffine, "ROWS8", $"KSIZE_W={w[3]}", $"ROW_STRIDE={StrideW}", layout, kMinor, kQuads, .. NhwcQuads(x, w)])
            { OpenClCpu = wide16 };
        // One group: 4 output channels per item (KTILE), each input value loaded once for all 4.
        // With rows a multiple of 4 long, 4 adjacent pixels as well (KW4): 16 results per item.
        bool tile = Group == 1, wide = tile && output[3] % 4 == 0;
        int items = tile ? output[0] * ((output[1] + 3) / 4) * output[2] * output[3] / (wide ? 4 : 1) : Tensor.ShapeLength(output);
        return new KernelLaunch(Name, items, geometry,
            floats, bias, residual, after, act, postAffine, wide ? "KW4" : tile ? "KTILE" : "", layout, tile ? kMinor : "", tile ? kQuads : "")
            { OpenClCpu = wide16 };
    }

    /// <summary>
    /// NHWC_QUADS (ROWS8 on a channels-last input of at most 4 channels whose rows are whole 4-wide loads): the defines
    /// that read each kernel row's window for all channels as aligned 4-wide loads; none otherwise (selfie's first conv on
    /// llvmpipe 1.44-1.60 -> 0.74-1.16 ms).
    /// </summary>
    private string[] NhwcQuads(int[] x, int[] w)
    {
        int c = x[1], pl = Pads.Left;
        if (!InputNhwc || c > 4 || x[3] * c % 4 != 0) return [];
        int rowOff = 4 * ((pl * c + 3) / 4) - pl * c;
        int rowLen = 7 * StrideW + w[3];
        return ["NHWC_QUADS", $"C_IN={c}", $"ROW_OFF={rowOff}", $"NQ={(rowOff + rowLen * c + 3) / 4}"];
    }

    /// <summary>A 1x1, stride-1, unpadded, ungrouped convolution over a plane of a multiple of 4 pixels: a plain GEMM.</summary>
    internal bool IsPointwise(int[] x, int[] w) =>
        w[2] == 1 && w[3] == 1 && StrideH == 1 && StrideW == 1 && Group == 1 && Pads == default && x[2] * x[3] % 4 == 0;
}
