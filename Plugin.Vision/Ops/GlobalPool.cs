using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// GlobalAveragePool / GlobalMaxPool: x [N,C,...spatial] to [N,C,1,...,1]. With the optional addend z (x's shape) it
/// pools x + z: the compiler's fusion of an Add read only by the pool (a decoder's skip sum before its
/// squeeze-and-excitation), which saves the Add's launch and its pass over the sum.
/// </summary>
public sealed class GlobalPool(PoolKind kind) : Op
{
    public PoolKind Kind { get; } = kind;

    public override string Name => "global_pool";

    public override int InputSlots => 2;

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        var x = Require(inputs, 0, -1, "x");
        if (x.Length < 3) throw new ShapeException($"global_pool: x must be [N,C,spatial...], got {Tensor.ShapeString(x)}");
        Shapes.CheckSameShape(inputs, 1, x, Name, "addend", "x's shape");
        return x.Select((d, i) => i < 2 ? d : 1).ToArray();
    }

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs.Count > 1 && inputs[1] is { } z ? new Binary(BinaryKind.Add).Reference(inputs[0]!, z) : inputs[0]!;
        int planes = x.Shape[0] * x.Shape[1];
        int size = x.Length / Math.Max(planes, 1);
        for (int p = 0; p < planes; p++)
        {
            var plane = x.Data.AsSpan(p * size, size);
            float max = float.NegativeInfinity, sum = 0;
            foreach (float v in plane) { max = Math.Max(max, v); sum += v; }
            output.Data[p] = Kind == PoolKind.Max ? max : sum / size;
        }
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int planes = x[0] * x[1];
        return PlaneLaunch(planes, Tensor.ShapeLength(x) / Math.Max(planes, 1), Kind, addendSlot: true, hasAddend: inputs.Count > 1 && inputs[1] != null);
    }


    /// <summary>
    /// The global_pool kernel over planes of a size: one item per plane when small, else a work group per plane folding
    /// in shared memory (a GPU otherwise runs one thread per channel). Pool2d uses it for windows that cover the plane.
    /// <paramref name="addendSlot"/>: the op has the addend's slot (this op; Pool2d has one input), so the kernel's
    /// output binding comes after it.
    /// </summary>
    internal static KernelLaunch PlaneLaunch(int planes, int size, PoolKind kind, bool addendSlot = false, bool hasAddend = false)
    {
        bool grouped = size > 256;
        return new KernelLaunch("global_pool", grouped ? planes * 64 : planes, [size], null,
            kind == PoolKind.Max ? "MAX_POOL" : "", grouped ? "GROUP_REDUCE" : "", grouped && size % 4 == 0 ? "QUADS" : "",
            addendSlot ? "ADDEND_SLOT" : "", hasAddend ? "HAS_ADDEND" : "");
    }
}
