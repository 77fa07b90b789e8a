using Vision.Models;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Building;

/// <summary>
/// Output shapes of ONNX nodes from their input shapes and attributes, without compiling or running anything: the
/// builder uses it to size weights, and <see cref="ModelSummary"/> falls back on it when a model does not compile.
/// Covers the ops the builder writes and the usual CNN vocabulary; other ops throw <see cref="ShapeException"/>.
/// </summary>
public static class ShapeInference
{
    /// <summary>Every value's shape, given the graph inputs' shapes; initializers contribute their own.</summary>
    public static Dictionary<string, int[]> Infer(Model model, IReadOnlyDictionary<string, int[]> inputShapes)
    {
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (name, t) in model.Initializers) shapes[name] = t.Shape;
        foreach (var (name, s) in inputShapes) shapes[name] = s;
        foreach (var node in model.Nodes)
        {
            var inputs = node.Inputs.Select(i => i.Length > 0 && shapes.TryGetValue(i, out var s) ? s : null).ToArray();
            var outputs = Outputs(node, inputs, v => model.Initializers.GetValueOrDefault(v));
            for (int o = 0; o < outputs.Length && o < node.Outputs.Count; o++)
                if (node.Outputs[o].Length > 0) shapes[node.Outputs[o]] = outputs[o];
        }
        return shapes;
    }

    /// <summary>The shapes of <paramref name="node"/>'s outputs.</summary>
    public static int[][] Outputs(Node node, IReadOnlyList<int[]?> inputs, Func<string, Tensor?> constant)
    {
        int[] X(int i) => i < inputs.Count && inputs[i] is { } s ? s : throw new ShapeException($"{node.Name} ({node.OpType}): input {i} has no known shape");
        long[] Longs(int i)
        {
            var t = node.InputOrNull(i) is { } name ? constant(name) : null;
            if (t == null) throw new ShapeException($"{node.Name} ({node.OpType}): input {i} must be a constant");
            return t.ElementType == ElementType.Int64 ? t.Longs : t.Data.Select(v => (long)v).ToArray();
        }
        int[] Ints(string name, int count, int fallback)
        {
            var v = node.GetInts(name);
            return v.Count == 0 ? Enumerable.Repeat(fallback, count).ToArray() : v.Select(a => (int)a).ToArray();
        }
        switch (node.OpType)
        {
            case "Conv" or "MaxPool" or "AveragePool":
            {
                var x = X(0);
                int spatial = x.Length - 2;
                int[] kernel = node.OpType == "Conv" ? X(1)[2..] : Ints("kernel_shape", spatial, 1);
                var strides = Ints("strides", spatial, 1);
                var dilations = Ints("dilations", spatial, 1);
                var pads = Pads(node, x, kernel, strides, dilations);
                bool ceil = node.GetInt("ceil_mode", 0) != 0;
                var y = new int[x.Length];
                y[0] = x[0];
                y[1] = node.OpType == "Conv" ? X(1)[0] : x[1];
                for (int d = 0; d < spatial; d++)
                {
                    int span = x[d + 2] + pads[d] + pads[d + spatial] - dilations[d] * (kernel[d] - 1) - 1;
                    int o = (ceil ? (span + strides[d] - 1) / strides[d] : span / strides[d]) + 1;
                    // PyTorch's and ONNX's rule: the last window must start inside the input or the left padding.
                    if (ceil && (o - 1) * strides[d] >= x[d + 2] + pads[d]) o--;
                    y[d + 2] = o;
                }
                return [y];
            }
            case "ConvTranspose":
            {
                var x = X(0);
                var w = X(1);
                int spatial = x.Length - 2;
                var strides = Ints("strides", spatial, 1);
                var dilations = Ints("dilations", spatial, 1);
                var outPad = Ints("output_padding", spatial, 0);
                var pads = Ints("pads", 2 * spatial, 0);
                var y = new int[x.Length];
                y[0] = x[0];
                y[1] = w[1] * (int)node.GetInt("group", 1);
                for (int d = 0; d < spatial; d++)
                    y[d + 2] = strides[d] * (x[d + 2] - 1) + outPad[d] + (w[d + 2] - 1) * dilations[d] + 1 - pads[d] - pads[d + spatial];
                return [y];
            }
            case "GlobalAveragePool" or "GlobalMaxPool":
            {
                var x = X(0);
                return [[x[0], x[1], .. Enumerable.Repeat(1, x.Length - 2)]];
            }
            case "Gemm":
            {
                var a = X(0);
                var b = X(1);
                int m = node.GetInt("transA", 0) != 0 ? a[1] : a[0];
                int n = node.GetInt("transB", 0) != 0 ? b[0] : b[1];
                return [[m, n]];
            }
            case "MatMul":
            {
                var a = X(0);
                var b = X(1);
                var batch = Broadcast(a[..^2], b[..^2]);
                return [[.. batch, a[^2], b[^1]]];
            }
            case "Flatten":
            {
                var x = X(0);
                int axis = (int)node.GetInt("axis", 1);
                if (axis < 0) axis += x.Length;
                int left = x.Take(axis).Aggregate(1, (p, d) => p * d);
                return [[left, Tensor.ShapeLength(x) / Math.Max(left, 1)]];
            }
            case "Reshape":
            {
                var x = X(0);
                var target = Longs(1).Select(v => (int)v).ToArray();
                for (int d = 0; d < target.Length; d++) if (target[d] == 0) target[d] = x[d];
                int unknown = Array.IndexOf(target, -1);
                if (unknown >= 0)
                    target[unknown] = Tensor.ShapeLength(x) / Math.Max(1, target.Where(v => v != -1).Aggregate(1, (p, d) => p * d));
                return [target];
            }
            case "Transpose":
            {
                var x = X(0);
                var perm = node.GetInts("perm");
                return [perm.Count == 0 ? x.Reverse().ToArray() : perm.Select(p => x[p]).ToArray()];
            }
            case "Concat":
            {
                var present = inputs.Where(s => s != null).Select(s => s!).ToList();
                int axis = (int)node.GetInt("axis", 1);
                if (axis < 0) axis += present[0].Length;
                var y = (int[])present[0].Clone();
                y[axis] = present.Sum(s => s[axis]);
                return [y];
            }
            case "Split":
            {
                var x = X(0);
                int axis = (int)node.GetInt("axis", 0);
                if (axis < 0) axis += x.Length;
                long[] sizes = node.InputOrNull(1) != null ? Longs(1) : node.GetInts("split").ToArray();
                if (sizes.Length == 0) sizes = Enumerable.Repeat((long)(x[axis] / node.Outputs.Count), node.Outputs.Count).ToArray();
                return sizes.Select(s => { var y = (int[])x.Clone(); y[axis] = (int)s; return y; }).ToArray();
            }
            case "Slice":
            {
                var x = X(0);
                var starts = Longs(1);
                var ends = Longs(2);
                var axes = node.InputOrNull(3) != null ? Longs(3) : Enumerable.Range(0, starts.Length).Select(a => (long)a).ToArray();
                var steps = node.InputOrNull(4) != null ? Longs(4) : Enumerable.Repeat(1L, starts.Length).ToArray();
                var y = (int[])x.Clone();
                for (int i = 0; i < axes.Length; i++)
                {
                    int a = (int)(axes[i] < 0 ? axes[i] + x.Length : axes[i]);
                    long n = x[a], st = steps[i];
                    long s = starts[i] < 0 ? starts[i] + n : starts[i], e = ends[i] < 0 ? ends[i] + n : ends[i];
                    s = st > 0 ? Math.Clamp(s, 0, n) : Math.Clamp(s, -1, n - 1);
                    e = st > 0 ? Math.Clamp(e, 0, n) : Math.Clamp(e, -1, n - 1);
                    y[a] = (int)Math.Max(0, st > 0 ? (e - s + st - 1) / st : (s - e - st - 1) / -st);
                }
                return [y];
            }
            case "Squeeze" or "Unsqueeze":
            {
                var x = X(0);
                long[] axes = node.InputOrNull(1) != null ? Longs(1) : node.GetInts("axes").ToArray();
                if (node.OpType == "Squeeze")
                {
                    var set = axes.Select(a => (int)(a < 0 ? a + x.Length : a)).ToHashSet();
                    return [x.Where((d, i) => set.Count == 0 ? d != 1 : !set.Contains(i)).ToArray()];
                }
                int rank = x.Length + axes.Length;
                var norm = axes.Select(a => (int)(a < 0 ? a + rank : a)).ToHashSet();
                var y = new int[rank];
                for (int d = 0, src = 0; d < rank; d++) y[d] = norm.Contains(d) ? 1 : x[src++];
                return [y];
            }
            case "ReduceMean":
            {
                var x = X(0);
                long[] axes = node.InputOrNull(1) != null ? Longs(1) : node.GetInts("axes").ToArray();
                var set = axes.Length == 0 ? Enumerable.Range(0, x.Length).ToHashSet() : axes.Select(a => (int)(a < 0 ? a + x.Length : a)).ToHashSet();
                bool keep = node.GetInt("keepdims", 1) != 0;
                return [keep ? x.Select((d, i) => set.Contains(i) ? 1 : d).ToArray() : x.Where((_, i) => !set.Contains(i)).ToArray()];
            }
            case "Pad":
            {
                var x = X(0);
                var pads = node.InputOrNull(1) != null ? Longs(1) : node.GetInts("pads").ToArray();
                return [x.Select((d, i) => d + (int)pads[i] + (int)pads[i + x.Length]).ToArray()];
            }
            case "Resize" or "Upsample":
            {
                var x = X(0);
                if (node.OpType == "Resize" && node.InputOrNull(3) != null) return [Longs(3).Select(v => (int)v).ToArray()];
                var scales = constant(node.InputOrNull(node.OpType == "Resize" ? 2 : 1) ?? "")?.Data
                    ?? throw new ShapeException($"{node.Name} ({node.OpType}): scales must be a constant");
                return [x.Select((d, i) => (int)Math.Floor(d * scales[i])).ToArray()];
            }
            case "Add" or "Sub" or "Mul" or "Div" or "Pow" or "Max" or "Min" or "Sum" or "Mean" or "PRelu":
                return [inputs.Where(s => s != null).Select(s => s!).Aggregate(Broadcast)];
            case "BatchNormalization" or "InstanceNormalization" or "LRN" or "Dropout" or "Identity" or "Cast" or "Softmax" or "LogSoftmax"
                or "Relu" or "LeakyRelu" or "Elu" or "Selu" or "Sigmoid" or "HardSigmoid" or "HardSwish" or "Tanh" or "Softplus"
                or "Softsign" or "Mish" or "Clip" or "Sqrt" or "Exp" or "Neg" or "Abs":
                return [X(0)];
            default:
                throw new ShapeException($"{node.Name}: no shape rule for op {node.OpType}");
        }
    }

    /// <summary>NumPy broadcasting of two shapes.</summary>
    public static int[] Broadcast(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var y = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1) throw new ShapeException($"shapes {Tensor.ShapeString(a)} and {Tensor.ShapeString(b)} do not broadcast");
            y[i] = da == 1 ? db : da;
        }
        return y;
    }

    /// <summary>Begin pads then end pads per spatial axis, resolving auto_pad.</summary>
    internal static int[] Pads(Node node, int[] x, int[] kernel, int[] strides, int[] dilations)
    {
        int spatial = x.Length - 2;
        string autoPad = node.GetString("auto_pad", "NOTSET");
        var pads = new int[2 * spatial];
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            for (int d = 0; d < spatial; d++)
            {
                int o = (x[d + 2] + strides[d] - 1) / strides[d];
                int total = Math.Max(0, (o - 1) * strides[d] + dilations[d] * (kernel[d] - 1) + 1 - x[d + 2]);
                int small = total / 2, big = total - small;
                pads[d] = autoPad == "SAME_UPPER" ? small : big;
                pads[d + spatial] = autoPad == "SAME_UPPER" ? big : small;
            }
            return pads;
        }
        if (autoPad == "VALID") return pads;
        var p = node.GetInts("pads");
        for (int i = 0; i < p.Count && i < pads.Length; i++) pads[i] = (int)p[i];
        return pads;
    }
}
