using Vision.Tensors;
using Attribute = Vision.Models.NodeAttribute;

namespace Vision.TfLite;

internal sealed partial class TfLiteGraphBuilder
{
    private void Concatenation()
    {
        var (axis, activation) = TfLiteOptions.ReadConcatenation(Options(TfLiteOptions.Concatenation));
        int rank = Rank(Out());
        int a = Axis(axis, rank);
        bool nchw = rank == 4;
        Finish("Concat", _op.Inputs.Where(i => i != -1).Select(i => Operand(i, nchw)).ToArray(), activation,
            Attribute.Of("axis", (long)(nchw ? TfLiteLayout.Axis(a) : a)));
    }

    /// <summary>
    /// RESHAPE to the output tensor's shape. Reshape means "same elements in NHWC order"; on NCHW values that is a plain
    /// reshape only when the element order agrees (one channel or one pixel), otherwise a Transpose goes before/after.
    /// </summary>
    private void Reshape()
    {
        int x = In(0), output = Out();
        var inShape = Shape(x);
        var target = ReshapeTarget(inShape);
        if (Constant(x) is { } c)
        {
            if (_values.ContainsKey(output) || _constants.ContainsKey(output)) throw ErrorT(_file.Tensors[output], "is written by two operators. The file is corrupted.");
            _constants[output] = c.Reshape(target);
            return;
        }
        string logical = Value(x);
        if (inShape.Length == 4 && !TfLiteLayout.SameOrder(inShape))
            logical = Emit("Transpose", [logical], Attribute.Of("perm", TfLiteLayout.ToNhwc));
        if (target.Length == 4 && !TfLiteLayout.SameOrder(target))
        {
            string r = Emit("Reshape", [logical, Longs("shape", target.Select(d => (long)d).ToArray())]);
            Finish("Transpose", [r], 0, Attribute.Of("perm", TfLiteLayout.ToNchw));
        }
        else
            Finish("Reshape", [logical, Longs("shape", TfLiteLayout.Shape(target).Select(d => (long)d).ToArray())], 0);
    }

    /// <summary>The output tensor's declared shape; when the file leaves it empty, the shape input or option, with -1 resolved.</summary>
    private int[] ReshapeTarget(int[] inShape)
    {
        var declared = _file.Tensors[Out()].Shape;
        int count = Tensor.ShapeLength(inShape);
        if (Tensor.ShapeLength(declared) == count && (declared.Length > 0 || count == 1)) return declared;
        long[] wanted = InOpt(1) is { } s && Constant(s) is { } st && st.ElementType == ElementType.Int64 ? st.Longs
            : TfLiteOptions.ReadReshape(Options(TfLiteOptions.Reshape)).Select(v => (long)v).ToArray();
        var shape = wanted.Select(v => checked((int)v)).ToArray();
        int unknown = Array.IndexOf(shape, -1);
        if (unknown >= 0)
        {
            int known = shape.Where((d, i) => i != unknown).Aggregate(1, (p, d) => checked(p * d));
            if (known > 0) shape[unknown] = count / known;
        }
        if (shape.Any(d => d < 0) || Tensor.ShapeLength(shape) != count)
            throw ErrorT(_file.Tensors[Out()], $"cannot reshape [{string.Join(",", inShape)}] to [{string.Join(",", wanted)}]. The file is corrupted.");
        return shape;
    }

    /// <summary>PAD / PADV2 with constant paddings [rank, 2] (begin, end per NHWC axis).</summary>
    private void Pad(bool withValue)
    {
        int x = In(0);
        int rank = Rank(x);
        var paddings = RequireConstant(In(1), "paddings");
        if (paddings.ElementType != ElementType.Int64 || paddings.Length != 2 * rank)
            throw ErrorT(_file.Tensors[In(1)], $"must be an integer constant of shape [{rank},2].");
        var pads = new long[2 * rank];
        for (int d = 0; d < rank; d++)
        {
            int to = rank == 4 ? TfLiteLayout.Axis(d) : d;
            pads[to] = paddings.Longs[2 * d];
            pads[rank + to] = paddings.Longs[2 * d + 1];
        }
        if (pads.Any(p => p < 0)) throw ErrorT(_file.Tensors[In(1)], "has negative paddings, which PAD does not allow.");
        string? value = null;
        if (withValue && InOpt(2) is { } v)
        {
            var c = RequireConstant(v, "constant value");
            if (c.Length != 1 || c.ElementType != ElementType.Float32) throw ErrorT(_file.Tensors[v], "must be one float value.");
            value = Scalar(c.Data[0]);
        }
        Finish("Pad", [Value(x), Longs("pads", pads), value], 0, Attribute.Of("mode", "constant"));
    }

    /// <summary>
    /// RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR to the size input (int32 [new_height, new_width]). align_corners maps to
    /// ONNX align_corners; half_pixel_centers to half_pixel (bilinear) or tf_half_pixel_for_nn (nearest); neither to
    /// asymmetric. TensorFlow's nearest rounds with align_corners and floors otherwise.
    /// </summary>
    private void Resize(bool bilinear)
    {
        var (alignCorners, halfPixel) = bilinear
            ? TfLiteOptions.ReadResizeBilinear(Options(TfLiteOptions.ResizeBilinear))
            : TfLiteOptions.ReadResizeNearest(_op.Options);
        int x = In(0);
        var xs = Activation4(x, "input");
        var size = RequireConstant(In(1), "size");
        if (size.ElementType != ElementType.Int64 || size.Length != 2 || size.Longs.Any(v => v < 1 || v > int.MaxValue))
            throw ErrorT(_file.Tensors[In(1)], "must be an integer constant [new_height, new_width] of positive sizes.");
        string mode = alignCorners ? "align_corners" : halfPixel ? (bilinear ? "half_pixel" : "tf_half_pixel_for_nn") : "asymmetric";
        var attributes = new List<Attribute>
        {
            Attribute.Of("mode", bilinear ? "linear" : "nearest"),
            Attribute.Of("coordinate_transformation_mode", mode),
        };
        if (!bilinear) attributes.Add(Attribute.Of("nearest_mode", alignCorners ? "round_prefer_ceil" : "floor"));
        string sizes = Longs("sizes", xs[0], xs[3], size.Longs[0], size.Longs[1]);
        Finish("Resize", [Value(x), "", "", sizes], 0, [.. attributes]);
    }

    /// <summary>MEAN over constant axes. Without keep_dims on a rank-4 input, the result keeps NHWC order, so C must not be kept alongside H or W.</summary>
    private void Mean()
    {
        bool keep = TfLiteOptions.ReadKeepDims(Options(TfLiteOptions.Reducer));
        int x = In(0);
        int rank = Rank(x);
        var axesTensor = RequireConstant(In(1), "axes");
        if (axesTensor.ElementType != ElementType.Int64) throw ErrorT(_file.Tensors[In(1)], "must be an integer constant.");
        var axes = axesTensor.Longs.Select(a => Axis(checked((int)a), rank)).Distinct().ToArray();
        string input = Value(x);
        if (rank == 4)
        {
            var kept = Enumerable.Range(0, 4).Except(axes).ToHashSet();
            if (!keep && kept.Contains(3) && (kept.Contains(1) || kept.Contains(2)))
                input = Emit("Transpose", [input], Attribute.Of("perm", TfLiteLayout.ToNhwc));
            else
                axes = axes.Select(TfLiteLayout.Axis).ToArray();
        }
        Finish("ReduceMean", [input], 0, Attribute.Of("axes", axes.Select(a => (long)a).ToArray()), Attribute.Of("keepdims", keep ? 1L : 0L));
    }

    /// <summary>TRANSPOSE by a constant perm; on rank 4 the perm is composed with the NCHW layout on both sides.</summary>
    private void Transpose()
    {
        int x = In(0);
        int rank = Rank(x);
        var permTensor = RequireConstant(In(1), "perm");
        if (permTensor.ElementType != ElementType.Int64 || permTensor.Length != rank)
            throw ErrorT(_file.Tensors[In(1)], $"must be an integer constant of {rank} values.");
        var perm = permTensor.Longs.Select(p => Axis(checked((int)p), rank)).ToArray();
        if (perm.Distinct().Count() != rank) throw ErrorT(_file.Tensors[In(1)], "is not a permutation.");
        long[] onnxPerm = rank == 4
            ? Enumerable.Range(0, 4).Select(d => (long)TfLiteLayout.Axis(perm[(int)TfLiteLayout.ToNchw[d]])).ToArray()
            : perm.Select(p => (long)p).ToArray();
        Finish("Transpose", [Value(x)], 0, Attribute.Of("perm", onnxPerm));
    }

    /// <summary>An axis in [-rank, rank) as a non-negative axis.</summary>
    private int Axis(int axis, int rank)
    {
        if (axis < -rank || axis >= rank) throw Error($"axis {axis} is out of range for rank {rank}. The file is corrupted.");
        return axis < 0 ? axis + rank : axis;
    }
}
