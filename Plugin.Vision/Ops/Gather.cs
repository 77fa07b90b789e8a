using Vision.Kernels;
using Vision.Tensors;

namespace Vision.Ops;

/// <summary>
/// ONNX Gather with constant indices: picks entries along <see cref="Axis"/>, giving
/// data.shape[:axis] + indices.shape + data.shape[axis+1:]. Negative indices count from the end.
/// The kernel takes the indices from its parameters: up to <see cref="MaxTableIndices"/> of them in a table, or any
/// number that form an arithmetic progression (a range, or one index repeated) as start and step; other index sets
/// need an index buffer, which this op does not have (see Launch).
/// </summary>
public sealed class Gather : Op
{
    public const int MaxTableIndices = KernelLaunch.MaxInts - 5;

    public int Axis { get; }
    public int[] Indices { get; }
    public int[] IndicesShape { get; }

    /// <param name="indicesShape">The shape of the ONNX indices tensor; [] for a scalar index (the axis disappears).</param>
    public Gather(int axis, int[] indices, int[] indicesShape)
    {
        if (Tensor.ShapeLength(indicesShape) != indices.Length)
            throw new ArgumentException($"gather: {indices.Length} indices do not fill shape {Tensor.ShapeString(indicesShape)}");
        Axis = axis;
        Indices = indices;
        IndicesShape = indicesShape;
    }

    public override string Name => "gather";

    public override int[] OutputShape(IReadOnlyList<int[]?> inputs)
    {
        Shapes.CheckInputCount(inputs, 1, Name);
        var x = Require(inputs, 0, -1, "data");
        int axis = Shapes.Axis(Axis, x.Length, Name);
        Normalized(x[axis]);
        var shape = x[..axis].Concat(IndicesShape).Concat(x[(axis + 1)..]).ToArray();
        Shapes.CheckRank(shape.Length, Name);
        return shape;
    }

    /// <summary>The indices in [0, dim); throws for one outside [-dim, dim).</summary>
    private int[] Normalized(int dim) => Indices.Select(i => i < -dim || i >= dim
        ? throw new ShapeException($"gather: index {i} is out of range for an axis of {dim}")
        : i < 0 ? i + dim : i).ToArray();

    public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
    {
        var x = inputs[0]!;
        int axis = Shapes.Axis(Axis, x.Rank, Name);
        int dim = x.Shape[axis];
        var indices = Normalized(dim);
        int outer = Tensor.ShapeLength(x.Shape.AsSpan(0, axis)), inner = Tensor.ShapeLength(x.Shape.AsSpan(axis + 1));
        int o = 0;
        for (int a = 0; a < outer; a++)
        foreach (int index in indices)
        for (int i = 0; i < inner; i++)
            output.Data[o++] = x.Data[(a * dim + index) * inner + i];
    }

    public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output)
    {
        var x = inputs[0]!;
        int axis = Shapes.Axis(Axis, x.Length, Name);
        var indices = Normalized(x[axis]);
        int inner = Tensor.ShapeLength(x.AsSpan(axis + 1));
        int n = indices.Length;
        var p = new int[5 + Math.Min(n, MaxTableIndices)];
        p[0] = x[axis];
        p[1] = inner;
        p[2] = n;
        int step = n > 1 ? indices[1] - indices[0] : 0;
        bool progression = n > 0 && indices.Select((v, i) => v == indices[0] + i * step).All(b => b);
        if (progression)
        {
            p[3] = n > 0 ? indices[0] : 0;
            p[4] = step;
            return new KernelLaunch(Name, Tensor.ShapeLength(output), p[..5]);
        }
        if (n > MaxTableIndices)
            throw new NotSupportedException($"gather: {n} constant indices that are not an arithmetic progression; the kernel holds at most {MaxTableIndices} (split the gather, or give it an index buffer)");
        indices.CopyTo(p, 5);
        return new KernelLaunch(Name, Tensor.ShapeLength(output), p, null, "INDEX_TABLE");
    }
}
