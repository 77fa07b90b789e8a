using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// Index arithmetic shared by the data-movement ops. Their kernels see every tensor as rank <see cref="MaxRank"/>:
/// shapes are right-aligned and padded on the left with dimensions of 1 (stride 0), so one loop covers ranks 0 to 6.
/// </summary>
public static class Shapes
{
    public const int MaxRank = 6;

    /// <summary>Row-major strides of a dense tensor of this shape.</summary>
    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    /// <summary>An axis in [-rank, rank) made non-negative; throws for one out of range.</summary>
    public static int Axis(int axis, int rank, string op)
    {
        if (axis < -rank || axis >= rank) throw new ShapeException($"{op}: axis {axis} is out of range for rank {rank}");
        return axis < 0 ? axis + rank : axis;
    }

    /// <summary>
    /// Throws unless exactly <paramref name="count"/> inputs are given (null for an absent optional one). The GPU
    /// backends bind buffers by position, so a missing trailing input would shift the output onto the wrong binding.
    /// </summary>
    public static void CheckInputCount(IReadOnlyList<int[]?> inputs, int count, string op)
    {
        if (inputs.Count != count)
            throw new ShapeException($"{op}: takes {count} inputs (null for an absent optional one), got {inputs.Count}");
    }

    /// <summary>
    /// Throws unless the optional operand at <paramref name="slot"/> (a fused addend or residual, read element for
    /// element) is absent or has exactly <paramref name="shape"/>; <paramref name="what"/> and <paramref name="against"/>
    /// name the two in the message.
    /// </summary>
    public static void CheckSameShape(IReadOnlyList<int[]?> inputs, int slot, int[] shape, string op, string what, string against)
    {
        if (inputs.Count > slot && inputs[slot] is { } operand && !operand.AsSpan().SequenceEqual(shape))
            throw new ShapeException($"{op}: {what} {Tensor.ShapeString(operand)} must have {against} {Tensor.ShapeString(shape)}");
    }

    /// <summary>Throws when a kernel cannot take this rank.</summary>
    public static void CheckRank(int rank, string op)
    {
        if (rank > MaxRank) throw new ShapeException($"{op}: rank {rank} exceeds {MaxRank}");
    }

    /// <summary>
    /// Writes <paramref name="values"/> right-aligned into <paramref name="p"/>[offset .. offset + 6), filling the
    /// leading slots with <paramref name="fill"/> (1 for dimensions, 0 for strides).
    /// </summary>
    public static void Put6(int[] p, int offset, int[] values, int fill)
    {
        CheckRank(values.Length, "kernel parameters");
        int shift = MaxRank - values.Length;
        for (int d = 0; d < MaxRank; d++) p[offset + d] = d < shift ? fill : values[d - shift];
    }

    /// <summary>Calls <paramref name="visit"/> with every index of <paramref name="shape"/> in row-major order.</summary>
    public static void ForEachIndex(int[] shape, Action<int, int[]> visit)
    {
        int n = Tensor.ShapeLength(shape);
        var index = new int[shape.Length];
        for (int i = 0; i < n; i++)
        {
            visit(i, index);
            for (int d = index.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
    }
}
