using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// Max or average pooling over x [N,C,H,W] with kernel, stride, asymmetric pads, dilation and ceil mode. Average pooling
/// divides by the taps inside the input, or with <see cref="CountIncludePad"/> by those inside the padded input.
/// </summary>
public sealed class Pool2d(
    PoolKind kind, int kernelH, int kernelW, int strideH = 1, int strideW = 1, Pads pads = default,
    bool ceilMode = false, bool countIncludePad = false, int dilationH = 1, int dilationW = 1) : Op
{
    public PoolKind Kind { get; } = kind;
    public int KernelH { get; } = kernelH;
    public int KernelW { get; } = kernelW;
    public int StrideH { get; } = strideH;
    public int StrideW { get; } = strideW;
    public Pads Pads { get; } = pads;
    public bool CeilMode { get; } = ceilMode;
    public bool CountIncludePad { get; } = countIncludePad;
    public int DilationH { get; } = dilationH;
    public int DilationW { get; } = dilationW;

    public override string Name => "pool2d";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, 4, "x");
        return [x[0], x[1],
            ConvGeometry.OutputSize(x[2], KernelH, StrideH, Pads.Top, Pads.Bottom, DilationH, CeilMode),
            ConvGeometry.OutputSize(x[3], KernelW, StrideW, Pads.Left, Pads.Right, DilationW, CeilMode)];
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int h = x.Shape[2], w = x.Shape[3], oh = output.Shape[2], ow = output.Shape[3];
        int planes = x.Shape[0] * x.Shape[1];
        for (int p = 0; p < planes; p++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            float max = float.NegativeInfinity, sum = 0;
            int inside = 0, padded = 0;
            for (int i = 0; i < KernelH; i++)
            for (int j = 0; j < KernelW; j++)
            {
                int iy = oy * StrideH - Pads.Top + i * DilationH;
                int ix = ox * StrideW - Pads.Left + j * DilationW;
                if (iy >= -Pads.Top && iy < h + Pads.Bottom && ix >= -Pads.Left && ix < w + Pads.Right) padded++;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                float v = x.Data[(p * h + iy) * w + ix];
                inside++;
                max = Math.Max(max, v);
                sum += v;
            }
            int count = CountIncludePad ? padded : inside;
            output.Data[(p * oh + oy) * ow + ox] = Kind == PoolKind.Max ? max : count > 0 ? sum / count : 0f;
        }
    }

    /// <summary>
    /// The window is x's whole plane, unpadded and undilated (Keras' average pooling before a squeeze-and-excitation
    /// gate): the output is [N,C,1,1] and the op is the global pool of its kind.
    /// </summary>
    public bool CoversPlane(int[] x) => KernelH == x[2] && KernelW == x[3] && DilationH == 1 && DilationW == 1 && Pads == default;

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        // A window over the whole plane: the global pool's kernel, which folds big planes in parallel.
        if (CoversPlane(x)) return GlobalPool.PlaneLaunch(x[0] * x[1], x[2] * x[3], Kind);
        return new KernelLaunch(Name, Tensor.ShapeLength(output),
            [x[0], x[1], x[2], x[3], output[2], output[3], KernelH, KernelW, StrideH, StrideW, Pads.Top, Pads.Left,
             Pads.Bottom, Pads.Right, DilationH, DilationW],
            null, Kind == PoolKind.Max ? "MAX_POOL" : "", CountIncludePad && Kind == PoolKind.Average ? "COUNT_INCLUDE_PAD" : "");
    }
}
