using Vision.Backends;
using Vision.Runtime;
using Vision.Tests.Harness;
using Vision.TfLite;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.TfLite;

/// <summary>
/// One TFLite operator per small model, imported and run on every backend, against a reference written here directly in
/// NHWC (TensorFlow's own layout), with odd sizes so SAME padding is asymmetric and layouts cannot be confused.
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class TfLiteOpTests(Backend kind) : BackendTest(kind)
{
    private const int ADD = 0, AVERAGE_POOL_2D = 1, CONCATENATION = 2, CONV_2D = 3, DEPTHWISE_CONV_2D = 4, FULLY_CONNECTED = 9,
        RESHAPE = 22, RESIZE_BILINEAR = 23, PAD = 34, TRANSPOSE = 39, MEAN = 40, RESIZE_NEAREST_NEIGHBOR = 97;
    private const byte SAME = 0, VALID = 1, RELU6 = 3;

    [Test]
    public void Conv2d_Same_Stride2_ExtraPadAtEnd_FusedRelu6()
    {
        // SAME on 8x10 with 3x3 stride 2: one padding row/column in total, which TensorFlow puts at the bottom/right.
        var x = RandomIn(-2f, 2f, 1, 8, 10, 3);
        var filter = RandomIn(-1f, 1f, 4, 3, 3, 3);
        var bias = RandomIn(-1f, 1f, 4);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 8, 10, 3), fi = w.Constant("f", [4, 3, 3, 3], filter.Data), bi = w.Constant("b", [4], bias.Data), y = w.Tensor("y", 1, 4, 5, 4);
        w.Op(CONV_2D, [xi, fi, bi], [y], 1, (0, SAME), (1, 2), (2, 2), (3, RELU6));
        var expected = ConvNhwc(x, filter, bias, 2, 2, 0, 1, 0, 1, 1, v => Math.Clamp(v, 0f, 6f));
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void Depthwise_Multiplier2_Valid()
    {
        var x = Random(1, 5, 6, 3);
        var filter = Random(1, 3, 3, 6);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 5, 6, 3), fi = w.Constant("f", [1, 3, 3, 6], filter.Data), y = w.Tensor("y", 1, 3, 4, 6);
        w.Op(DEPTHWISE_CONV_2D, [xi, fi, -1], [y], 2, (0, VALID), (1, 1), (2, 1), (3, 2));
        var expected = new Tensor([1, 3, 4, 6]);
        for (int oy = 0; oy < 3; oy++)
            for (int ox = 0; ox < 4; ox++)
                for (int oc = 0; oc < 6; oc++)
                {
                    float s = 0;
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++)
                            s += x.Data[((oy + i) * 6 + ox + j) * 3 + oc / 2] * filter.Data[(i * 3 + j) * 6 + oc];
                    expected.Data[(oy * 4 + ox) * 6 + oc] = s;
                }
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void AveragePool_Same_CountsOnlyValidElements()
    {
        var x = Random(1, 5, 7, 2);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 5, 7, 2), y = w.Tensor("y", 1, 3, 4, 2);
        w.Op(AVERAGE_POOL_2D, [xi], [y], 5, (0, SAME), (1, 2), (2, 2), (3, 3), (4, 3));
        // SAME: total pad (3-1)*2+3-5 = 2 rows -> 1 top, 1 bottom; (4-1)*2+3-7 = 2 cols -> 1 left, 1 right.
        var expected = new Tensor([1, 3, 4, 2]);
        for (int oy = 0; oy < 3; oy++)
            for (int ox = 0; ox < 4; ox++)
                for (int c = 0; c < 2; c++)
                {
                    float s = 0;
                    int n = 0;
                    for (int iy = oy * 2 - 1; iy < oy * 2 + 2; iy++)
                        for (int ix = ox * 2 - 1; ix < ox * 2 + 2; ix++)
                            if (iy >= 0 && iy < 5 && ix >= 0 && ix < 7) { s += x.Data[(iy * 7 + ix) * 2 + c]; n++; }
                    expected.Data[(oy * 4 + ox) * 2 + c] = s / n;
                }
        Check(w.Build([xi], [y]), x, expected);
    }

    [TestCase(new[] { 1, 24 })]
    [TestCase(new[] { 1, 4, 3, 2 })]
    [TestCase(new[] { 1, 6, 1, 4 })]
    public void Reshape_KeepsNhwcElementOrder(int[] target)
    {
        var x = Random(1, 2, 3, 4);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 3, 4), s = w.Ints("shape", [target.Length], target), y = w.Tensor("y", target);
        w.Op(RESHAPE, [xi, s], [y], 17, (0, target));
        Check(w.Build([xi], [y]), x, new Tensor(target, x.Data));
    }

    [TestCase(3)]
    [TestCase(-1)]
    [TestCase(1)]
    public void Concatenation_WithConstant(int axis)
    {
        var x = Random(1, 2, 3, 2);
        int[] cShape = axis == 1 ? [1, 1, 3, 2] : [1, 2, 3, 1];
        var c = Random(cShape);
        int[] yShape = axis == 1 ? [1, 3, 3, 2] : [1, 2, 3, 3];
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 3, 2), ci = w.Constant("c", cShape, c.Data), y = w.Tensor("y", yShape);
        w.Op(CONCATENATION, [xi, ci], [y], 10, (0, axis), (1, (byte)0));
        var expected = new Tensor(yShape);
        int a = axis < 0 ? axis + 4 : axis;
        int outer = yShape.Take(a).Aggregate(1, (p, d) => p * d), xInner = x.Shape.Skip(a).Aggregate(1, (p, d) => p * d), cInner = cShape.Skip(a).Aggregate(1, (p, d) => p * d);
        for (int o = 0; o < outer; o++)
        {
            Array.Copy(x.Data, o * xInner, expected.Data, o * (xInner + cInner), xInner);
            Array.Copy(c.Data, o * cInner, expected.Data, o * (xInner + cInner) + xInner, cInner);
        }
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void Add_BroadcastsChannelConstant()
    {
        var x = Random(1, 2, 3, 4);
        var c = Random(4);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 3, 4), ci = w.Constant("c", [4], c.Data), y = w.Tensor("y", 1, 2, 3, 4);
        w.Op(ADD, [xi, ci], [y], 11, (0, (byte)0));
        var expected = new Tensor([1, 2, 3, 4], x.Data.Select((v, i) => v + c.Data[i % 4]).ToArray());
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void Mean_OverHeight_WithoutKeepDims_KeepsWidthThenChannels()
    {
        var x = Random(1, 2, 3, 4);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 3, 4), ai = w.Ints("axes", [1], 1), y = w.Tensor("y", 1, 3, 4);
        w.Op(MEAN, [xi, ai], [y], 27, (0, false));
        var expected = new Tensor([1, 3, 4]);
        for (int i = 0; i < 12; i++) expected.Data[i] = (x.Data[i] + x.Data[12 + i]) / 2;
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void Transpose_SwapsHeightAndWidth()
    {
        var x = Random(1, 2, 3, 4);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 3, 4), pi = w.Ints("perm", [4], 0, 2, 1, 3), y = w.Tensor("y", 1, 3, 2, 4);
        w.Op(TRANSPOSE, [xi, pi], [y], 26);
        var expected = new Tensor([1, 3, 2, 4]);
        for (int h = 0; h < 2; h++)
            for (int ww = 0; ww < 3; ww++)
                for (int c = 0; c < 4; c++)
                    expected.Data[(ww * 2 + h) * 4 + c] = x.Data[(h * 3 + ww) * 4 + c];
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void Pad_PerNhwcAxis()
    {
        var x = Random(1, 2, 3, 2);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 3, 2), pi = w.Ints("paddings", [4, 2], 0, 0, 1, 0, 0, 2, 0, 1), y = w.Tensor("y", 1, 3, 5, 3);
        w.Op(PAD, [xi, pi], [y], 22);
        var expected = new Tensor([1, 3, 5, 3]);
        for (int h = 0; h < 2; h++)
            for (int ww = 0; ww < 3; ww++)
                for (int c = 0; c < 2; c++)
                    expected.Data[((h + 1) * 5 + ww) * 3 + c] = x.Data[(h * 3 + ww) * 2 + c];
        Check(w.Build([xi], [y]), x, expected);
    }

    [Test]
    public void FullyConnected_FlattensInNhwcOrder()
    {
        var x = Random(1, 2, 2, 3);
        var weights = Random(5, 12);
        var bias = Random(5);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, 2, 2, 3), wi = w.Constant("w", [5, 12], weights.Data), bi = w.Constant("b", [5], bias.Data), y = w.Tensor("y", 1, 5);
        w.Op(FULLY_CONNECTED, [xi, wi, bi], [y], 8, (0, (byte)0));
        var expected = new Tensor([1, 5]);
        for (int o = 0; o < 5; o++)
        {
            float s = bias.Data[o];
            for (int i = 0; i < 12; i++) s += weights.Data[o * 12 + i] * x.Data[i];
            expected.Data[o] = s;
        }
        Check(w.Build([xi], [y]), x, expected);
    }

    /// <summary>TensorFlow's resize semantics, per mode, on non-integer factors both up and down.</summary>
    [TestCase(true, false, false, 5, 7)]
    [TestCase(true, true, false, 5, 7)]
    [TestCase(true, false, true, 5, 7)]
    [TestCase(true, false, true, 2, 3)]
    [TestCase(false, false, false, 5, 7)]
    [TestCase(false, true, false, 5, 7)]
    [TestCase(false, false, true, 5, 7)]
    [TestCase(false, false, true, 2, 3)]
    public void Resize_FollowsTensorFlowCoordinates(bool bilinear, bool alignCorners, bool halfPixel, int oh, int ow)
    {
        const int ih = 3, iw = 4, c = 2;
        var x = Random(1, ih, iw, c);
        var w = new TfLiteModelWriter();
        int xi = w.Tensor("x", 1, ih, iw, c), si = w.Ints("size", [2], oh, ow), y = w.Tensor("y", 1, oh, ow, c);
        if (bilinear) w.Op(RESIZE_BILINEAR, [xi, si], [y], 15, (2, alignCorners), (3, halfPixel));
        else w.Op(RESIZE_NEAREST_NEIGHBOR, [xi, si], [y], 74, (0, alignCorners), (1, halfPixel));
        float sy = alignCorners && oh > 1 ? (ih - 1f) / (oh - 1) : ih / (float)oh, sx = alignCorners && ow > 1 ? (iw - 1f) / (ow - 1) : iw / (float)ow;
        var expected = new Tensor([1, oh, ow, c]);
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
                for (int ch = 0; ch < c; ch++)
                {
                    float v;
                    if (bilinear)
                    {
                        float fy = halfPixel ? (oy + 0.5f) * sy - 0.5f : oy * sy, fx = halfPixel ? (ox + 0.5f) * sx - 0.5f : ox * sx;
                        int y0 = Math.Max((int)MathF.Floor(fy), 0), y1 = Math.Min((int)MathF.Ceiling(fy), ih - 1);
                        int x0 = Math.Max((int)MathF.Floor(fx), 0), x1 = Math.Min((int)MathF.Ceiling(fx), iw - 1);
                        float ly = fy - MathF.Floor(fy), lx = fx - MathF.Floor(fx);
                        float At(int yy, int xx) => x.Data[(yy * iw + xx) * c + ch];
                        float top = At(y0, x0) + (At(y0, x1) - At(y0, x0)) * lx, bottom = At(y1, x0) + (At(y1, x1) - At(y1, x0)) * lx;
                        v = top + (bottom - top) * ly;
                    }
                    else
                    {
                        float fy = halfPixel ? (oy + 0.5f) * sy : oy * sy, fx = halfPixel ? (ox + 0.5f) * sx : ox * sx;
                        int yy = Math.Min(alignCorners ? (int)MathF.Round(fy, MidpointRounding.AwayFromZero) : (int)MathF.Floor(fy), ih - 1);
                        int xx = Math.Min(alignCorners ? (int)MathF.Round(fx, MidpointRounding.AwayFromZero) : (int)MathF.Floor(fx), iw - 1);
                        v = x.Data[(yy * iw + xx) * c + ch];
                    }
                    expected.Data[(oy * ow + ox) * c + ch] = v;
                }
        Check(w.Build([xi], [y]), x, expected);
    }

    private void Check(byte[] file, Tensor x, Tensor expected)
    {
        var model = TfLiteImporter.Load(file, "test.tflite");
        using var worker = new Worker(model, Compute);
        worker.Run(x);
        TensorAssert.Close(expected, worker.PeekOutput(), Tolerance.Kernel, $"{TestContext.CurrentContext.Test.Name} on {Kind}");
    }

    /// <summary>NHWC convolution with OHWI filters and explicit pads (top, bottom, left, right).</summary>
    private static Tensor ConvNhwc(Tensor x, Tensor f, Tensor? bias, int sh, int sw, int top, int bottom, int left, int right, int dilation, Func<float, float> act)
    {
        int h = x.Shape[1], wd = x.Shape[2], c = x.Shape[3], k = f.Shape[0], kh = f.Shape[1], kw = f.Shape[2];
        int oh = (h + top + bottom - kh) / sh + 1, ow = (wd + left + right - kw) / sw + 1;
        var y = new Tensor([1, oh, ow, k]);
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
                for (int o = 0; o < k; o++)
                {
                    float s = bias?.Data[o] ?? 0;
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++)
                        {
                            int iy = oy * sh - top + i * dilation, ix = ox * sw - left + j * dilation;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                            for (int ci = 0; ci < c; ci++) s += x.Data[(iy * wd + ix) * c + ci] * f.Data[((o * kh + i) * kw + j) * c + ci];
                        }
                    y.Data[(oy * ow + ox) * k + o] = act(s);
                }
        return y;
    }
}
