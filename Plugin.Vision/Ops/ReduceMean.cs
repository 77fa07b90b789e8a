using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX ReduceMean over <see cref="Axes"/> (negative counts from the end) of a tensor of any rank (the kernel: up to 6).
/// <see cref="KeepDims"/> keeps reduced dimensions as 1. Empty axes reduce everything, unless
/// <see cref="NoopWithEmptyAxes"/>, which makes the op a copy. (Since opset 18 the axes are an input; the compiler folds
/// that constant into <see cref="Axes"/>.)
/// </summary>
public sealed class ReduceMean : Op
{
    public const int MaxRank = 6;

    public int[] Axes { get; }
    public bool KeepDims { get; }
    public bool NoopWithEmptyAxes { get; }

    public ReduceMean(int[]? axes = null, bool keepDims = true, bool noopWithEmptyAxes = false)
    {
        Axes = axes == null ? [] : (int[])axes.Clone();
        KeepDims = keepDims;
        NoopWithEmptyAxes = noopWithEmptyAxes;
    }

    public override string Name => "reduce_mean";

    /// <summary>Which dimensions of an input of this rank are reduced.</summary>
    public bool[] Reduced(int rank)
    {
        var reduced = new bool[rank];
        if (Axes.Length == 0)
        {
            if (!NoopWithEmptyAxes) Array.Fill(reduced, true);
            return reduced;
        }
        foreach (int axis in Axes)
        {
            int a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank) throw new ShapeException($"reduce_mean: axis {axis} out of range for rank {rank}");
            if (reduced[a]) throw new ShapeException($"reduce_mean: axis {axis} given twice in [{string.Join(",", Axes)}]");
            reduced[a] = true;
        }
        return reduced;
    }

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        var reduced = Reduced(x.Length);
        return Enumerable.Range(0, x.Length).Where(d => KeepDims || !reduced[d]).Select(d => reduced[d] ? 1 : x[d]).ToArray();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var reduced = Reduced(x.Rank);
        // Strides of the output seen from the input's index: 0 along reduced dimensions (keepdims or not, the
        // remaining dimensions keep their order, so the kept-shape strides are the output's).
        var strides = new int[x.Rank];
        int stride = 1, count = 1;
        for (int d = x.Rank - 1; d >= 0; d--)
        {
            if (reduced[d]) { count *= x.Shape[d]; continue; }
            strides[d] = stride;
            stride *= x.Shape[d];
        }
        Array.Clear(output.Data);
        // Row-major over the input: each output receives its elements in row-major order of the reduced coordinates,
        // the order the kernel sums them in.
        var index = new int[x.Rank];
        for (int i = 0; i < x.Length; i++)
        {
            int o = 0;
            for (int d = 0; d < index.Length; d++) o += index[d] * strides[d];
            output.Data[o] += x.Data[i];
            for (int d = index.Length - 1; d >= 0 && ++index[d] == x.Shape[d]; d--) index[d] = 0;
        }
        for (int i = 0; i < output.Length; i++) output.Data[i] /= count;
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        if (x.Length > MaxRank) throw new ShapeException($"reduce_mean: rank {x.Length} exceeds {MaxRank}");
        var reduced = Reduced(x.Length);
        var p = new int[3 * MaxRank + 1];
        int shift = MaxRank - x.Length, stride = 1, count = 1;
        for (int d = MaxRank - 1; d >= 0; d--)
        {
            bool real = d >= shift;
            int dim = real ? x[d - shift] : 1;
            bool r = real && reduced[d - shift];
            p[d] = dim;
            p[MaxRank + d] = stride;
            p[2 * MaxRank + d] = r ? 1 : 0;
            stride *= dim;
            if (r) count *= dim;
        }
        p[3 * MaxRank] = count;
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p);
    }
}
