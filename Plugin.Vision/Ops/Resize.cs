using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Resize of x [N,C,H,W] over H and W (N and C must keep their size): nearest or bilinear, with the output
/// size from <see cref="Scales"/> (floor(in * scale)) or <see cref="Sizes"/>. Each output coordinate maps to an input
/// coordinate through <see cref="Coordinates"/>, with scale = the given scale, or out / in when sizes are given.
/// Nearest rounds that coordinate by <see cref="NearestMode"/>; linear blends the two neighbours on each axis. Both
/// clamp to the input's edge. Coordinates are float32 in the same order of operations as the kernel (as ONNX
/// Runtime computes them), so both round the same way at ties.
/// Not covered: cubic, tf_crop_and_resize (with its roi and extrapolation_value), antialias, keep_aspect_ratio_policy,
/// axes, half_pixel_symmetric.
/// </summary>
public sealed class Resize : Op
{
    public ResizeMode Mode { get; }
    public ResizeCoordinates Coordinates { get; }
    public ResizeNearestMode NearestMode { get; }

    /// <summary>Per-axis scales of [N,C,H,W] (ONNX input 'scales'), or null when <see cref="Sizes"/> are given.</summary>
    public float[]? Scales { get; }

    /// <summary>The output shape [N,C,OH,OW] (ONNX input 'sizes'), or null when <see cref="Scales"/> are given.</summary>
    public int[]? Sizes { get; }

    public Resize(ResizeMode mode = ResizeMode.Nearest, float[]? scales = null, int[]? sizes = null,
        ResizeCoordinates coordinates = ResizeCoordinates.HalfPixel,
        ResizeNearestMode nearestMode = ResizeNearestMode.RoundPreferFloor)
    {
        if ((scales == null) == (sizes == null))
            throw new ArgumentException("resize: give exactly one of scales and sizes");
        if (scales != null && (scales.Length != 4 || scales.Any(s => !(s > 0))))
            throw new ArgumentException($"resize: scales [{string.Join(",", scales)}] must be 4 positive numbers (N, C, H, W)");
        if (sizes != null && (sizes.Length != 4 || sizes.Any(s => s < 1)))
            throw new ArgumentException($"resize: sizes {Tensor.ShapeString(sizes)} must be 4 positive sizes (N, C, H, W)");
        if (scales != null && (scales[0] != 1f || scales[1] != 1f))
            throw new NotSupportedException($"resize: only H and W can be resized; scales [{string.Join(",", scales)}] scale N or C");
        if (coordinates == ResizeCoordinates.TfHalfPixelForNearest && mode != ResizeMode.Nearest)
            throw new ArgumentException("resize: tf_half_pixel_for_nn (TfHalfPixelForNearest) applies to nearest only");
        Mode = mode;
        Scales = scales;
        Sizes = sizes;
        Coordinates = coordinates;
        NearestMode = nearestMode;
    }

    /// <summary>
    /// ONNX Upsample (opsets 7 and 9) as a Resize: output floor(in * scale), asymmetric coordinates (x / scale), nearest
    /// taking the floor (what ONNX Runtime does; with Upsample's integer scales it repeats each pixel) or bilinear.
    /// </summary>
    public static Resize Upsample(ResizeMode mode, float[] scales) =>
        new(mode, scales: scales, coordinates: ResizeCoordinates.Asymmetric, nearestMode: ResizeNearestMode.Floor);

    /// <summary>The same resize to other output sizes (a graph rewrite that changes the channel count).</summary>
    public Resize WithSizes(int[] sizes) => new(Mode, sizes: sizes, coordinates: Coordinates, nearestMode: NearestMode);

    public override string Name => "resize";

    /// <summary>
    /// x; an optional addend z of the output's shape (a decoder's skip connection, fused by the compiler); with z an
    /// optional gate g [N,C,1,1] that makes the added term z * g + z (<see cref="GateSlot"/>); and an optional gate gx
    /// [N,C,1,1] on x itself, which then reads as x * gx + x (<see cref="InputGateSlot"/>). The gates are
    /// squeeze-and-excitation residuals whose only reader was this Resize, fused by the compiler.
    /// </summary>
    public override int InputSlots => 4;

    /// <summary>The slot of the addend's gate g: the term added is z * g[n,c] + z.</summary>
    public const int GateSlot = 2;

    /// <summary>The slot of x's gate gx: every value of x read is x * gx[n,c] + x.</summary>
    public const int InputGateSlot = 3;

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        if (inputs.Count is < 1 or > 4)
            throw new ShapeException($"resize: takes x, an optional addend, its optional gate and an optional gate of x, got {inputs.Count} inputs");
        var x = Require(inputs, 0, 4, "x");
        var shape = ResizedShape(x);
        const string perChannel = "one value per image and channel,";
        Shapes.CheckSameShape(inputs, InputGateSlot, [x[0], x[1], 1, 1], Name, "gate of x", perChannel);
        Shapes.CheckSameShape(inputs, 1, shape, Name, "addend", "the output's shape");
        Shapes.CheckSameShape(inputs, GateSlot, [shape[0], shape[1], 1, 1], Name, "addend gate", perChannel);
        if (inputs.Count > GateSlot && inputs[GateSlot] != null && inputs[1] == null)
            throw new ShapeException("resize: an addend gate needs the addend it scales");
        return shape;
    }

    private int[] ResizedShape(int[] x)
    {
        if (Sizes != null)
        {
            if (Sizes[0] != x[0] || Sizes[1] != x[1])
                throw new NotSupportedException($"resize: only H and W can be resized; sizes {Tensor.ShapeString(Sizes)} change N or C of {Tensor.ShapeString(x)}");
            return (int[])Sizes.Clone();
        }
        // The ONNX reference multiplies float32 scales by int64 dims in float64, then truncates.
        var shape = new int[4];
        for (int d = 0; d < 4; d++) shape[d] = (int)Math.Floor(x[d] * (double)Scales![d]);
        if (shape[2] < 1 || shape[3] < 1)
            throw new ShapeException($"resize: scales [{string.Join(",", Scales!)}] leave an empty output for {Tensor.ShapeString(x)}");
        return shape;
    }

    /// <summary>The scale the coordinate transform divides by on axis d (2 = H, 3 = W).</summary>
    private float Scale(int d, int input, int output) => Scales != null ? Scales[d] : (float)output / input;

    /// <summary>
    /// The spec's length_resized on axis d: the output length for sizes, but input * scale, unrounded, for scales (the
    /// ONNX reference and its align_corners test cases compute it so; ONNX Runtime uses the rounded length).
    /// </summary>
    private float LengthResized(int d, int input, int output) => Scales != null ? input * Scales[d] : output;

    /// <summary>Output coordinate → input coordinate (before rounding or clamping).</summary>
    public static float SourceCoordinate(ResizeCoordinates coordinates, int x, float scale, int input, float lengthResized) => coordinates switch
    {
        ResizeCoordinates.HalfPixel => (x + 0.5f) / scale - 0.5f,
        ResizeCoordinates.PytorchHalfPixel => lengthResized > 1f ? (x + 0.5f) / scale - 0.5f : 0f,
        ResizeCoordinates.AlignCorners => lengthResized == 1f ? 0f : x * (float)(input - 1) / (lengthResized - 1f),
        ResizeCoordinates.Asymmetric => x / scale,
        ResizeCoordinates.TfHalfPixelForNearest => (x + 0.5f) / scale,
        _ => throw new ArgumentOutOfRangeException(nameof(coordinates)),
    };

    /// <summary>Nearest's rounding of an input coordinate (the caller clamps it to the input).</summary>
    public static int Round(ResizeNearestMode mode, float v) => mode switch
    {
        // Exact halves go down (ceil(v - 0.5)) or up (floor(v + 0.5)); everything else rounds to nearest.
        ResizeNearestMode.RoundPreferFloor => (int)MathF.Ceiling(v - 0.5f),
        ResizeNearestMode.RoundPreferCeil => (int)MathF.Floor(v + 0.5f),
        ResizeNearestMode.Floor => (int)MathF.Floor(v),
        ResizeNearestMode.Ceil => (int)MathF.Ceiling(v),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var addend = inputs.Count > 1 ? inputs[1] : null;
        var gate = inputs.Count > GateSlot ? inputs[GateSlot] : null;
        var inputGate = inputs.Count > InputGateSlot ? inputs[InputGateSlot] : null;
        int h = x.Shape[2], w = x.Shape[3], oh = output.Shape[2], ow = output.Shape[3];
        float sh = Scale(2, h, oh), sw = Scale(3, w, ow);
        float lh = LengthResized(2, h, oh), lw = LengthResized(3, w, ow);
        int planes = x.Shape[0] * x.Shape[1];
        // A gated value v (x, or the addend) counts as Binary computes v * g + v.
        static float Gated(float v, float g) => v * g + v;
        float X(int plane, int i) => inputGate == null ? x.Data[i] : Gated(x.Data[i], inputGate.Data[plane]);
        for (int p = 0; p < planes; p++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            float fy = SourceCoordinate(Coordinates, oy, sh, h, lh);
            float fx = SourceCoordinate(Coordinates, ox, sw, w, lw);
            float v;
            if (Mode == ResizeMode.Nearest)
            {
                int iy = Math.Clamp(Round(NearestMode, fy), 0, h - 1);
                int ix = Math.Clamp(Round(NearestMode, fx), 0, w - 1);
                v = X(p, (p * h + iy) * w + ix);
            }
            else
            {
                // Bilinear: the neighbours floor(f) and floor(f) + 1, each clamped to the input (edge extension).
                int y0 = (int)MathF.Floor(fy), x0 = (int)MathF.Floor(fx);
                float ly = fy - y0, lx = fx - x0;
                int ya = Math.Clamp(y0, 0, h - 1), yb = Math.Clamp(y0 + 1, 0, h - 1);
                int xa = Math.Clamp(x0, 0, w - 1), xb = Math.Clamp(x0 + 1, 0, w - 1);
                float top = (1f - lx) * X(p, (p * h + ya) * w + xa) + lx * X(p, (p * h + ya) * w + xb);
                float bottom = (1f - lx) * X(p, (p * h + yb) * w + xa) + lx * X(p, (p * h + yb) * w + xb);
                v = (1f - ly) * top + ly * bottom;
            }
            int at = (p * oh + oy) * ow + ox;
            output.Data[at] = addend == null ? v : v + (gate == null ? addend.Data[at] : Gated(addend.Data[at], gate.Data[p]));
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int h = x[2], w = x[3], oh = output[2], ow = output[3];
        string coordinates = Coordinates switch
        {
            ResizeCoordinates.HalfPixel => "COORD_HALF_PIXEL",
            ResizeCoordinates.PytorchHalfPixel => "COORD_PYTORCH_HALF_PIXEL",
            ResizeCoordinates.AlignCorners => "COORD_ALIGN_CORNERS",
            ResizeCoordinates.Asymmetric => "COORD_ASYMMETRIC",
            ResizeCoordinates.TfHalfPixelForNearest => "COORD_TF_HALF_PIXEL_FOR_NEAREST",
            _ => throw new ArgumentOutOfRangeException(nameof(Coordinates)),
        };
        string rounding = Mode == ResizeMode.Linear ? "" : NearestMode switch
        {
            ResizeNearestMode.RoundPreferFloor => "NEAREST_ROUND_PREFER_FLOOR",
            ResizeNearestMode.RoundPreferCeil => "NEAREST_ROUND_PREFER_CEIL",
            ResizeNearestMode.Floor => "NEAREST_FLOOR",
            ResizeNearestMode.Ceil => "NEAREST_CEIL",
            _ => throw new ArgumentOutOfRangeException(nameof(NearestMode)),
        };
        // UP2: bilinear, half-pixel, exactly 2x, even rows: a 2x4 output block per item from 12 loads.
        // W4: otherwise 4 adjacent outputs per item when rows are a multiple of 4, one 4-wide store.
        bool up2 = Mode == ResizeMode.Linear && Coordinates is ResizeCoordinates.HalfPixel or ResizeCoordinates.PytorchHalfPixel &&
                   oh == 2 * h && ow == 2 * w && w % 2 == 0 && Scale(2, h, oh) == 2f && Scale(3, w, ow) == 2f;
        bool w4 = !up2 && ow % 4 == 0;
        // UP2_QUADS: rows of a multiple of 4, 4 aligned input columns (2x8 outputs) per item (selfie's resizes: GL
        // 1.07 -> 0.71-0.75 ms, CL 0.18 -> 0.10 ms).
        bool quads = up2 && w % 4 == 0;
        return new KernelLaunch(Name, Tensor.ShapeLength(output) / (quads ? 16 : up2 ? 8 : w4 ? 4 : 1), [h, w, oh, ow],
            [Scale(2, h, oh), Scale(3, w, ow), LengthResized(2, h, oh), LengthResized(3, w, ow)],
            Mode == ResizeMode.Linear ? "MODE_LINEAR" : "MODE_NEAREST", coordinates, rounding, up2 ? "UP2" : w4 ? "W4" : "",
            quads ? "UP2_QUADS" : "", inputs.Count > 1 && inputs[1] != null ? "HAS_ADDEND" : "",
            inputs.Count > GateSlot && inputs[GateSlot] != null ? "HAS_ADDEND_GATE" : "",
            inputs.Count > InputGateSlot && inputs[InputGateSlot] != null ? "HAS_INPUT_GATE" : "");
    }
}
