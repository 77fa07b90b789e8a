using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class Conv2dTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Plain3x3() => Check(new Conv2d(), Random(2, 13, 7, 5), Random(6, 13, 3, 3), Random(6));

    [Test]
    public void StridedAsymmetricPadsNoBias() =>
        Check(new Conv2d(2, 3, new Pads(1, 0, 2, 1)), Random(1, 3, 11, 9), Random(5, 3, 3, 2), null);

    [Test]
    public void DilatedSamePadding() =>
        Check(new Conv2d(pads: Pads.Same(9, 7, 3, 3, dh: 2, dw: 3), dilationH: 2, dilationW: 3), Random(1, 4, 9, 7), Random(3, 4, 3, 3), Random(3));

    [Test]
    public void Grouped() => Check(new Conv2d(group: 3, pads: Pads.Uniform(1)), Random(2, 9, 6, 5), Random(12, 3, 3, 3), Random(12));

    [Test]
    public void Depthwise() => Check(new Conv2d(pads: Pads.Uniform(1), group: 13), Random(2, 13, 7, 5), Random(13, 1, 3, 3), Random(13));

    [Test]
    public void Pointwise1x1() => Check(new Conv2d(), Random(1, 17, 5, 3), Random(8, 17, 1, 1), Random(8));

    // conv2d_1x1: the tiled GEMM path (plane of a multiple of 4 pixels); K not a multiple of its 4-channel tile.
    [Test]
    public void PointwiseTiled() => Check(new Conv2d(), Random(2, 19, 6, 6), Random(7, 19, 1, 1), Random(7));

    [Test]
    public void PointwiseTiledNoBiasFusedHardSwish() =>
        Check(new Conv2d(activation: Activation.HardSwish), [Random(1, 5, 4, 8), Random(13, 5, 1, 1), null], Tolerance.Transcendental);

    [Test]
    public void PointwiseTiledResidual() =>
        Check(new Conv2d(activation: Activation.Relu), Random(1, 9, 4, 4), Random(6, 9, 1, 1), Random(6), Random(1, 6, 4, 4));

    [Test]
    public void PointwiseTiledResidualAfterActivation() =>
        Check(new Conv2d(activation: Activation.Relu6, residualAfterActivation: true), Random(1, 9, 4, 4), Random(6, 9, 1, 1), Random(6), Random(1, 6, 4, 4));

    [Test]
    public void ResidualAfterActivationGeneral() =>
        Check(new Conv2d(pads: Pads.Uniform(1), group: 4, activation: Activation.Relu, residualAfterActivation: true),
            Random(1, 4, 5, 7), Random(4, 1, 3, 3), Random(4), Random(1, 4, 5, 7));

    // conv2d_dw: kernel size compiled in; interior and border items; strides, dilation, asymmetric pads.
    [Test]
    public void Depthwise5x5Strided() =>
        Check(new Conv2d(2, 2, new Pads(1, 2, 2, 1), group: 6, activation: Activation.HardSwish), [Random(2, 6, 11, 9), Random(6, 1, 5, 5), Random(6)],
            Tolerance.Transcendental);

    // W4: rows a multiple of 4 long, 4 outputs per item; borders on every side, strided and residual.
    [Test]
    public void DepthwiseFourWide() =>
        Check(new Conv2d(pads: Pads.Uniform(1), group: 5, activation: Activation.Relu, residualAfterActivation: true),
            Random(2, 5, 6, 8), Random(5, 1, 3, 3), Random(5), Random(2, 5, 6, 8));

    [Test]
    public void DepthwiseFourWideStrided5x5() =>
        Check(new Conv2d(2, 2, new Pads(1, 2, 2, 1), group: 3), Random(1, 3, 9, 16), Random(3, 1, 5, 5), Random(3));

    // ROW8: stride 1 along rows, rows a multiple of 8: 8 outputs per item over one load of each input row; borders on
    // every side, vertical stride and dilation, a residual before the activation, no bias.
    [Test]
    public void DepthwiseRowSliding5x5() =>
        Check(new Conv2d(2, 1, new Pads(3, 1, 2, 3), dilationH: 2, group: 7, activation: Activation.HardSwish),
            [Random(2, 7, 11, 16), Random(7, 1, 5, 5), Random(7), Random(2, 7, 4, 16)], Tolerance.Transcendental);

    [Test]
    public void DepthwiseRowSlidingStrideTwo5x5() =>
        Check(new Conv2d(2, 2, new Pads(1, 2, 2, 1), group: 5, activation: Activation.Relu), Random(2, 5, 9, 16), Random(5, 1, 5, 5), Random(5));

    [Test]
    public void DepthwiseRowSliding3x3NoBias() =>
        Check(new Conv2d(pads: Pads.Uniform(1), group: 3, activation: Activation.Relu), Random(1, 3, 5, 24), Random(3, 1, 3, 3), null);

    // TWO_ROWS: ROW8 over two output rows per item; an odd row count (the last item's second row is not stored),
    // vertical stride 2, a residual after the activation.
    [Test]
    public void DepthwiseTwoRowsOddHeightResidual() =>
        Check(new Conv2d(pads: Pads.Uniform(2), group: 4, activation: Activation.Relu, residualAfterActivation: true),
            Random(2, 4, 7, 16), Random(4, 1, 5, 5), Random(4), Random(2, 4, 7, 16));

    [Test]
    public void DepthwiseTwoRowsPartialLastTile() =>
        Check(new Conv2d(pads: Pads.Uniform(2), group: 6, activation: Activation.HardSwish), [Random(2, 6, 9, 13), Random(6, 1, 5, 5), Random(6), Random(2, 6, 9, 13)],
            Tolerance.Transcendental);

    [Test]
    public void DepthwiseTwoRowsVerticalStrideTwo() =>
        Check(new Conv2d(2, 1, new Pads(1, 1, 0, 1), group: 3), Random(1, 3, 10, 8), Random(3, 1, 3, 3), Random(3));

    // TWO_ROWS on rows long enough for interior tiles beside the edge ones and a partial last tile (ROW_VEC4 on GL where
    // rows are a multiple of 4), stride 1 and 2, the buffer's last rows.
    [Test]
    public void DepthwiseWideRowsResidual() =>
        Check(new Conv2d(pads: Pads.Uniform(1), group: 5, activation: Activation.Relu, residualAfterActivation: true),
            Random(1, 5, 7, 70), Random(5, 1, 3, 3), Random(5), Random(1, 5, 7, 70));

    [Test]
    public void DepthwiseWideRowsStrideTwo5x5() =>
        Check(new Conv2d(2, 2, Pads.Uniform(2), group: 3, activation: Activation.HardSwish), [Random(2, 3, 9, 75), Random(3, 1, 5, 5), Random(3)],
            Tolerance.Transcendental);

    [Test]
    public void DepthwiseDilatedNoBias() =>
        Check(new Conv2d(pads: Pads.Uniform(2), dilationH: 2, dilationW: 2, group: 3), Random(1, 3, 7, 8), Random(3, 1, 3, 3), null);

    // ROWS8: dense, stride 1 along rows, rows a multiple of 8: 4 channels x 8 pixels per item over one load of each row
    // window; borders on every side, K % 4 != 0, vertical stride and dilation, residual after the activation.
    [Test]
    public void DenseRowSliding3x3() =>
        Check(new Conv2d(pads: Pads.Uniform(1), activation: Activation.Relu), Random(2, 5, 7, 16), Random(6, 5, 3, 3), Random(6));

    [Test]
    public void DenseRowSliding5x3VerticalStrideDilationResidual() =>
        Check(new Conv2d(2, 1, new Pads(2, 1, 1, 1), dilationH: 2, activation: Activation.HardSwish, residualAfterActivation: true),
            [Random(1, 3, 11, 8), Random(5, 3, 5, 3), null, Random(1, 5, 3, 8)], Tolerance.Transcendental);

    [Test]
    public void DenseRowSlidingStrideTwoChannelsLast() =>
        Check(new Conv2d(2, 2, new Pads(0, 0, 1, 1), activation: Activation.HardSwish, inputNhwc: true), [Random(1, 9, 16, 3), Random(6, 3, 3, 3), Random(6)],
            Tolerance.Transcendental);

    [Test]
    public void DenseRowSlidingStrideTwo() => Check(new Conv2d(2, 2, Pads.Uniform(1)), Random(2, 3, 6, 15), Random(5, 3, 3, 3), null);

    [Test]
    public void DenseRowSliding1x7NoPadding() => Check(new Conv2d(), Random(1, 4, 3, 14), Random(9, 4, 1, 7), Random(9));

    // WIDE16 (the OpenCL variant; GL runs ROWS8 / KW4 / KTILE on the same cases): 8 channels x 16 pixels per item.
    // Rows long enough for interior items beside the edge and partial tiles; K % 8 != 0; the buffer's first and last rows.
    [Test]
    public void WideTilesInteriorEdgeAndPartial() =>
        Check(new Conv2d(pads: Pads.Uniform(1), activation: Activation.Relu, residualAfterActivation: true),
            Random(2, 5, 4, 37), Random(19, 5, 3, 3), Random(19), Random(2, 19, 4, 37));

    [Test]
    public void WideTilesStrideTwo5x5PostAffine() =>
        Check(new Conv2d(2, 2, Pads.Uniform(2), activation: Activation.HardSwish),
            [Random(1, 3, 9, 70), Random(10, 3, 5, 5), Random(10), null, null, null, Random(2, 10)], Tolerance.Transcendental);

    [Test]
    public void WideTilesAsymmetricPadsNoBias() =>
        Check(new Conv2d(1, 1, new Pads(0, 3, 2, 0)), Random(1, 4, 5, 33), Random(9, 4, 2, 4), null);

    // conv2d_1x1 WIDE16: a plane of 3 full tiles and a partial one; 8-channel tiles (K = 37) and 16-channel ones (K = 64),
    // the SE scale and addend, a residual.
    [Test]
    public void PointwiseWideTilesScaleAddend() =>
        Check(new Conv2d(activation: Activation.Relu), Random(2, 6, 6, 10), Random(37, 6, 1, 1), Random(37), null,
            Random(2, 6, 1, 1), Random(2, 6, 6, 10));

    [Test]
    public void PointwiseWideSixteenChannelTilesResidual() =>
        Check(new Conv2d(activation: Activation.HardSwish), [Random(1, 7, 5, 12), Random(64, 7, 1, 1), Random(64), Random(1, 64, 5, 12)],
            Tolerance.Transcendental);

    // ROWS8V (GL): stride 1, rows of a multiple of 4: 8 channels per item, 4-wide row loads starting ROW_OFF into the
    // first (left pads 3 and 2 shift it), K % 8 != 0, two images.
    [Test]
    public void EightChannelRowsOfFourWideLoads7Wide() =>
        Check(new Conv2d(pads: new Pads(1, 3, 1, 3), activation: Activation.Relu), Random(2, 3, 5, 16), Random(9, 3, 3, 7), Random(9));

    [Test]
    public void EightChannelRowsOfFourWideLoadsHalfTile() =>
        Check(new Conv2d(pads: Pads.Uniform(1), activation: Activation.HardSwish), [Random(1, 5, 3, 12), Random(11, 5, 3, 3), Random(11)],
            Tolerance.Transcendental);

    [Test]
    public void EightChannelRowsOfFourWideLoadsStrideTwo() =>
        Check(new Conv2d(2, 2, new Pads(1, 1, 0, 0), activation: Activation.HardSwish), [Random(2, 3, 9, 24), Random(10, 3, 3, 3), Random(10)],
            Tolerance.Transcendental);

    [Test]
    public void EightChannelRowsOfFourWideLoads5x5Residual() =>
        Check(new Conv2d(pads: Pads.Uniform(2)), Random(1, 4, 6, 8), Random(10, 4, 5, 5), Random(10), Random(1, 10, 6, 8));

    // W_KMINOR: weights stored [C,KH,KW,K] (the compiler's layout for dense convs) on every dense path: ROWS8V with
    // 4-wide weight loads (K % 4 == 0) and without, ROWS8 (rows not a multiple of 4), KW4, KTILE; WIDE16 on CL.
    [TestCase(3, 16, 12, 8, 1)]
    [TestCase(3, 16, 10, 8, 1)]
    [TestCase(3, 16, 7, 8, 2)]
    [TestCase(3, 14, 5, 4, 1)]
    [TestCase(5, 7, 6, 5, 1)]
    [TestCase(3, 9, 9, 3, 3)]
    [TestCase(3, 15, 8, 3, 2)]
    [TestCase(3, 7, 12, 3, 2)]
    [TestCase(3, 14, 12, 5, 1)]
    [TestCase(3, 9, 8, 3, 3)]
    public void WeightsStoredChannelsMinor(int kernel, int width, int outputs, int channels, int stride)
    {
        var op = new Conv2d(stride, stride, Pads.Uniform(kernel / 2), activation: Activation.HardSwish, weightsKMinor: true);
        Check(op, [Random(2, channels, 6, width), Random(channels, kernel, kernel, outputs), Random(outputs)], Tolerance.Transcendental);
    }

    [Test]
    public void WeightsStoredChannelsMinorWithAResidual() =>
        Check(new Conv2d(pads: Pads.Uniform(1), weightsKMinor: true), Random(1, 4, 5, 8), Random(4, 3, 3, 8), null, Random(1, 8, 5, 8));

    // X_NHWC: a channels-last input read directly (a folded input transpose), tiled and grouped paths.
    [Test]
    public void ChannelsLastInputTiled() =>
        Check(new Conv2d(2, 2, new Pads(0, 0, 1, 1), activation: Activation.HardSwish, inputNhwc: true), [Random(1, 9, 8, 3), Random(6, 3, 3, 3), Random(6)],
            Tolerance.Transcendental);

    // NHWC_QUADS: a channels-last input of <= 4 channels read as aligned 4-wide row windows (left pads shift the first).
    [Test]
    public void ChannelsLastRowsOfFourWideLoadsStrideTwo() =>
        Check(new Conv2d(2, 2, Pads.Uniform(1), activation: Activation.HardSwish, inputNhwc: true), [Random(2, 7, 16, 3), Random(6, 3, 3, 3), Random(6)],
            Tolerance.Transcendental);

    [Test]
    public void ChannelsLastRowsOfFourWideLoadsTwoChannelsKMinor() =>
        Check(new Conv2d(pads: Pads.Uniform(1), inputNhwc: true, weightsKMinor: true), Random(1, 5, 16, 2), Random(2, 3, 3, 8), Random(8));

    // WIDE16 with X_NHWC (CL CPU): rows long enough for interior tiles that read whole 16-wide windows, edge tiles
    // masked lane by lane, the buffer's last row; stride 2 with selfie's first-conv padding, and stride 1 with 4 channels.
    [Test]
    public void ChannelsLastWideRowsStrideTwoKMinor() =>
        Check(new Conv2d(2, 2, new Pads(0, 0, 1, 1), activation: Activation.HardSwish, inputNhwc: true, weightsKMinor: true),
            [Random(1, 7, 70, 3), Random(3, 3, 3, 16), Random(16)], Tolerance.Transcendental);

    [Test]
    public void ChannelsLastWideRowsStrideOneFourChannelsResidual() =>
        Check(new Conv2d(pads: Pads.Uniform(1), inputNhwc: true), Random(2, 4, 41, 4), Random(9, 4, 3, 3), Random(9), Random(2, 9, 4, 41));

    [Test]
    public void ChannelsLastInputGroupedWithResidual() =>
        Check(new Conv2d(pads: Pads.Uniform(1), group: 2, inputNhwc: true), Random(2, 5, 6, 4), Random(6, 2, 3, 3), null, Random(2, 6, 5, 6));

    // KW4: 4 channels x 4 adjacent pixels per item (rows a multiple of 4); strided, dilated, borders, K % 4 != 0.
    [Test]
    public void FourByFourTileStridedDilated() =>
        Check(new Conv2d(2, 2, Pads.Uniform(1), dilationH: 2, dilationW: 2), Random(2, 5, 9, 17), Random(7, 5, 3, 3), Random(7));

    [Test]
    public void FourByFourTileResidualAfterActivation() =>
        Check(new Conv2d(pads: Pads.Uniform(1), activation: Activation.Relu, residualAfterActivation: true),
            Random(1, 3, 5, 8), Random(6, 3, 3, 3), Random(6), Random(1, 6, 5, 8));

    // HAS_SCALE: a fused squeeze-and-excitation multiply on a 1x1 conv's input channels, with residual and activation.
    [Test]
    public void PointwiseInputScale() =>
        Check(new Conv2d(activation: Activation.Relu), Random(2, 6, 4, 4), Random(5, 6, 1, 1), Random(5), Random(2, 5, 4, 4), Random(2, 6, 1, 1));

    // C4: input channels a multiple of 4 (4 per step, 4-wide weight loads); batch 2, K % 4 != 0, residual, scale.
    [Test]
    public void PointwiseFourChannelSteps() =>
        Check(new Conv2d(activation: Activation.HardSwish), [Random(2, 12, 3, 4), Random(7, 12, 1, 1), Random(7), Random(2, 7, 3, 4)],
            Tolerance.Transcendental);

    [Test]
    public void PointwiseFourChannelStepsInputScale() =>
        Check(new Conv2d(activation: Activation.Relu, residualAfterActivation: true),
            Random(2, 8, 4, 5), Random(6, 8, 1, 1), null, Random(2, 6, 4, 5), Random(2, 8, 1, 1));

    // PXG (GL): C % 4 == 0, 4 (plane % 16 == 0) or 2 (plane % 8 == 0) groups of 4 pixels per item; K % 4 != 0.
    [Test]
    public void PointwiseFourPixelGroupsScaleAddendResidual() =>
        Check(new Conv2d(activation: Activation.Relu), Random(2, 8, 4, 8), Random(7, 8, 1, 1), Random(7), Random(2, 7, 4, 8),
            Random(2, 8, 1, 1), Random(2, 8, 4, 8));

    [Test]
    public void PointwiseTwoPixelGroupsResidualAfterActivation() =>
        Check(new Conv2d(activation: Activation.HardSwish, residualAfterActivation: true),
            [Random(1, 12, 3, 8), Random(5, 12, 1, 1), Random(5), Random(1, 5, 3, 8)], Tolerance.Transcendental);

    // HAS_ADDEND: the conv reads x * s + z (an SE multiply and the Add after it), with and without 4-channel steps.
    [TestCase(8)]
    [TestCase(7)]
    public void PointwiseInputScaleAndAddend(int channels) =>
        Check(new Conv2d(activation: Activation.Relu), Random(2, channels, 4, 3), Random(5, channels, 1, 1), Random(5), null,
            Random(2, channels, 1, 1), Random(2, channels, 4, 3));

    [Test]
    public void PointwiseInputAddendAlone() =>
        Check(new Conv2d(), Random(1, 4, 2, 6), Random(9, 4, 1, 1), null, null, null, Random(1, 4, 2, 6));

    // POST_AFFINE: y = ACT(conv) * pa[0,k] + pa[1,k] in every kernel's epilogue (1x1 GEMM, depthwise ROW8 / W4 / plain,
    // dense ROWS8 / KW4 / KTILE / grouped).
    [TestCase(1, 1, 1, 8, 12, 6)]
    [TestCase(3, 1, 5, 8, 5, 5)]
    [TestCase(3, 2, 5, 8, 5, 5)]
    [TestCase(3, 1, 5, 7, 5, 5)]
    [TestCase(3, 1, 1, 16, 3, 6)]
    [TestCase(3, 2, 1, 8, 3, 6)]
    [TestCase(3, 1, 1, 5, 3, 6)]
    [TestCase(3, 1, 2, 6, 4, 6)]
    public void PostAffineAfterTheActivation(int kernel, int stride, int group, int width, int channels, int outputs)
    {
        var op = new Conv2d(stride, stride, Pads.Uniform(kernel / 2), group: group, activation: Activation.HardSwish);
        Check(op, [Random(2, channels, 5, width), Random(outputs, channels / group, kernel, kernel), Random(outputs), null, null, null, Random(2, outputs)],
            Tolerance.Transcendental);
    }

    [Test]
    public void PostAffineWithAResidualIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new Conv2d().OutputShape([[1, 3, 4, 4], [2, 3, 1, 1], null, [1, 2, 4, 4], null, null, [2, 2]]));

    [Test]
    public void InputScaleOnA3x3IsAShapeError() =>
        Assert.Throws<ShapeException>(() => new Conv2d(pads: Pads.Uniform(1)).OutputShape([[1, 3, 4, 4], [2, 3, 3, 3], null, null, [1, 3, 1, 1]]));

    [Test]
    public void ResidualGeneral() =>
        Check(new Conv2d(pads: Pads.Uniform(1)), Random(1, 3, 5, 7), Random(4, 3, 3, 3), null, Random(1, 4, 5, 7));

    [Test]
    public void ResidualOfTheWrongShapeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new Conv2d().OutputShape([[1, 3, 4, 4], [2, 3, 1, 1], null, [1, 2, 4, 5]]));

    [Test]
    public void SpatiallySeparable()
    {
        // k x 1 then 1 x k: the second conv runs on the first one's output.
        var x = Random(1, 3, 8, 7);
        var column = Check(new Conv2d(pads: new Pads(1, 0, 1, 0)), x, Random(3, 3, 3, 1), null);
        Check(new Conv2d(pads: new Pads(0, 1, 0, 1)), column, Random(4, 3, 1, 3), Random(4));
    }

    [Test]
    public void FusedRelu() => Check(new Conv2d(activation: Activation.Relu), Random(1, 5, 6, 6), Random(7, 5, 3, 3), Random(7));

    // Parameterised activations reach the kernel through FPARAM(6), FPARAM(7); conv2d has no floats of its own.
    [Test]
    public void FusedParameterisedActivations()
    {
        foreach (var act in new[] { Activation.Relu6, Activation.LeakyRelu(0.1f), Activation.HardSigmoid(), Activation.HardSwish,
                                    Activation.Sigmoid, Activation.Tanh })
            Check(new Conv2d(pads: Pads.Uniform(1), activation: act), [Random(2, 13, 7, 5), Random(6, 13, 3, 3), Random(6)],
                Tolerance.Transcendental);
    }

    [Test]
    public void OmittedTrailingBiasBindsADummy()
    {
        // Two inputs instead of [x, w, null]: the output must still land on the output binding.
        var x = Random(1, 3, 5, 4);
        var w = Random(2, 3, 3, 3);
        TensorAssert.Close(new Conv2d().Reference(x, w, null), Compute.Run(new Conv2d(), x, w), Tolerance.Kernel);
    }

    [Test]
    public void WrongChannelsIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Conv2d(), Random(1, 3, 5, 5), Random(2, 4, 3, 3)));
}
