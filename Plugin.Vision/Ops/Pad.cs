using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Pad for any rank up to 6: axis d grows by <see cref="Begins"/>[d] elements before and <see cref="Ends"/>[d]
/// after. A negative pad crops instead. Cropping happens first (as ONNX Runtime does; numpy, the ONNX reference,
/// rejects negative pads), so reflect, edge and wrap read the cropped tensor.
/// </summary>
public sealed class Pad : Op
{
    public int[] Begins { get; }
    public int[] Ends { get; }
    public PadMode Mode { get; }
    public float Value { get; }

    /// <param name="begins">Pads before each axis (ONNX pads[0 .. rank)).</param>
    /// <param name="ends">Pads after each axis (ONNX pads[rank .. 2 rank)).</param>
    public Pad(int[] begins, int[] ends, PadMode mode = PadMode.Constant, float value = 0f)
    {
        if (begins.Length != ends.Length)
            throw new ArgumentException($"pad: {begins.Length} begin pads but {ends.Length} end pads");
        Begins = begins;
        Ends = ends;
        Mode = mode;
        Value = value;
    }

    /// <summary>
    /// From ONNX's flat pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...], one pair per axis of the input, or with
    /// opset 18's <paramref name="axes"/> one pair per listed axis (negative axes count from the end of
    /// <paramref name="rank"/>; unlisted axes get no padding).
    /// </summary>
    public static Pad FromOnnx(long[] pads, PadMode mode = PadMode.Constant, float value = 0f, int[]? axes = null, int rank = -1)
    {
        if (pads.Length % 2 != 0) throw new ArgumentException($"pad: {pads.Length} pads is not 2 per axis");
        int n = pads.Length / 2;
        axes ??= Enumerable.Range(0, n).ToArray();
        if (rank < 0) rank = n;
        if (axes.Length != n) throw new ArgumentException($"pad: {n} pairs of pads for {axes.Length} axes");
        int[] begins = new int[rank], ends = new int[rank];
        var seen = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            int axis = Shapes.Axis(axes[i], rank, "pad");
            if (!seen.Add(axis)) throw new ArgumentException($"pad: axis {axes[i]} is listed twice");
            begins[axis] = checked((int)pads[i]);
            ends[axis] = checked((int)pads[n + i]);
        }
        return new Pad(begins, ends, mode, value);
    }

    public override string Name => "pad";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, Begins.Length, "x");
        Shapes.CheckRank(x.Length, Name);
        var shape = new int[x.Length];
        for (int d = 0; d < x.Length; d++)
        {
            shape[d] = x[d] + Begins[d] + Ends[d];
            int kept = Kept(x[d], d);
            if (shape[d] < 0 || kept < 0)
                throw new ShapeException($"pad: pads ({Begins[d]},{Ends[d]}) crop more than axis {d} of {Tensor.ShapeString(x)} holds");
            if (Mode != PadMode.Constant && kept == 0 && shape[d] > 0)
                throw new ShapeException($"pad: {Mode} padding of axis {d} needs a non-empty input, {Tensor.ShapeString(x)} cropped by ({Begins[d]},{Ends[d]})");
        }
        return shape;
    }

    /// <summary>How many input elements of axis d survive the cropping.</summary>
    private int Kept(int dim, int d) => dim - Math.Max(0, -Begins[d]) - Math.Max(0, -Ends[d]);

    /// <summary>
    /// Where coordinate j (relative to the first kept element) reads from among the m kept elements, or -1 for the
    /// constant. The kernel's copy of this lives in pad.body.
    /// </summary>
    public static int Source(int j, int m, PadMode mode)
    {
        if (j >= 0 && j < m) return j;
        switch (mode)
        {
            case PadMode.Constant: return -1;
            case PadMode.Edge: return Math.Clamp(j, 0, m - 1);
            case PadMode.Wrap: return ((j % m) + m) % m;
            case PadMode.Reflect:
                // Mirror about the edges without repeating them: the pattern repeats every 2 (m - 1) (numpy's reflect,
                // so pads longer than the axis bounce again). A single element reflects onto itself.
                if (m == 1) return 0;
                int period = 2 * (m - 1);
                int r = ((j % period) + period) % period;
                return r < m ? r : period - r;
            default: throw new ArgumentOutOfRangeException(nameof(mode));
        }
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var strides = Shapes.Strides(x.Shape);
        Shapes.ForEachIndex(output.Shape, (i, index) =>
        {
            int offset = 0;
            for (int d = 0; d < index.Length; d++)
            {
                int s = Source(index[d] - Math.Max(0, Begins[d]), Kept(x.Shape[d], d), Mode);
                if (s < 0) { output.Data[i] = Value; return; }
                offset += (Math.Max(0, -Begins[d]) + s) * strides[d];
            }
            output.Data[i] = x.Data[offset];
        });
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        var p = new int[5 * Shapes.MaxRank];
        Shapes.Put6(p, 0, output, 1);
        Shapes.Put6(p, 6, Shapes.Strides(x), 0);
        Shapes.Put6(p, 12, Enumerable.Range(0, x.Length).Select(d => Math.Max(0, -Begins[d])).ToArray(), 0);
        Shapes.Put6(p, 18, Enumerable.Range(0, x.Length).Select(d => Kept(x[d], d)).ToArray(), 1);
        Shapes.Put6(p, 24, Begins.Select(b => Math.Max(0, b)).ToArray(), 0);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p, [Value], "MODE_" + Mode.ToString().ToUpperInvariant());
    }
}
