using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Concat for rank up to 6: the inputs joined along <see cref="Axis"/>, in input order, in one launch of up to
/// <see cref="MaxInputs"/> inputs (one storage buffer each plus the output: 8, the fewest a GL implementation may
/// allow a compute shader).
/// <para>
/// More inputs run as several launches into one output: with <see cref="AxisOffset"/> and <see cref="AxisTotal"/> the
/// op writes its inputs at [offset, offset + their sum) of an output whose axis holds AxisTotal, and leaves the rest of
/// the output untouched; <see cref="Parts"/> splits a concat that way. The parts share one output tensor, so they
/// suit a worker that hands every part the same buffer (the plain <c>Run</c> helper allocates a fresh one).
/// </para>
/// </summary>
public sealed class Concat(int axis, int axisOffset = 0, int axisTotal = 0) : Op
{
    public const int MaxInputs = 7;

    public int Axis { get; } = axis;

    /// <summary>Where along the axis of the output the first input lands (0 for a whole concat).</summary>
    public int AxisOffset { get; } = axisOffset;

    /// <summary>The output's length along the axis; 0 means the inputs' sum (a whole concat).</summary>
    public int AxisTotal { get; } = axisTotal;

    public override string Name => "concat";

    /// <summary>
    /// Ops that together concatenate inputs with these axis lengths into one shared output, each covering at most
    /// <see cref="MaxInputs"/> consecutive inputs: part k takes inputs [First, First + Count).
    /// </summary>
    public static IReadOnlyList<(Concat Op, int First, int Count)> Parts(int axis, IReadOnlyList<int> axisLengths)
    {
        int total = axisLengths.Sum(), offset = 0;
        var parts = new List<(Concat, int, int)>();
        for (int first = 0; first < axisLengths.Count; first += MaxInputs)
        {
            int count = Math.Min(MaxInputs, axisLengths.Count - first);
            parts.Add((new Concat(axis, offset, total), first, count));
            for (int i = first; i < first + count; i++) offset += axisLengths[i];
        }
        return parts;
    }

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        if (inputs.Count == 0) throw new ShapeException("concat: no inputs");
        var first = Require(inputs, 0, -1, "input 0");
        Shapes.CheckRank(first.Length, Name);
        if (first.Length == 0) throw new ShapeException("concat: scalars cannot be concatenated");
        int axis = Shapes.Axis(Axis, first.Length, Name);
        int sum = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            var s = Require(inputs, i, first.Length, $"input {i}");
            for (int d = 0; d < s.Length; d++)
                if (d != axis && s[d] != first[d])
                    throw new ShapeException($"concat: input {i} {Tensor.ShapeString(s)} differs from input 0 {Tensor.ShapeString(first)} off axis {axis}");
            sum += s[axis];
        }
        int total = AxisTotal == 0 ? sum : AxisTotal;
        if (AxisOffset < 0 || AxisOffset + sum > total)
            throw new ShapeException($"concat: inputs of {sum} along axis {axis} at offset {AxisOffset} overflow an output of {total}");
        var shape = (int[])first.Clone();
        shape[axis] = total;
        return shape;
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        int axis = Shapes.Axis(Axis, output.Rank, Name);
        int outer = Tensor.ShapeLength(output.Shape.AsSpan(0, axis)), inner = Tensor.ShapeLength(output.Shape.AsSpan(axis + 1));
        int total = output.Shape[axis], offset = AxisOffset;
        foreach (var x in inputs)
        {
            int a = x!.Shape[axis];
            for (int o = 0; o < outer; o++)
                Array.Copy(x.Data, o * a * inner, output.Data, (o * total + offset) * inner, a * inner);
            offset += a;
        }
    }

    /// <summary>Runs a concat may move as buffer copies: few enough that per-copy costs stay below one launch.</summary>
    public const int MaxCopies = 16;

    /// <summary>Runs shorter than this (elements) stay in the kernel: a copy call costs about as much as moving them.</summary>
    public const int MinCopyLength = 1024;

    /// <summary>
    /// Each input's slab for each index before the axis is one contiguous run of the output (PP-OCRv4 det's FPN concat of
    /// four [1,24,80,80] maps: 4 copies; on llvmpipe 2.4 ms of kernel against a memcpy per input).
    /// </summary>
    public override IReadOnlyList<BlockCopy>? Copies(IReadOnlyList<int[]?> inputs, int[] output)
    {
        int axis = Shapes.Axis(Axis, output.Length, Name);
        long outer = Tensor.ShapeLength(output.AsSpan(0, axis)), inner = Tensor.ShapeLength(output.AsSpan(axis + 1));
        if (outer * inputs.Count > MaxCopies) return null;
        var copies = new List<BlockCopy>();
        long total = output[axis], offset = AxisOffset;
        for (int i = 0; i < inputs.Count; i++)
        {
            long a = inputs[i]![axis];
            if (a * inner < MinCopyLength) return null;
            for (long o = 0; o < outer; o++)
                copies.Add(new BlockCopy(i, o * a * inner, (o * total + offset) * inner, a * inner));
            offset += a;
        }
        return copies;
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        if (inputs.Count > MaxInputs)
            throw new NotSupportedException($"concat: {inputs.Count} inputs in one launch, at most {MaxInputs}; split it with Concat.Parts");
        int axis = Shapes.Axis(Axis, output.Length, Name);
        var p = new int[5 + inputs.Count];
        int sum = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            sum += inputs[i]![axis];
            p[5 + i] = sum;
        }
        p[0] = sum;
        p[1] = Tensor.ShapeLength(output.AsSpan(axis + 1));
        p[2] = output[axis];
        p[3] = AxisOffset;
        p[4] = inputs.Count;
        int items = Tensor.ShapeLength(output.AsSpan(0, axis)) * sum * p[1];
        // VEC4: inner a multiple of 4 (channel concats of planes of a multiple of 4 pixels): 4 elements per item.
        bool vec4 = p[1] % 4 == 0;
        return new KernelLaunch(Name, vec4 ? items / 4 : items, p, null, $"INPUTS={inputs.Count}", vec4 ? "VEC4" : "");
    }
}
