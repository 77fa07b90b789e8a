using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

/// <summary>
/// Turns one ONNX node into Vision ops, following each operator's ONNX semantics (defaults, auto_pad, opset
/// differences). Layout-only ops become aliases (views), not kernels.
/// </summary>
internal static partial class NodeTranslator
{
    public static void Translate(TranslationContext c)
    {
        switch (c.Node.OpType)
        {
            case "Conv": Conv(c); break;
            case "MaxPool": Pool(c, PoolKind.Max); break;
            case "AveragePool": Pool(c, PoolKind.Average); break;
            case "GlobalAveragePool": c.Emit(new GlobalPool(PoolKind.Average), c.Output(), c.Input(0)); break;
            case "GlobalMaxPool": c.Emit(new GlobalPool(PoolKind.Max), c.Output(), c.Input(0)); break;
            case "Gemm": Gemm(c); break;
            case "Softmax" or "LogSoftmax":
                c.Emit(new Softmax(c.Int("axis", c.Opset >= 13 ? -1 : 1), c.Node.OpType == "LogSoftmax", coerce2D: c.Opset < 13), c.Output(), c.Input(0));
                break;
            case "Reshape":
                c.Alias(c.Output(), c.Input(0), HostFolding.ReshapeTarget(c.Node, c.Shape(0),
                    c.Opset >= 5 ? c.ConstantLongs(1, "shape") : c.Node.GetInts("shape").ToArray()));
                break;
            case "Flatten":
            {
                var s = c.Shape(0);
                int axis = c.Int("axis", 1);
                if (axis < 0) axis += s.Length;
                int left = s.Take(axis).Aggregate(1, (a, b) => a * b);
                c.Alias(c.Output(), c.Input(0), [left, Tensor.ShapeLength(s) / Math.Max(left, 1)]);
                break;
            }
            case "Squeeze": c.Alias(c.Output(), c.Input(0), Squeezed(c)); break;
            case "Unsqueeze": c.Alias(c.Output(), c.Input(0), Unsqueezed(c)); break;
            case "Identity":
                c.Alias(c.Output(), c.Input(0), c.Shape(0));
                break;
            case "Dropout":
                // Inference: the identity. Training mode draws random masks, which no test oracle can match.
                if (c.Node.GetInt("is_test", 1) == 0 && c.Opset < 7 || c.Constant(2) is { } training && HostFolding.ToLongs(training)[0] != 0)
                    throw c.Unsupported("Dropout in training mode (random masks) is not supported; export the model in eval mode");
                if (c.Node.Outputs.Count > 1 && c.Node.Outputs[1].Length > 0)
                    throw c.Unsupported("Dropout's mask output is not supported");
                c.Alias(c.Output(), c.Input(0), c.Shape(0));
                break;
            case "Cast":
            {
                var to = (Models.DataType)c.Node.GetInt("to", 1);
                if (to is not (Models.DataType.Float32 or Models.DataType.Float16 or Models.DataType.Float64))
                    throw c.Unsupported($"Cast to {to} of a computed tensor: only float tensors are computed on the device");
                c.Alias(c.Output(), c.Input(0), c.Shape(0));
                break;
            }
            default:
                if (!Elementwise(c) && !Layout(c)) throw c.Unsupported($"op {c.Node.OpType} is not implemented");
                break;
        }
    }

    private static void Conv(TranslationContext c)
    {
        var x = c.Shape(0);
        var w = c.Shape(1);
        if (x.Length == 3)
        {
            // Conv1D: run as 2D with a height of 1.
            string x4 = c.Temp(), w4 = c.Temp(), y4 = c.Temp();
            c.Alias(x4, c.Input(0), [x[0], x[1], 1, x[2]]);
            c.Alias(w4, c.Input(1), [w[0], w[1], 1, w[2]]);
            var pads1 = Pads1D(c, x[2], w[2]);
            int s = c.Ints("strides", 1)[0], d = c.Ints("dilations", 1)[0];
            c.Emit(new Conv2d(1, s, new Pads(0, pads1.Begin, 0, pads1.End), 1, d, c.Int("group", 1)), y4, x4, w4, c.InputOrNull(2));
            var y = c.ShapeOf(y4);
            c.Alias(c.Output(), y4, [y[0], y[1], y[3]]);
            return;
        }
        if (x.Length != 4) throw c.Unsupported($"Conv on rank {x.Length} input: only 1D and 2D convolution are implemented");
        var strides = c.Ints("strides", 1, 1);
        var dilations = c.Ints("dilations", 1, 1);
        var kernel = c.Ints("kernel_shape", w[2], w[3]);
        if (kernel[0] != w[2] || kernel[1] != w[3]) throw c.Error($"kernel_shape [{kernel[0]},{kernel[1]}] disagrees with weights {Tensor.ShapeString(w)}");
        var pads = SpatialPads(c, x, kernel, strides, dilations);
        c.Emit(new Conv2d(strides[0], strides[1], pads, dilations[0], dilations[1], c.Int("group", 1)),
            c.Output(), c.Input(0), c.Input(1), c.InputOrNull(2));
    }

    private static void Pool(TranslationContext c, PoolKind kind)
    {
        var x = c.Shape(0);
        if (c.Node.Outputs.Count > 1 && c.Node.Outputs[1].Length > 0) throw c.Unsupported("MaxPool's Indices output is not implemented");
        if (c.Node.GetInt("storage_order", 0) != 0) throw c.Unsupported("storage_order=1 is not implemented");
        if (x.Length == 3)
        {
            // 1D pooling: run as 2D with a height of 1.
            string x4 = c.Temp(), y4 = c.Temp();
            c.Alias(x4, c.Input(0), [x[0], x[1], 1, x[2]]);
            var (begin, end) = Pads1D(c, x[2], c.Ints("kernel_shape")[0]);
            c.Emit(new Pool2d(kind, 1, c.Ints("kernel_shape")[0], 1, c.Ints("strides", 1)[0], new Pads(0, begin, 0, end),
                c.Int("ceil_mode", 0) != 0, c.Int("count_include_pad", 0) != 0, 1, c.Ints("dilations", 1)[0]), y4, x4);
            var y = c.ShapeOf(y4);
            c.Alias(c.Output(), y4, [y[0], y[1], y[3]]);
            return;
        }
        if (x.Length != 4) throw c.Unsupported($"{c.Node.OpType} on rank {x.Length}: 1D and 2D pooling are implemented");
        var kernel = c.Ints("kernel_shape");
        if (kernel.Length != 2) throw c.Error("kernel_shape must have 2 values for 2D pooling");
        var strides = c.Ints("strides", 1, 1);
        var dilations = c.Ints("dilations", 1, 1);
        var pads = SpatialPads(c, x, kernel, strides, dilations);
        c.Emit(new Pool2d(kind, kernel[0], kernel[1], strides[0], strides[1], pads, c.Int("ceil_mode", 0) != 0,
            c.Int("count_include_pad", 0) != 0, dilations[0], dilations[1]), c.Output(), c.Input(0));
    }

    /// <summary>ONNX auto_pad: NOTSET uses 'pads' [top, left, bottom, right]; SAME_* keep ceil(in / stride); VALID is none.</summary>
    internal static Pads SpatialPads(TranslationContext c, int[] x, int[] kernel, int[] strides, int[] dilations)
    {
        string autoPad = c.Node.GetString("auto_pad", "NOTSET");
        switch (autoPad)
        {
            case "NOTSET" or "":
            {
                var p = c.Ints("pads", 0, 0, 0, 0);
                if (p.Length != 4) throw c.Error($"pads must have 4 values for 2D, got {p.Length}");
                return new Pads(p[0], p[1], p[2], p[3]);
            }
            case "VALID": return Pads.Valid;
            case "SAME_UPPER" or "SAME_LOWER":
                return Pads.Same(x[2], x[3], kernel[0], kernel[1], strides[0], strides[1], dilations[0], dilations[1], autoPad == "SAME_LOWER");
            default: throw c.Error($"auto_pad '{autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
        }
    }

    private static (int Begin, int End) Pads1D(TranslationContext c, int length, int kernel)
    {
        string autoPad = c.Node.GetString("auto_pad", "NOTSET");
        int s = c.Ints("strides", 1)[0], d = c.Ints("dilations", 1)[0];
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            var p = Pads.Same(1, length, 1, kernel, 1, s, 1, d, autoPad == "SAME_LOWER");
            return (p.Left, p.Right);
        }
        if (autoPad == "VALID") return (0, 0);
        var pads = c.Ints("pads", 0, 0);
        return (pads[0], pads[1]);
    }

    private static void Gemm(TranslationContext c)
    {
        var op = new Gemm(c.Node.GetFloat("alpha", 1f), c.Node.GetFloat("beta", 1f), c.Int("transA", 0) != 0, c.Int("transB", 0) != 0);
        string a = c.Input(0);
        var sa = c.Shape(0);
        if (sa.Length != 2)
        {
            // Gemm before opset 9 flattened A to 2D; keep that for old models.
            string flat = c.Temp();
            c.Alias(flat, a, [sa[0], Tensor.ShapeLength(sa) / Math.Max(sa[0], 1)]);
            a = flat;
        }
        c.Emit(op, c.Output(), a, c.Input(1), c.InputOrNull(2));
    }

    private static int[] Squeezed(TranslationContext c)
    {
        var s = c.Shape(0);
        int[] axes = c.Opset >= 13 ? (c.Has(1) ? c.ConstantLongs(1, "axes").Select(v => (int)v).ToArray() : []) : c.Ints("axes");
        var norm = axes.Select(a => a < 0 ? a + s.Length : a).ToHashSet();
        foreach (int a in norm)
            if (a < 0 || a >= s.Length || s[a] != 1) throw c.Error($"cannot squeeze axis {a} of {Tensor.ShapeString(s)}");
        return s.Where((d, i) => norm.Count == 0 ? d != 1 : !norm.Contains(i)).ToArray();
    }

    private static int[] Unsqueezed(TranslationContext c)
    {
        var s = c.Shape(0);
        int[] axes = c.Opset >= 13 ? c.ConstantLongs(1, "axes").Select(v => (int)v).ToArray() : c.Ints("axes");
        int rank = s.Length + axes.Length;
        var norm = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (norm.Count != axes.Length || norm.Any(a => a < 0 || a >= rank)) throw c.Error($"invalid axes [{string.Join(",", axes)}] for rank {rank}");
        var shape = new int[rank];
        int src = 0;
        for (int d = 0; d < rank; d++) shape[d] = norm.Contains(d) ? 1 : s[src++];
        return shape;
    }
}
