using Vision.Models;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// Evaluates, at compile time, the int64 shape arithmetic exporters emit (Shape -> Gather -> Unsqueeze -> Concat ->
/// Reshape, ConstantOfShape, Cast). Only runs when every input is a known constant; returns null for ops it does not
/// fold, so the float path (the ops' CPU references) takes over.
/// </summary>
internal static class HostFolding
{
    public static Tensor? TryFold(Node node, IReadOnlyList<Tensor?> inputs, int opset)
    {
        bool anyInt = inputs.Any(t => t?.ElementType == ElementType.Int64);
        switch (node.OpType)
        {
            case "ConstantOfShape":
            {
                var shape = ToInts(inputs[0]!);
                var value = node.GetTensor("value");
                if (value != null && value.ElementType == ElementType.Int64)
                    return new Tensor(shape, Enumerable.Repeat(value.Longs[0], Tensor.ShapeLength(shape)).ToArray());
                return new Tensor(shape, Enumerable.Repeat(value?.Data[0] ?? 0f, Tensor.ShapeLength(shape)).ToArray());
            }
            case "Cast":
            {
                var x = inputs[0]!;
                var to = (DataType)node.GetInt("to", 1);
                bool toInt = to is DataType.Int64 or DataType.Int32 or DataType.Int16 or DataType.Int8 or DataType.UInt8 or DataType.Bool;
                if (toInt)
                    return x.ElementType == ElementType.Int64 ? x : new Tensor(x.Shape, x.Data.Select(v => to == DataType.Bool ? (v != 0 ? 1L : 0L) : (long)v).ToArray());
                return x.ElementType == ElementType.Float32 ? x : new Tensor(x.Shape, x.Longs.Select(v => (float)v).ToArray());
            }
        }
        if (!anyInt) return null;
        var a = inputs[0]!;
        switch (node.OpType)
        {
            case "Identity":
                return a;
            case "Gather":
            {
                int axis = Axis(node.GetInt("axis", 0), a.Rank);
                var idx = inputs[1]!;
                var ids = idx.ElementType == ElementType.Int64 ? idx.Longs : idx.Data.Select(v => (long)v).ToArray();
                int outer = a.Shape.Take(axis).Aggregate(1, (x, y) => x * y);
                int inner = a.Shape.Skip(axis + 1).Aggregate(1, (x, y) => x * y);
                int dim = a.Shape[axis];
                var shape = a.Shape.Take(axis).Concat(idx.Shape).Concat(a.Shape.Skip(axis + 1)).ToArray();
                var result = new List<long>();
                for (int o = 0; o < outer; o++)
                    foreach (long id in ids)
                    {
                        long i = id < 0 ? id + dim : id;
                        if (i < 0 || i >= dim) throw new CompileException(node.Name, node.OpType, $"index {id} out of range for dimension {dim}");
                        for (int k = 0; k < inner; k++) result.Add(a.Longs[(o * dim + (int)i) * inner + k]);
                    }
                return new Tensor(shape, result.ToArray());
            }
            case "Concat":
            {
                int axis = Axis(node.GetInt("axis", 0), a.Rank);
                var parts = inputs.Where(t => t != null && t.Length > 0 || t?.Rank == a.Rank).Select(t => AsLongs(t!)).ToList();
                var shape = (int[])a.Shape.Clone();
                shape[axis] = parts.Sum(t => t.Shape[axis]);
                int outer = shape.Take(axis).Aggregate(1, (x, y) => x * y);
                var result = new List<long>();
                for (int o = 0; o < outer; o++)
                    foreach (var t in parts)
                    {
                        int block = t.Length / Math.Max(outer, 1);
                        result.AddRange(t.Longs.Skip(o * block).Take(block));
                    }
                return new Tensor(shape, result.ToArray());
            }
            case "Unsqueeze":
            {
                var axes = opset >= 13 ? ToInts(inputs[1]!) : node.GetInts("axes").Select(v => (int)v).ToArray();
                int rank = a.Rank + axes.Length;
                var norm = axes.Select(x => Axis(x, rank)).ToHashSet();
                var shape = new List<int>();
                int src = 0;
                for (int d = 0; d < rank; d++) shape.Add(norm.Contains(d) ? 1 : a.Shape[src++]);
                return a.Reshape(shape.ToArray());
            }
            case "Squeeze":
            {
                var axes = opset >= 13 && inputs.Count > 1 && inputs[1] != null ? ToInts(inputs[1]!) : node.GetInts("axes").Select(v => (int)v).ToArray();
                var norm = axes.Select(x => Axis(x, a.Rank)).ToHashSet();
                return a.Reshape(a.Shape.Where((d, i) => norm.Count == 0 ? d != 1 : !norm.Contains(i)).ToArray());
            }
            case "Reshape":
                return a.Reshape(ReshapeTarget(node, a.Shape, ToLongs(inputs[1]!)));
            case "Flatten":
            {
                int axis = Axis(node.GetInt("axis", 1), a.Rank + 1);
                int left = a.Shape.Take(axis).Aggregate(1, (x, y) => x * y);
                return a.Reshape(left, a.Length / Math.Max(left, 1));
            }
            case "Slice":
                return SliceLongs(node, a, inputs, opset);
            case "Add" or "Sub" or "Mul" or "Div" or "Max" or "Min" or "Equal":
            {
                var b = AsLongs(inputs[1]!);
                var x = AsLongs(a);
                var shape = Broadcast.Shape(x.Shape, b.Shape);
                var sa = Broadcast.Strides(x.Shape, shape);
                var sb = Broadcast.Strides(b.Shape, shape);
                var result = new long[Tensor.ShapeLength(shape)];
                var index = new int[shape.Length];
                for (int i = 0; i < result.Length; i++)
                {
                    int ia = 0, ib = 0;
                    for (int d = 0; d < shape.Length; d++) { ia += index[d] * sa[d]; ib += index[d] * sb[d]; }
                    long u = x.Longs[ia], v = b.Longs[ib];
                    result[i] = node.OpType switch
                    {
                        "Add" => u + v, "Sub" => u - v, "Mul" => u * v, "Max" => Math.Max(u, v), "Min" => Math.Min(u, v),
                        "Equal" => u == v ? 1 : 0,
                        _ => v == 0 ? throw new CompileException(node.Name, node.OpType, "integer division by zero") : (long)Math.Floor((double)u / v),
                    };
                    for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
                }
                return new Tensor(shape, result);
            }
            case "Neg":
                return new Tensor(a.Shape, a.Longs.Select(v => -v).ToArray());
            case "Abs":
                return new Tensor(a.Shape, a.Longs.Select(Math.Abs).ToArray());
            default:
                throw new CompileException(node.Name, node.OpType, "int64 tensors are only supported in constant shape arithmetic", unsupported: true);
        }
    }

    /// <summary>ONNX Reshape's target: 0 copies the input dimension (unless allowzero), -1 is inferred.</summary>
    public static int[] ReshapeTarget(Node node, int[] input, long[] target)
    {
        bool allowZero = node.GetInt("allowzero", 0) != 0;
        var shape = new int[target.Length];
        int infer = -1, known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            long t = target[i];
            if (t == -1)
            {
                if (infer >= 0) throw new CompileException(node.Name, node.OpType, "more than one -1 in the target shape");
                infer = i;
                continue;
            }
            shape[i] = t == 0 && !allowZero ? (i < input.Length ? input[i] : throw new CompileException(node.Name, node.OpType, $"0 at position {i} has no input dimension to copy")) : checked((int)t);
            known *= shape[i];
        }
        int total = Tensor.ShapeLength(input);
        if (infer >= 0)
        {
            if (known == 0 || total % known != 0)
                throw new CompileException(node.Name, node.OpType, $"cannot infer -1: {total} elements into {string.Join(",", target)}");
            shape[infer] = total / known;
        }
        if (Tensor.ShapeLength(shape) != total)
            throw new CompileException(node.Name, node.OpType, $"cannot reshape {Tensor.ShapeString(input)} ({total} elements) to [{string.Join(",", target)}]");
        return shape;
    }

    private static Tensor SliceLongs(Node node, Tensor a, IReadOnlyList<Tensor?> inputs, int opset)
    {
        long[] starts, ends, axes, steps;
        if (opset >= 10)
        {
            starts = ToLongs(inputs[1]!);
            ends = ToLongs(inputs[2]!);
            axes = inputs.Count > 3 && inputs[3] != null ? ToLongs(inputs[3]!) : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
            steps = inputs.Count > 4 && inputs[4] != null ? ToLongs(inputs[4]!) : Enumerable.Repeat(1L, starts.Length).ToArray();
        }
        else
        {
            starts = node.GetInts("starts").ToArray();
            ends = node.GetInts("ends").ToArray();
            axes = node.Has("axes") ? node.GetInts("axes").ToArray() : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
            steps = Enumerable.Repeat(1L, starts.Length).ToArray();
        }
        if (a.Rank != 1 || axes.Length != 1 || steps[0] != 1)
            throw new CompileException(node.Name, node.OpType, "constant int64 Slice is folded for 1-D tensors with step 1 only", unsupported: true);
        int n = a.Shape[0];
        long s = Clamp(starts[0] < 0 ? starts[0] + n : starts[0], 0, n);
        long e = Clamp(ends[0] < 0 ? ends[0] + n : ends[0], 0, n);
        var slice = a.Longs.Skip((int)s).Take((int)Math.Max(0, e - s)).ToArray();
        return new Tensor([slice.Length], slice);
    }

    private static long Clamp(long v, long lo, long hi) => Math.Min(Math.Max(v, lo), hi);

    private static int Axis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);

    public static long[] ToLongs(Tensor t) => t.ElementType == ElementType.Int64 ? t.Longs : t.Data.Select(v => (long)v).ToArray();

    public static int[] ToInts(Tensor t) => ToLongs(t).Select(v => checked((int)v)).ToArray();

    private static Tensor AsLongs(Tensor t) => t.ElementType == ElementType.Int64 ? t : new Tensor(t.Shape, ToLongs(t));
}
