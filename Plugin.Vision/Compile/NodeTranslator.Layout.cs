using Vision.Ops;
using Vision.Tensors;

namespace Vision.Compile;

internal static partial class NodeTranslator
{
    /// <summary>Spatial and data-movement ops; false when the op is not one of them.</summary>
    private static bool Layout(TranslationContext c)
    {
        var n = c.Node;
        switch (n.OpType)
        {
            case "ConvTranspose": ConvTranspose(c); return true;
            case "Pad": PadOp(c); return true;
            case "Resize": ResizeOp(c); return true;
            case "Upsample":
            {
                var scales = c.Opset >= 9 ? c.ConstantFloats(1, "scales") : n.GetFloats("scales").ToArray();
                c.Emit(Resize.Upsample(ResizeModeOf(c, n.GetString("mode", "nearest")), scales), c.Output(), c.Input(0));
                return true;
            }
            case "DepthToSpace":
                c.Emit(new DepthToSpace(c.Int("blocksize", 0), n.GetString("mode", "DCR") == "CRD" ? DepthToSpaceMode.CRD : DepthToSpaceMode.DCR), c.Output(), c.Input(0));
                return true;
            case "SpaceToDepth": c.Emit(new SpaceToDepth(c.Int("blocksize", 0)), c.Output(), c.Input(0)); return true;
            case "Concat": ConcatOp(c); return true;
            case "Split": SplitOp(c); return true;
            case "Slice": SliceOp(c); return true;
            case "Transpose": TransposeOp(c); return true;
            case "Gather":
            {
                var idx = c.Constant(1) ?? throw c.Unsupported("Gather with computed indices is not supported (indices must be constant)");
                var ids = HostFolding.ToInts(idx);
                c.Emit(new Gather(c.Int("axis", 0), ids, idx.Shape), c.Output(), c.Input(0));
                return true;
            }
            case "Expand":
                c.Emit(new Expand(c.ConstantLongs(1, "shape").Select(v => checked((int)v)).ToArray()), c.Output(), c.Input(0));
                return true;
            case "MatMul": c.Emit(new MatMul(), c.Output(), c.Input(0), c.Input(1)); return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A Transpose that moves only axes of size 1 keeps every element where it was (NCHW -> NHWC of a one-channel mask:
    /// TFLite models' output transposes): a view of the input under the new shape, no kernel and no pass over the data.
    /// </summary>
    private static void TransposeOp(TranslationContext c)
    {
        var x = c.Shape(0);
        int[]? perm = c.Node.Has("perm") ? c.Ints("perm") : null;
        var order = perm ?? Enumerable.Range(0, x.Length).Reverse().ToArray();
        var moved = order.Where(a => a >= 0 && a < x.Length && x[a] != 1).ToArray();
        if (order.Length == x.Length && order.Order().SequenceEqual(Enumerable.Range(0, x.Length)) && moved.SequenceEqual(moved.Order()))
        {
            c.Alias(c.Output(), c.Input(0), order.Select(a => x[a]).ToArray());
            return;
        }
        c.Emit(new Transpose(perm), c.Output(), c.Input(0));
    }

    private static void ConvTranspose(TranslationContext c)
    {
        var n = c.Node;
        var x = c.Shape(0);
        var w = c.Shape(1);
        if (x.Length == 3)
        {
            ConvTranspose1D(c, x, w);
            return;
        }
        if (x.Length != 4) throw c.Unsupported($"ConvTranspose on rank {x.Length}: 1D and 2D are implemented");
        var strides = c.Ints("strides", 1, 1);
        var dilations = c.Ints("dilations", 1, 1);
        var outPad = c.Ints("output_padding", 0, 0);
        var kernel = c.Ints("kernel_shape", w[2], w[3]);
        var outShape = c.Ints("output_shape");
        if (outShape.Length > 2) outShape = outShape[^2..];
        var autoPad = n.GetString("auto_pad", "NOTSET") switch
        {
            "NOTSET" or "" => AutoPad.NotSet,
            "SAME_UPPER" => AutoPad.SameUpper,
            "SAME_LOWER" => AutoPad.SameLower,
            "VALID" => AutoPad.Valid,
            var other => throw c.Error($"auto_pad '{other}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID"),
        };
        var p = c.Ints("pads", 0, 0, 0, 0);
        var pads = ConvTranspose2d.ComputePads(autoPad, x[2], x[3], kernel[0], kernel[1], strides[0], strides[1], dilations[0], dilations[1],
            outPad[0], outPad[1], outShape.Length == 2 ? outShape[0] : 0, outShape.Length == 2 ? outShape[1] : 0, new Pads(p[0], p[1], p[2], p[3]));
        c.Emit(new ConvTranspose2d(strides[0], strides[1], pads, outPad[0], outPad[1], dilations[0], dilations[1], c.Int("group", 1)),
            c.Output(), c.Input(0), c.Input(1), c.InputOrNull(2));
    }

    /// <summary>1D transposed convolution as 2D with a height of 1.</summary>
    private static void ConvTranspose1D(TranslationContext c, int[] x, int[] w)
    {
        var n = c.Node;
        string x4 = c.Temp(), w4 = c.Temp(), y4 = c.Temp();
        c.Alias(x4, c.Input(0), [x[0], x[1], 1, x[2]]);
        c.Alias(w4, c.Input(1), [w[0], w[1], 1, w[2]]);
        int s = c.Ints("strides", 1)[0], d = c.Ints("dilations", 1)[0], op = c.Ints("output_padding", 0)[0];
        var outShape = c.Ints("output_shape");
        var p = c.Ints("pads", 0, 0);
        var autoPad = n.GetString("auto_pad", "NOTSET") switch
        {
            "SAME_UPPER" => AutoPad.SameUpper,
            "SAME_LOWER" => AutoPad.SameLower,
            "VALID" => AutoPad.Valid,
            _ => AutoPad.NotSet,
        };
        var pads = ConvTranspose2d.ComputePads(autoPad, 1, x[2], 1, w[2], 1, s, 1, d, 0, op,
            outShape.Length > 0 ? 1 : 0, outShape.Length > 0 ? outShape[^1] : 0, new Pads(0, p[0], 0, p[1]));
        c.Emit(new ConvTranspose2d(1, s, pads, 0, op, 1, d, c.Int("group", 1)), y4, x4, w4, c.InputOrNull(2));
        var y = c.ShapeOf(y4);
        c.Alias(c.Output(), y4, [y[0], y[1], y[3]]);
    }

    private static void PadOp(TranslationContext c)
    {
        var n = c.Node;
        var mode = n.GetString("mode", "constant") switch
        {
            "constant" => PadMode.Constant,
            "reflect" => PadMode.Reflect,
            "edge" => PadMode.Edge,
            "wrap" => PadMode.Wrap,
            var other => throw c.Error($"mode '{other}' is not one of constant, reflect, edge, wrap"),
        };
        int rank = c.Shape(0).Length;
        if (c.Opset < 11)
        {
            c.Emit(Pad.FromOnnx(n.GetInts("pads").ToArray(), mode, n.GetFloat("value", 0f), null, rank), c.Output(), c.Input(0));
            return;
        }
        var pads = c.ConstantLongs(1, "pads");
        float value = c.Has(2) ? c.ConstantFloats(2, "constant_value")[0] : 0f;
        int[]? axes = c.Has(3) ? c.ConstantLongs(3, "axes").Select(a => (int)a).ToArray() : null;
        c.Emit(Pad.FromOnnx(pads, mode, value, axes, rank), c.Output(), c.Input(0));
    }

    private static ResizeMode ResizeModeOf(TranslationContext c, string mode) => mode switch
    {
        "nearest" => ResizeMode.Nearest,
        "linear" or "bilinear" => ResizeMode.Linear,
        _ => throw c.Unsupported($"resize mode '{mode}' is not implemented (nearest and linear are)"),
    };

    private static void ResizeOp(TranslationContext c)
    {
        var n = c.Node;
        var mode = ResizeModeOf(c, n.GetString("mode", "nearest"));
        if (c.Opset < 11)
        {
            c.Emit(Resize.Upsample(mode, c.ConstantFloats(1, "scales")), c.Output(), c.Input(0));
            return;
        }
        if (n.GetInt("antialias", 0) != 0) throw c.Unsupported("antialias is not implemented");
        if (n.Has("axes")) throw c.Unsupported("the axes attribute is not implemented");
        if (n.GetString("keep_aspect_ratio_policy", "stretch") != "stretch") throw c.Unsupported("keep_aspect_ratio_policy other than stretch is not implemented");
        var coords = n.GetString("coordinate_transformation_mode", "half_pixel") switch
        {
            "half_pixel" => ResizeCoordinates.HalfPixel,
            "pytorch_half_pixel" => ResizeCoordinates.PytorchHalfPixel,
            "align_corners" => ResizeCoordinates.AlignCorners,
            "asymmetric" => ResizeCoordinates.Asymmetric,
            "tf_half_pixel_for_nn" => ResizeCoordinates.TfHalfPixelForNearest,
            var other => throw c.Unsupported($"coordinate_transformation_mode '{other}' is not implemented"),
        };
        var nearest = n.GetString("nearest_mode", "round_prefer_floor") switch
        {
            "round_prefer_floor" => ResizeNearestMode.RoundPreferFloor,
            "round_prefer_ceil" => ResizeNearestMode.RoundPreferCeil,
            "floor" => ResizeNearestMode.Floor,
            "ceil" => ResizeNearestMode.Ceil,
            var other => throw c.Error($"nearest_mode '{other}' is unknown"),
        };
        // Inputs: X, roi, scales, sizes (opset 11+); an empty tensor means "not given".
        var scales = c.Has(2) ? c.ConstantFloats(2, "scales") : [];
        var sizes = c.Has(3) ? c.ConstantLongs(3, "sizes") : [];
        if (c.Shape(0).Length != 4) throw c.Unsupported($"Resize of rank {c.Shape(0).Length}: only 4D NCHW is implemented");
        try
        {
            var op = sizes.Length > 0
                ? new Resize(mode, sizes: sizes.Select(v => checked((int)v)).ToArray(), coordinates: coords, nearestMode: nearest)
                : new Resize(mode, scales: scales, coordinates: coords, nearestMode: nearest);
            c.Emit(op, c.Output(), c.Input(0));
        }
        catch (NotSupportedException e)
        {
            throw c.Unsupported(e.Message);
        }
    }

    /// <summary>Concat in launches of up to <see cref="Concat.MaxInputs"/> inputs; longer lists chain through temporaries.</summary>
    private static void ConcatOp(TranslationContext c)
    {
        int axis = c.Int("axis", 1);
        var inputs = c.Node.Inputs.Where(i => i.Length > 0).ToList();
        while (inputs.Count > Concat.MaxInputs)
        {
            string partial = c.Emit(new Concat(axis), c.Temp(), inputs.Take(Concat.MaxInputs).ToArray());
            inputs = inputs.Skip(Concat.MaxInputs).Prepend(partial).ToList();
        }
        c.Emit(new Concat(axis), c.Output(), inputs.ToArray());
    }

    /// <summary>Split as one Slice per output.</summary>
    private static void SplitOp(TranslationContext c)
    {
        var n = c.Node;
        var x = c.Shape(0);
        int axis = c.Int("axis", 0);
        if (axis < 0) axis += x.Length;
        int outputs = n.Outputs.Count;
        long[] split = c.Opset >= 13 ? (c.Has(1) ? c.ConstantLongs(1, "split") : []) : n.GetInts("split").ToArray();
        if (split.Length == 0)
        {
            // Equal parts; from opset 18 the last may be smaller (num_outputs).
            int part = (x[axis] + outputs - 1) / outputs;
            split = Enumerable.Range(0, outputs).Select(i => (long)Math.Max(0, Math.Min(part, x[axis] - i * part))).ToArray();
        }
        if (split.Length != outputs || split.Sum() != x[axis])
            throw c.Error($"split [{string.Join(",", split)}] does not divide axis {axis} of {Tensor.ShapeString(x)} into {outputs} outputs");
        long start = 0;
        for (int i = 0; i < outputs; i++)
        {
            if (n.Outputs[i].Length > 0)
                c.Emit(new Slice([start], [start + split[i]], [axis]), n.Outputs[i], c.Input(0));
            start += split[i];
        }
    }

    private static void SliceOp(TranslationContext c)
    {
        var n = c.Node;
        long[] starts, ends, steps;
        int[]? axes;
        if (c.Opset < 10)
        {
            starts = n.GetInts("starts").ToArray();
            ends = n.GetInts("ends").ToArray();
            axes = n.Has("axes") ? c.Ints("axes") : null;
            steps = [];
        }
        else
        {
            starts = c.ConstantLongs(1, "starts");
            ends = c.ConstantLongs(2, "ends");
            axes = c.Has(3) ? c.ConstantLongs(3, "axes").Select(a => (int)a).ToArray() : null;
            steps = c.Has(4) ? c.ConstantLongs(4, "steps") : [];
        }
        c.Emit(new Slice(starts, ends, axes, steps.Length == 0 ? null : steps), c.Output(), c.Input(0));
    }
}
