using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Transpose for rank up to 6: output axis d is input axis <see cref="Perm"/>[d] (reversed axes when no perm is
/// given). Its kernel, a gather through permuted strides, also runs <see cref="DepthToSpace"/> and
/// <see cref="SpaceToDepth"/> on 6D views of their tensors.
/// </summary>
public sealed class Transpose(int[]? perm = null) : Op
{
    public int[]? Perm { get; } = perm;

    public override string Name => "transpose";

    /// <summary>The permutation for this rank: the given one, checked, or the reversal.</summary>
    public int[] PermFor(int rank)
    {
        if (Perm == null) return Enumerable.Range(0, rank).Reverse().ToArray();
        if (Perm.Length != rank || Perm.Order().Where((a, i) => a != i).Any())
            throw new ShapeException($"transpose: perm [{string.Join(",", Perm)}] is not a permutation of {rank} axes");
        return Perm;
    }

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, -1, "x");
        Shapes.CheckRank(x.Length, Name);
        return PermFor(x.Length).Select(a => x[a]).ToArray();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        var perm = PermFor(x.Rank);
        var strides = Shapes.Strides(x.Shape);
        Shapes.ForEachIndex(output.Shape, (i, index) =>
        {
            int offset = 0;
            for (int d = 0; d < index.Length; d++) offset += index[d] * strides[perm[d]];
            output.Data[i] = x.Data[offset];
        });
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) => LaunchFor(inputs[0]!, PermFor(inputs[0]!.Length));

    /// <summary>The transpose kernel moving <paramref name="input"/> (any dense view of a buffer) through <paramref name="perm"/>.</summary>
    internal static KernelLaunch LaunchFor(int[] input, int[] perm)
    {
        Shapes.CheckRank(input.Length, "transpose");
        var strides = Shapes.Strides(input);
        var p = new int[2 * Shapes.MaxRank];
        Shapes.Put6(p, 0, perm.Select(a => input[a]).ToArray(), 1);
        Shapes.Put6(p, 6, perm.Select(a => strides[a]).ToArray(), 0);
        return new KernelLaunch("transpose", Tensor.ShapeLength(input), p);
    }
}
