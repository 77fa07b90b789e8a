using System.Buffers.Binary;
using Vision.Ops;
using Vision.Tensors;
using Attribute = Vision.Models.NodeAttribute;

namespace Vision.TfLite;

internal sealed partial class TfLiteGraphBuilder
{
    private void Conv()
    {
        var o = TfLiteOptions.ReadConv(Options(TfLiteOptions.Conv2D));
        int x = In(0), w = In(1);
        var xs = Activation4(x, "input");
        var ws = Filter(w, "filter");
        CheckWindow(o.StrideH, o.StrideW, o.DilationH, o.DilationW);
        if (ws[3] == 0 || xs[3] % ws[3] != 0)
            throw ErrorT(_file.Tensors[w], $"has {ws[3]} input channels, which does not divide the input's {xs[3]} channels.");
        var pads = Padding(o.Padding, xs, ws[1], ws[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW);
        string weights = ConstantValue(w, "oihw", t => TfLiteLayout.Permute(t, 0, 3, 1, 2));
        Finish("Conv", [Value(x), weights, Bias(2, ws[0])], o.Activation,
            [.. ConvAttributes(ws[1], ws[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW, pads), Attribute.Of("group", (long)(xs[3] / ws[3]))]);
    }

    private void DepthwiseConv()
    {
        var o = TfLiteOptions.ReadDepthwise(Options(TfLiteOptions.DepthwiseConv2D));
        int x = In(0), w = In(1);
        var xs = Activation4(x, "input");
        var ws = Filter(w, "filter");
        CheckWindow(o.StrideH, o.StrideW, o.DilationH, o.DilationW);
        if (ws[0] != 1 || xs[3] == 0 || ws[3] % xs[3] != 0)
            throw ErrorT(_file.Tensors[w], $"is a depthwise filter [{string.Join(",", ws)}]; it must be [1,KH,KW,C*m] with C = {xs[3]} input channels.");
        var pads = Padding(o.Padding, xs, ws[1], ws[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW);
        // [1,KH,KW,C*m] -> [C*m,1,KH,KW]: one group per input channel, output channel c*m+j reads input channel c, as in TFLite.
        string weights = ConstantValue(w, "depthwise", t => TfLiteLayout.Permute(t, 3, 0, 1, 2));
        Finish("Conv", [Value(x), weights, Bias(2, ws[3])], o.Activation,
            [.. ConvAttributes(ws[1], ws[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW, pads), Attribute.Of("group", (long)xs[3])]);
    }

    /// <summary>TRANSPOSE_CONV: inputs output_shape, weights [O,KH,KW,I], input, optional bias.</summary>
    private void TransposeConv()
    {
        var o = TfLiteOptions.ReadTransposeConv(_op.Options);
        var outShape = RequireConstant(In(0), "output_shape");
        var target = outShape.ElementType == ElementType.Int64 ? outShape.Longs.Select(v => checked((int)v)).ToArray() : [];
        if (target.Length != 4) throw ErrorT(_file.Tensors[In(0)], "must be an int32 constant of 4 values (the NHWC output shape).");
        TransposedConvolution(In(2), In(1), InOpt(3), o.Padding == 0, o.StrideH, o.StrideW, target, o.Activation);
    }

    /// <summary>
    /// MediaPipe's custom Convolution2DTransposeBias: inputs input, weights [O,KH,KW,I], bias [O]; its custom options are
    /// the raw bytes of TfLiteTransposeConvParams (int32 padding: 1 SAME, 2 VALID; int32 stride_width; int32 stride_height).
    /// The output size is the output tensor's.
    /// </summary>
    private void TransposeConvBias()
    {
        var raw = _op.CustomOptions.AsSpan();
        if (raw.Length < 12)
            throw Error($"custom options are {raw.Length} bytes; Convolution2DTransposeBias needs 12 (padding, stride_width, stride_height). The file is corrupted.");
        int padding = BinaryPrimitives.ReadInt32LittleEndian(raw);
        int strideW = BinaryPrimitives.ReadInt32LittleEndian(raw[4..]);
        int strideH = BinaryPrimitives.ReadInt32LittleEndian(raw[8..]);
        if (padding is not (1 or 2)) throw Error($"custom option padding is {padding}; expected 1 (SAME) or 2 (VALID). The file is corrupted.");
        TransposedConvolution(In(0), In(1), InOpt(2), padding == 1, strideH, strideW, _file.Tensors[Out()].Shape, 0);
    }

    private void TransposedConvolution(int x, int w, int? bias, bool same, int strideH, int strideW, int[] outShape, byte activation)
    {
        var xs = Activation4(x, "input");
        var ws = Filter(w, "weights");
        CheckWindow(strideH, strideW, 1, 1);
        if (ws[3] != xs[3]) throw ErrorT(_file.Tensors[w], $"has {ws[3]} input channels but the input has {xs[3]}.");
        if (outShape.Length != 4 || outShape[3] != ws[0] || outShape[0] != xs[0])
            throw ErrorT(_file.Tensors[Out()], $"output shape [{string.Join(",", outShape)}] does not fit input [{string.Join(",", xs)}] and weights [{string.Join(",", ws)}].");
        // TFLite computes the padding as for the forward convolution from the output back to the input; the odd element goes at the end.
        var (top, bottom, extraH) = TransposedPads(same, xs[1], ws[1], strideH, outShape[1]);
        var (left, right, extraW) = TransposedPads(same, xs[2], ws[2], strideW, outShape[2]);
        string weights = ConstantValue(w, "iohw", t => TfLiteLayout.Permute(t, 3, 0, 1, 2));
        Finish("ConvTranspose", [Value(x), weights, bias is { } b ? BiasOf(b, ws[0]) : null], activation,
            Attribute.Of("kernel_shape", new long[] { ws[1], ws[2] }), Attribute.Of("strides", new long[] { strideH, strideW }),
            Attribute.Of("pads", new long[] { top, left, bottom, right }), Attribute.Of("output_padding", new long[] { extraH, extraW }));
    }

    private (int Begin, int End, int Extra) TransposedPads(bool same, int input, int kernel, int stride, int output)
    {
        int full = (input - 1) * stride + kernel;
        int total = same ? Math.Max(full - output, 0) : 0;
        int extra = output - (full - total);
        if (extra < 0 || extra >= Math.Max(stride, 1) + kernel)
            throw Error($"output size {output} does not fit a transposed convolution of input {input}, kernel {kernel}, stride {stride}. The file is corrupted.");
        return (total / 2, total - total / 2, extra);
    }

    /// <summary>FULLY_CONNECTED: input flattened to [batch, I] (NHWC order), weights [O, I], optional bias [O].</summary>
    private void FullyConnected()
    {
        var o = TfLiteOptions.ReadFullyConnected(Options(TfLiteOptions.FullyConnected));
        if (o.WeightsFormat != 0) throw Error($"weights_format {o.WeightsFormat} (shuffled) is not supported; only the default format is.");
        int x = In(0), w = In(1);
        var ws = RequireConstant(w, "weights").Shape;
        if (ws.Length != 2 || ws[1] == 0) throw ErrorT(_file.Tensors[w], $"has shape [{string.Join(",", ws)}]; FULLY_CONNECTED weights are [outputs, inputs].");
        var xs = Shape(x);
        int total = Tensor.ShapeLength(xs);
        if (total % ws[1] != 0) throw ErrorT(_file.Tensors[x], $"has {total} elements, not a multiple of the {ws[1]} weight inputs.");
        var outShape = _file.Tensors[Out()].Shape;
        if (outShape.Length == 4) throw ErrorT(_file.Tensors[Out()], "FULLY_CONNECTED with a rank-4 output (keep_num_dims) is not supported.");
        string flat = Flatten(x, [total / ws[1], ws[1]]);
        int output = Out();
        bool reshape = outShape.Length != 2;
        string final = OutputValue(output);
        string y = AddNode("Gemm", [flat, RawConstant(w), Bias(2, ws[0])], o.Activation == 0 && !reshape ? final : Temp(), null,
            Attribute.Of("transB", 1L));
        if (o.Activation != 0)
        {
            string activated = reshape ? Temp() : final;
            FusedActivation(o.Activation, y, activated);
            y = activated;
        }
        if (reshape) AddNode("Reshape", [y, Longs("shape", outShape.Select(d => (long)d).ToArray())], final);
        _values[output] = final;
    }

    /// <summary>A computed tensor as a flat buffer in TFLite (NHWC) element order, viewed as <paramref name="shape"/>.</summary>
    private string Flatten(int tensor, int[] shape)
    {
        var s = Shape(tensor);
        string v = Value(tensor);
        if (s.Length == 4 && !TfLiteLayout.SameOrder(s)) v = Emit("Transpose", [v], Attribute.Of("perm", TfLiteLayout.ToNhwc));
        return s.SequenceEqual(shape) && s.Length != 4 ? v : Emit("Reshape", [v, Longs("shape", shape.Select(d => (long)d).ToArray())]);
    }

    private void Pool(string opType, string globalOpType)
    {
        var o = TfLiteOptions.ReadPool(Options(TfLiteOptions.Pool2D));
        int x = In(0);
        var xs = Activation4(x, "input");
        CheckWindow(o.StrideH, o.StrideW, 1, 1);
        if (o.FilterH < 1 || o.FilterW < 1) throw Error($"filter {o.FilterH}x{o.FilterW} is invalid. The file is corrupted.");
        bool global = o.FilterH == xs[1] && o.FilterW == xs[2] && (o.Padding == 1 || o.StrideH >= xs[1] && o.StrideW >= xs[2]);
        if (global)
        {
            Finish(globalOpType, [Value(x)], o.Activation);
            return;
        }
        var pads = Padding(o.Padding, xs, o.FilterH, o.FilterW, o.StrideH, o.StrideW, 1, 1);
        var attributes = new List<Attribute>
        {
            Attribute.Of("kernel_shape", new long[] { o.FilterH, o.FilterW }),
            Attribute.Of("strides", new long[] { o.StrideH, o.StrideW }),
            Attribute.Of("pads", new long[] { pads.Top, pads.Left, pads.Bottom, pads.Right }),
        };
        // TFLite averages over the window's valid elements only.
        if (opType == "AveragePool") attributes.Add(Attribute.Of("count_include_pad", 0L));
        Finish(opType, [Value(x)], o.Activation, [.. attributes]);
    }

    // ---- helpers ----

    private int[] Activation4(int tensor, string what)
    {
        var s = Shape(tensor);
        if (s.Length != 4) throw ErrorT(_file.Tensors[tensor], $"({what}) has rank {s.Length}; this op needs an NHWC tensor of rank 4.");
        return s;
    }

    private int[] Filter(int tensor, string what)
    {
        var s = RequireConstant(tensor, what).Shape;
        if (s.Length != 4 || s.Contains(0)) throw ErrorT(_file.Tensors[tensor], $"({what}) has shape [{string.Join(",", s)}]; a filter has rank 4 and no empty dimension.");
        return s;
    }

    private string? Bias(int input, int channels) => InOpt(input) is { } b ? BiasOf(b, channels) : null;

    private string BiasOf(int tensor, int channels)
    {
        var value = RequireConstant(tensor, "bias");
        if (value.Length != channels || value.ElementType != ElementType.Float32)
            throw ErrorT(_file.Tensors[tensor], $"is a bias of {value.Length} {value.ElementType} values; {channels} float values are needed.");
        return ConstantValue(tensor, value.Rank == 1 ? "" : "flat", t => t.Reshape(channels));
    }

    private void CheckWindow(int strideH, int strideW, int dilationH, int dilationW)
    {
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1)
            throw Error($"strides {strideH}x{strideW} and dilations {dilationH}x{dilationW} must be at least 1. The file is corrupted.");
    }

    /// <summary>Padding SAME (0) as explicit pads from the input size (the odd element at the end); VALID (1) is none.</summary>
    private Pads Padding(byte padding, int[] nhwc, int kh, int kw, int sh, int sw, int dh, int dw) => padding switch
    {
        0 => Pads.Same(nhwc[1], nhwc[2], kh, kw, sh, sw, dh, dw),
        1 => Pads.Valid,
        _ => throw Error($"padding {padding} is neither SAME (0) nor VALID (1). The file is corrupted."),
    };

    private static Attribute[] ConvAttributes(int kh, int kw, int sh, int sw, int dh, int dw, Pads pads) =>
    [
        Attribute.Of("kernel_shape", new long[] { kh, kw }),
        Attribute.Of("strides", new long[] { sh, sw }),
        Attribute.Of("dilations", new long[] { dh, dw }),
        Attribute.Of("pads", new long[] { pads.Top, pads.Left, pads.Bottom, pads.Right }),
    ];
}
