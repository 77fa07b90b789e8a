using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ConvTranspose2dTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Plain3x3() => Check(new ConvTranspose2d(), Random(2, 5, 4, 3), Random(5, 6, 3, 3), Random(6));

    [Test]
    public void StridedAsymmetricPadsOutputPaddingNoBias() =>
        Check(new ConvTranspose2d(2, 3, new Pads(1, 0, 2, 1), outputPaddingH: 1, outputPaddingW: 2), Random(1, 3, 5, 4), Random(3, 4, 3, 2), null);

    // UP2: 2x2 kernel, stride 2, one group, even rows: 8 outputs per item; bias + fused sigmoid, batch 2, K > 1.
    [Test]
    public void TwoByTwoUpsamplingEightOutputsPerItem() =>
        Check(new ConvTranspose2d(2, 2, activation: Activation.Sigmoid), [Random(2, 5, 3, 6), Random(5, 3, 2, 2), Random(3)], Tolerance.Transcendental);

    // K4: rows of a multiple of 4, 4 input pixels x 4 output channels per item; K % 4 != 0, two images, a fused ReLU.
    [Test]
    public void TwoByTwoUpsamplingFourChannelsPerItem() =>
        Check(new ConvTranspose2d(2, 2, activation: Activation.Relu), Random(2, 5, 3, 8), Random(5, 7, 2, 2), Random(7));

    [Test]
    public void TwoByTwoUpsamplingNoBiasOneOutput() => Check(new ConvTranspose2d(2, 2), Random(1, 16, 4, 2), Random(16, 1, 2, 2), null);

    // The TILES path: stride = kernel, each output one tap per channel (odd rows here, so not UP2).
    [Test]
    public void StrideEqualsKernelTiles() => Check(new ConvTranspose2d(2, 2), Random(1, 16, 5, 5), Random(16, 1, 2, 2), Random(1));

    [Test]
    public void StrideEqualsKernelTilesGrouped() =>
        Check(new ConvTranspose2d(3, 2, group: 2, activation: Activation.Sigmoid), [Random(2, 4, 3, 4), Random(4, 3, 3, 2), null], Tolerance.Transcendental);

    [Test]
    public void Dilated() =>
        Check(new ConvTranspose2d(dilationH: 2, dilationW: 3, pads: new Pads(1, 2, 0, 1)), Random(1, 4, 5, 6), Random(4, 3, 3, 2), Random(3));

    [Test]
    public void StrideLargerThanKernelLeavesGaps() => Check(new ConvTranspose2d(3, 2), Random(1, 2, 3, 4), Random(2, 3, 2, 1), Random(3));

    [Test]
    public void Grouped() => Check(new ConvTranspose2d(2, 2, Pads.Uniform(1), group: 3), Random(2, 6, 4, 5), Random(6, 2, 3, 3), Random(6));

    [Test]
    public void Depthwise() => Check(new ConvTranspose2d(2, 2, group: 7), Random(1, 7, 5, 5), Random(7, 1, 3, 3), Random(7));

    [Test]
    public void FusedRelu() => Check(new ConvTranspose2d(activation: Activation.Relu), Random(1, 3, 4, 4), Random(3, 2, 3, 3), Random(2));

    [Test]
    public void SameUpperFromAutoPadDoublesTheSize()
    {
        var pads = ConvTranspose2d.ComputePads(AutoPad.SameUpper, 5, 3, 3, 4, 2, 2);
        var op = new ConvTranspose2d(2, 2, pads);
        var y = Check(op, Random(1, 2, 5, 3), Random(2, 3, 3, 4), Random(3));
        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 3, 10, 6 }));
    }

    [Test]
    public void NegativeSamePaddingWhenStrideExceedsKernel()
    {
        // k = 1, s = 2, in = 3: total padding 2*2 + 1 - 6 = -1, so the output grows past the last tap.
        var pads = ConvTranspose2d.ComputePads(AutoPad.SameLower, 3, 3, 1, 1, 2, 2);
        var y = Check(new ConvTranspose2d(2, 2, pads), Random(1, 2, 3, 3), Random(2, 2, 1, 1), Random(2));
        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 2, 6, 6 }));
    }

    [Test]
    public void OverlappingTapsSumByHand()
    {
        // [[1,2],[3,4]] through a 2x2 kernel of ones, stride 1: every output sums the inputs whose window covers it.
        var x = T([1, 1, 2, 2], 1, 2, 3, 4);
        var w = T([1, 1, 2, 2], 1, 1, 1, 1);
        CheckExpected(new ConvTranspose2d(), [x, w, null], T([1, 1, 3, 3], 1, 3, 2, 4, 10, 6, 3, 7, 4));
    }

    [Test]
    public void StrideEqualToKernelTilesByHand()
    {
        // Stride 2 with a 2x2 kernel: each input pixel paints its own 2x2 tile, scaled by w; bias 10.
        var x = T([1, 1, 2, 2], 1, 2, 3, 4);
        var w = T([1, 1, 2, 2], 1, 2, 3, 4);
        CheckExpected(new ConvTranspose2d(2, 2), [x, w, T([1], 10)], T([1, 1, 4, 4],
            11, 12, 12, 14,
            13, 14, 16, 18,
            13, 16, 14, 18,
            19, 22, 22, 26));
    }

    [Test]
    public void PadsCropAndOutputPaddingExtends()
    {
        // 1D view: x = [1, 2], w = [1, 1, 1], stride 2 → full output [1, 1, 3, 2, 2]; pad 1 at the start crops the first,
        // output padding 1 adds one (empty) element at the end.
        var x = T([1, 1, 1, 2], 1, 2);
        var w = T([1, 1, 1, 3], 1, 1, 1);
        CheckExpected(new ConvTranspose2d(1, 2, new Pads(0, 1, 0, 0), outputPaddingW: 1), [x, w, null], T([1, 1, 1, 5], 1, 3, 2, 2, 0));
    }

    [TestCase(AutoPad.SameUpper, 0, 1)]
    [TestCase(AutoPad.SameLower, 1, 0)]
    public void SameSplitsTheOddElementPerSpec(AutoPad mode, int begin, int end)
    {
        // in 3, k 3, s 2: output 6, total padding 2*2 + 3 - 6 = 1.
        var pads = ConvTranspose2d.ComputePads(mode, 3, 3, 3, 3, 2, 2);
        Assert.That(pads, Is.EqualTo(new Pads(begin, begin, end, end)));
        Assert.That(ConvTranspose2d.OutputSize(3, 3, 2, pads.Top, pads.Bottom), Is.EqualTo(6));
    }

    [Test]
    public void OutputShapeAttributeDrivesThePads()
    {
        // output_shape 7 from in 3, k 3, s 2, output_padding 1: total = 4 + 1 + 3 - 7 = 1; NOTSET puts the odd one first.
        var pads = ConvTranspose2d.ComputePads(AutoPad.NotSet, 3, 3, 3, 3, 2, 2, outputPaddingH: 1, outputPaddingW: 1, outputH: 7, outputW: 8);
        Assert.That(pads, Is.EqualTo(new Pads(1, 0, 0, 0)));
        Assert.That(ConvTranspose2d.ComputePads(AutoPad.Valid, 3, 3, 3, 3, 2, 2), Is.EqualTo(Pads.Valid));
        var explicitPads = new Pads(1, 2, 3, 4);
        Assert.That(ConvTranspose2d.ComputePads(AutoPad.NotSet, 3, 3, 3, 3, explicitPads: explicitPads), Is.EqualTo(explicitPads));
        Check(new ConvTranspose2d(2, 2, pads, 1, 1), Random(1, 2, 3, 3), Random(2, 2, 3, 3), null);
    }

    [Test]
    public void WrongWeightChannelsIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new ConvTranspose2d(), Random(1, 3, 5, 5), Random(4, 2, 3, 3), null));

    [Test]
    public void AnAbsentBiasMustBePassedAsNull() =>
        // Without the null the output would bind where the kernel expects the bias.
        Assert.Throws<ShapeException>(() => Compute.Run(new ConvTranspose2d(), Random(1, 3, 5, 5), Random(3, 2, 3, 3)));

    [Test]
    public void OutputPaddingBeyondTheStrideHoldsOnlyTheBias() =>
        Check(new ConvTranspose2d(2, 2, outputPaddingH: 3, outputPaddingW: 1), Random(1, 2, 3, 3), Random(2, 2, 2, 2), Random(2));
}
