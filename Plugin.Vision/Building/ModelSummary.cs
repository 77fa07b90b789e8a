using System.Text;
using Vision.Compile;
using Vision.Models;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Building;

/// <summary>
/// A layer-by-layer account of a model for given input shapes: output shape, parameters, MACs and receptive field of
/// every node, and the totals. Shapes come from <see cref="GraphCompiler"/> (which folds the shape arithmetic of
/// imported models); a model it cannot compile falls back on <see cref="ShapeInference"/>.
/// </summary>
public sealed class ModelSummary
{
    public IReadOnlyList<LayerSummary> Layers { get; }
    public long TotalParameters { get; }
    public long TotalMacs { get; }

    private ModelSummary(IReadOnlyList<LayerSummary> layers)
    {
        Layers = layers;
        TotalParameters = layers.Sum(l => l.Parameters);
        TotalMacs = layers.Sum(l => l.Macs);
    }

    /// <summary>The summary of <paramref name="model"/>; input shapes default to the declared ones (symbolic dims as 1).</summary>
    public static ModelSummary Of(Model model, IReadOnlyDictionary<string, int[]>? inputShapes = null)
    {
        inputShapes ??= DeclaredInputShapes(model);
        var shapes = Shapes(model, inputShapes);
        var fields = new Dictionary<string, (ReceptiveField H, ReceptiveField W)>(StringComparer.Ordinal);
        foreach (var name in inputShapes.Keys) fields[name] = (ReceptiveField.Input, ReceptiveField.Input);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<LayerSummary>();
        foreach (var node in model.Nodes)
        {
            long parameters = 0;
            for (int i = 0; i < node.Inputs.Count; i++)
                if (IsParameter(model, node, i) && counted.Add(node.Inputs[i])) parameters += model.Initializers[node.Inputs[i]].Length;
            int[]? In(int i) => node.InputOrNull(i) is { } v && shapes.TryGetValue(v, out var s) ? s : null;
            var output = node.Outputs.FirstOrDefault(o => o.Length > 0);
            var shape = output != null && shapes.TryGetValue(output, out var so) ? so : [];
            var field = Field(node, In, fields, model, shapes);
            if (field is { } f)
                foreach (var o in node.Outputs.Where(o => o.Length > 0)) fields[o] = f;
            rows.Add(new LayerSummary(node.Name, node.OpType, shape, parameters, Macs(node, In, shape),
                field?.H, field is { } g && (In(0)?.Length ?? 0) >= 4 ? g.W : null));
        }
        return new ModelSummary(rows);
    }

    /// <summary>Trainable parameters of <paramref name="model"/>: float initializers its nodes read as weights (batch norm's running statistics and op constants excluded).</summary>
    public static long Parameters(Model model)
    {
        var counted = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var node in model.Nodes)
            for (int i = 0; i < node.Inputs.Count; i++)
                if (IsParameter(model, node, i) && counted.Add(node.Inputs[i])) total += model.Initializers[node.Inputs[i]].Length;
        return total;
    }

    /// <summary>The table: one row per node, then the totals; the last line is "total params: N, MACs: M".</summary>
    public string ToText()
    {
        var header = new[] { "layer", "op", "output", "params", "MACs", "receptive field (size/jump/start)" };
        var cells = Layers.Select(l => new[] { l.Name, l.Op, l.ShapeText, l.Parameters.ToString("N0"), l.Macs.ToString("N0"), l.FieldText }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length))).ToArray();
        var sb = new StringBuilder();
        void Row(string[] r)
        {
            for (int c = 0; c < r.Length; c++)
            {
                bool right = c is 3 or 4;
                string cell = right ? r[c].PadLeft(widths[c]) : r[c].PadRight(widths[c]);
                sb.Append(cell);
                if (c < r.Length - 1) sb.Append("  ");
            }
            while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
            sb.Append('\n');
        }
        Row(header);
        sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
        foreach (var r in cells) Row(r);
        sb.Append($"{Layers.Count} layers; parameters {TotalParameters:N0}; MACs {TotalMacs:N0} ({TotalMacs / 1e9:0.###} G)\n");
        sb.Append($"total params: {TotalParameters}, MACs: {TotalMacs}\n");
        return sb.ToString();
    }

    public override string ToString() => ToText();

    private static Dictionary<string, int[]> DeclaredInputShapes(Model model) =>
        model.Inputs.Where(i => !model.Initializers.ContainsKey(i.Name))
            .ToDictionary(i => i.Name, i => i.Dims.Select(d => d.Value is int v && v > 0 ? v : 1).ToArray(), StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, int[]> Shapes(Model model, IReadOnlyDictionary<string, int[]> inputShapes)
    {
        try
        {
            return GraphCompiler.Compile(model, inputShapes, new CompileOptions { KeepAll = true }).Shapes;
        }
        catch (Exception e) when (e is CompileException or ShapeException or ModelLoadException)
        {
            return ShapeInference.Infer(model, inputShapes);
        }
    }

    /// <summary>
    /// Whether input <paramref name="i"/> of <paramref name="node"/> is a trainable weight: a float initializer of rank 1
    /// or more, except batch norm's running statistics and the constant operands of ops that take bounds, scales,
    /// pads or ratios (Clip, Resize, Pad, Dropout...). A weight reshaped before use (mnist-8) counts at the Reshape.
    /// </summary>
    private static bool IsParameter(Model model, Node node, int i)
    {
        if (node.InputOrNull(i) is not { } name || !model.Initializers.TryGetValue(name, out var t)) return false;
        if (t.ElementType != ElementType.Float32 || t.Rank == 0) return false;
        return node.OpType switch
        {
            "BatchNormalization" => i is 1 or 2,
            "Clip" or "Resize" or "Upsample" or "Pad" or "Dropout" or "Slice" or "Expand" or "ConstantOfShape" or "Tile" => i == 0,
            _ => true,
        };
    }

    private static long Macs(Node node, Func<int, int[]?> input, int[] output)
    {
        var x = input(0);
        var w = input(1);
        if (x == null || output.Length == 0) return 0;
        long outElements = output.Aggregate(1L, (p, d) => p * d);
        switch (node.OpType)
        {
            case "Conv" when w != null:
                return outElements * w.Skip(1).Aggregate(1L, (p, d) => p * d);
            case "ConvTranspose" when w != null:
            {
                long inElements = x.Aggregate(1L, (p, d) => p * d);
                return inElements * w.Skip(1).Aggregate(1L, (p, d) => p * d);
            }
            case "Gemm":
                return outElements * (node.GetInt("transA", 0) != 0 ? x[0] : x[^1]);
            case "MatMul":
                return outElements * x[^1];
            default:
                return 0;
        }
    }

    private static (ReceptiveField H, ReceptiveField W)? Field(Node node, Func<int, int[]?> input,
        Dictionary<string, (ReceptiveField H, ReceptiveField W)> fields, Model model, IReadOnlyDictionary<string, int[]> shapes)
    {
        // Several computed inputs (Add, Mul, Concat): the output sees the union of their fields, on the grid of the input
        // whose spatial size is the output's (a squeeze-excite branch is global, but it does not coarsen the grid).
        (ReceptiveField H, ReceptiveField W)? inField = null;
        int from = -1;
        double widestH = 0, widestW = 0;
        var outShape = shapes.TryGetValue(node.Outputs[0], out var os) ? os : null;
        bool SameGrid(int[]? s) => s != null && outShape != null && s.Length == outShape.Length && s.Length >= 3 && s[2..].AsSpan().SequenceEqual(outShape[2..]);
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (node.InputOrNull(i) is not { } v || !fields.TryGetValue(v, out var f)) continue;
            widestH = Math.Max(widestH, f.H.Size);
            widestW = Math.Max(widestW, f.W.Size);
            bool better = inField == null || SameGrid(input(i)) && !SameGrid(input(from)) || SameGrid(input(i)) == SameGrid(input(from)) && f.H.Size > inField.Value.H.Size;
            if (better)
            {
                inField = f;
                from = i;
            }
        }
        if (inField is { } chosen && from > 0 || inField is { } c2 && (c2.H.Size < widestH || c2.W.Size < widestW))
            inField = (inField!.Value.H with { Size = widestH }, inField.Value.W with { Size = widestW });
        if (inField is not { } field) return null;
        var x = input(from);
        if (x == null || x.Length < 3 || from != 0) return field;
        int spatial = x.Length - 2;
        int hAxis = spatial == 1 ? 0 : 0, wAxis = spatial == 1 ? 0 : 1;
        int Len(int axis) => x[2 + axis];
        switch (node.OpType)
        {
            case "Conv" or "MaxPool" or "AveragePool":
            {
                int[] kernel = node.OpType == "Conv" ? input(1)![2..] : node.GetInts("kernel_shape").Select(k => (int)k).ToArray();
                int[] strides = IntsOr(node, "strides", spatial, 1), dilations = IntsOr(node, "dilations", spatial, 1);
                var pads = ShapeInference.Pads(node, x, kernel, strides, dilations);
                return (field.H.Window(kernel[hAxis], strides[hAxis], pads[hAxis], dilations[hAxis]),
                        field.W.Window(kernel[wAxis], strides[wAxis], pads[wAxis], dilations[wAxis]));
            }
            case "ConvTranspose":
            {
                var w = input(1)!;
                int[] strides = IntsOr(node, "strides", spatial, 1), dilations = IntsOr(node, "dilations", spatial, 1);
                var pads = IntsOr(node, "pads", 2 * spatial, 0);
                return (field.H.Transposed(w[2 + hAxis], strides[hAxis], pads[hAxis], dilations[hAxis]),
                        field.W.Transposed(w[2 + wAxis], strides[wAxis], pads[wAxis], dilations[wAxis]));
            }
            case "GlobalAveragePool" or "GlobalMaxPool" or "Flatten" or "Gemm" or "MatMul" or "ReduceMean" or "Reshape":
            {
                var output = node.Outputs[0];
                var y = shapes.TryGetValue(output, out var s) ? s : null;
                // A reshape that only adds or drops unit axes (NCHW <-> NHWC of one channel) keeps the grid.
                if (y != null && node.OpType is "Reshape" && y.Where(d => d != 1).SequenceEqual(x.Where(d => d != 1))) return field;
                return (field.H.Whole(Len(hAxis)), field.W.Whole(Len(wAxis)));
            }
            case "Resize" or "Upsample":
            {
                var y = shapes.TryGetValue(node.Outputs[0], out var s) ? s : null;
                if (y == null || y.Length != x.Length) return field;
                return (field.H.Scaled((double)y[2 + hAxis] / Len(hAxis)), field.W.Scaled((double)y[2 + wAxis] / Len(wAxis)));
            }
            default:
                return field;
        }
    }

    private static int[] IntsOr(Node node, string name, int count, int fallback)
    {
        var v = node.GetInts(name);
        return v.Count == 0 ? Enumerable.Repeat(fallback, count).ToArray() : v.Select(a => (int)a).ToArray();
    }
}
