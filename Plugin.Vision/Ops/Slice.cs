using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Slice (opset 10+) for rank up to 6: on each listed axis, elements start, start + step, ... up to but not
/// including end. Negative starts and ends count from the end (+ dim); then, per the spec, they clamp to [0, dim] for a
/// positive step and to [0, dim - 1] (start) and [-1, dim - 1] (end) for a negative one, so INT64_MAX / INT64_MIN mean
/// "to the end" / "to the start". Unlisted axes are kept whole.
/// </summary>
public sealed class Slice : Op
{
    public long[] Starts { get; }
    public long[] Ends { get; }
    public int[] Axes { get; }
    public long[] Steps { get; }

    public Slice(long[] starts, long[] ends, int[]? axes = null, long[]? steps = null)
    {
        axes ??= Enumerable.Range(0, starts.Length).ToArray();
        steps ??= Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
            throw new ArgumentException($"slice: starts, ends, axes and steps need the same length ({starts.Length}, {ends.Length}, {axes.Length}, {steps.Length})");
        if (steps.Any(s => s == 0)) throw new ArgumentException("slice: a step of 0");
        Starts = starts;
        Ends = ends;
        Axes = axes;
        Steps = steps;
    }

    public override string Name => "slice";

    /// <summary>Per axis of <paramref name="shape"/>: the first element, the count and the step.</summary>
    public (int Start, int Count, int Step)[] Ranges(int[] shape)
    {
        int rank = shape.Length;
        var ranges = shape.Select(d => (0, d, 1)).ToArray();
        var seen = new HashSet<int>();
        for (int i = 0; i < Axes.Length; i++)
        {
            int axis = Shapes.Axis(Axes[i], rank, Name);
            if (!seen.Add(axis)) throw new ShapeException($"slice: axis {Axes[i]} is listed twice");
            long dim = shape[axis], step = Steps[i];
            long start = Starts[i] < 0 ? Starts[i] + dim : Starts[i];
            long end = Ends[i] < 0 ? Ends[i] + dim : Ends[i];
            long count;
            if (step > 0)
            {
                start = Math.Clamp(start, 0, dim);
                end = Math.Clamp(end, 0, dim);
                count = end > start ? (end - start + step - 1) / step : 0;
            }
            else
            {
                start = Math.Clamp(start, 0, dim - 1);
                end = Math.Clamp(end, -1, dim - 1);
                count = start > end ? (start - end - step - 1) / -step : 0;
            }
            // A step beyond int range takes one element at most; keep it an int for the kernel.
            ranges[axis] = ((int)Math.Max(start, 0), (int)count, (int)Math.Clamp(step, -dim - 1, dim + 1));
        }
        return ranges;
    }

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, -1, "x");
        Shapes.CheckRank(x.Length, Name);
        return Ranges(x).Select(r => r.Count).ToArray();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var ranges = Ranges(x.Shape);
        var strides = Shapes.Strides(x.Shape);
        Shapes.ForEachIndex(output.Shape, (i, index) =>
        {
            int offset = 0;
            for (int d = 0; d < index.Length; d++) offset += (ranges[d].Start + index[d] * ranges[d].Step) * strides[d];
            output.Data[i] = x.Data[offset];
        });
    }

    /// <summary>
    /// A slice along one axis with step 1 (a Split's part) is one contiguous run of the input per index before that
    /// axis: buffer copies when the runs are few and long enough (the limits of <see cref="Concat.Copies"/>).
    /// </summary>
    public override IReadOnlyList<BlockCopy>? Copies(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        var ranges = Ranges(x);
        var partial = Enumerable.Range(0, x.Length).Where(a => ranges[a] != (0, x[a], 1)).ToArray();
        if (partial.Length > 1 || partial.Length == 1 && ranges[partial[0]].Step != 1) return null;
        int axis = partial.Length == 1 ? partial[0] : 0;
        long outer = Tensor.ShapeLength(x.AsSpan(0, axis)), inner = Tensor.ShapeLength(x.AsSpan(axis + 1));
        long count = ranges[axis].Count, length = count * inner;
        if (outer > Concat.MaxCopies || length < Concat.MinCopyLength) return null;
        var copies = new BlockCopy[outer];
        for (long o = 0; o < outer; o++)
            copies[o] = new BlockCopy(0, (o * x[axis] + ranges[axis].Start) * inner, o * length, length);
        return copies;
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        var ranges = Ranges(x);
        var strides = Shapes.Strides(x);
        var p = new int[2 * Shapes.MaxRank + 1];
        Shapes.Put6(p, 0, output, 1);
        Shapes.Put6(p, 6, strides.Select((s, d) => s * ranges[d].Step).ToArray(), 0);
        p[12] = strides.Select((s, d) => s * ranges[d].Start).Sum();
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p);
    }
}
