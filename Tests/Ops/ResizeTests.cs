using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ResizeTests(Backend kind) : BackendTest(kind)
{
    private static readonly ResizeCoordinates[] AllCoordinates = Enum.GetValues<ResizeCoordinates>();
    private static readonly ResizeCoordinates[] LinearCoordinates = AllCoordinates.Where(c => c != ResizeCoordinates.TfHalfPixelForNearest).ToArray();

    [Test]
    public void NearestUpAndDownFromSizes([ValueSource(nameof(AllCoordinates))] ResizeCoordinates coordinates, [Values] ResizeNearestMode rounding) =>
        Check(new Resize(ResizeMode.Nearest, sizes: [2, 3, 11, 4], coordinates: coordinates, nearestMode: rounding), Random(2, 3, 5, 7));

    [Test]
    public void NearestFromScales([ValueSource(nameof(AllCoordinates))] ResizeCoordinates coordinates, [Values] ResizeNearestMode rounding) =>
        Check(new Resize(ResizeMode.Nearest, scales: [1, 1, 0.6f, 2.5f], coordinates: coordinates, nearestMode: rounding), Random(1, 2, 9, 5));

    [Test]
    public void HalvingHitsExactTies([Values] ResizeNearestMode rounding) =>
        // Half pixel at scale 0.5 lands every output on x.5: the rounding mode alone decides.
        Check(new Resize(ResizeMode.Nearest, scales: [1, 1, 0.5f, 0.5f], nearestMode: rounding), Random(1, 3, 8, 6));

    [Test]
    public void LinearFromSizes([ValueSource(nameof(LinearCoordinates))] ResizeCoordinates coordinates) =>
        Check(new Resize(ResizeMode.Linear, sizes: [2, 3, 13, 4], coordinates: coordinates), Random(2, 3, 5, 7));

    [Test]
    public void LinearFromScales([ValueSource(nameof(LinearCoordinates))] ResizeCoordinates coordinates) =>
        Check(new Resize(ResizeMode.Linear, scales: [1, 1, 2, 1.5f], coordinates: coordinates), Random(1, 4, 3, 5));

    [Test]
    public void OutputOfOnePixel([Values(ResizeCoordinates.PytorchHalfPixel, ResizeCoordinates.AlignCorners, ResizeCoordinates.HalfPixel)] ResizeCoordinates coordinates) =>
        Check(new Resize(ResizeMode.Linear, sizes: [1, 2, 1, 5], coordinates: coordinates), Random(1, 2, 4, 3));

    // W4: output rows a multiple of 4 (a decoder's 2x upsampling), 4 outputs per item.
    [Test]
    public void UpsampleLinearTwiceFourWide([ValueSource(nameof(LinearCoordinates))] ResizeCoordinates coordinates) =>
        Check(new Resize(ResizeMode.Linear, scales: [1, 1, 2, 2], coordinates: coordinates), Random(2, 3, 5, 6));

    // UP2: bilinear half-pixel exactly 2x with even rows: 2x4 outputs per item; from sizes, borders clamped on every side.
    [TestCase(2, 5, 2)]
    [TestCase(1, 1, 8)]
    [TestCase(3, 4, 6)]
    public void UpsampleLinearTwiceTwoByFourBlocks(int batch, int h, int w) =>
        Check(new Resize(ResizeMode.Linear, sizes: [batch, 3, 2 * h, 2 * w]), Random(batch, 3, h, w));

    // HAS_ADDEND (a fused skip-connection Add): y = resize(x) + z on the UP2, W4 and one-output-per-item paths.
    [TestCase(ResizeMode.Linear, 2, 3, 4, 6)]
    [TestCase(ResizeMode.Linear, 2, 3, 3, 8)]
    [TestCase(ResizeMode.Nearest, 1, 2, 3, 4)]
    [TestCase(ResizeMode.Nearest, 2, 3, 5, 7)]
    public void WithAnAddend(ResizeMode mode, int batch, int channels, int h, int w) =>
        Check(new Resize(mode, sizes: [batch, channels, 2 * h, 2 * w]), Random(batch, channels, h, w), Random(batch, channels, 2 * h, 2 * w));

    // HAS_ADDEND_GATE (a fused squeeze-and-excitation residual): y = resize(x) + z * g + z, g [N,C,1,1], on the
    // UP2_QUADS, UP2, W4 and one-output-per-item paths.
    [TestCase(ResizeMode.Linear, 2, 3, 3, 8)]
    [TestCase(ResizeMode.Linear, 1, 2, 4, 6)]
    [TestCase(ResizeMode.Nearest, 2, 3, 5, 6)]
    [TestCase(ResizeMode.Nearest, 1, 5, 3, 7)]
    public void WithAGatedAddend(ResizeMode mode, int batch, int channels, int h, int w) =>
        Check(new Resize(mode, sizes: [batch, channels, 2 * h, 2 * w]), Random(batch, channels, h, w), Random(batch, channels, 2 * h, 2 * w),
            Random(batch, channels, 1, 1));

    // HAS_INPUT_GATE: x reads as x * gx + x (gx [N,C,1,1]) on every path: UP2_QUADS, UP2, W4 and one output per item,
    // nearest and linear (odd h: exactly 2x), the last case with the addend gated too.
    [TestCase(ResizeMode.Linear, 2, 3, 3, 8, false)]
    [TestCase(ResizeMode.Linear, 1, 2, 3, 6, false)]
    [TestCase(ResizeMode.Linear, 1, 2, 4, 6, false)]
    [TestCase(ResizeMode.Nearest, 2, 3, 5, 6, false)]
    [TestCase(ResizeMode.Nearest, 1, 5, 3, 7, false)]
    [TestCase(ResizeMode.Linear, 2, 3, 5, 7, true)]
    public void WithAGatedInput(ResizeMode mode, int batch, int channels, int h, int w, bool gatedAddend)
    {
        var resize = new Resize(mode, sizes: [batch, channels, 2 * h + 1 - h % 2, 2 * w]);
        var y = resize.OutputShape([[batch, channels, h, w]]);
        var inputs = new[] { Random(batch, channels, h, w), gatedAddend ? Random(y) : null, gatedAddend ? Random(batch, channels, 1, 1) : null, Random(batch, channels, 1, 1) };
        Check(resize, inputs);
    }

    [Test]
    public void AGateOfAnotherShapeOrWithoutAnAddendIsAShapeError()
    {
        var resize = new Resize(ResizeMode.Nearest, sizes: [1, 2, 4, 4]);
        var e = Assert.Throws<ShapeException>(() => resize.OutputShape([[1, 2, 2, 2], [1, 2, 4, 4], [1, 2, 4, 1]]));
        Assert.That(e!.Message, Does.Contain("addend gate [1,2,4,1] must have one value per image and channel, [1,2,1,1]"));
        Assert.Throws<ShapeException>(() => resize.OutputShape([[1, 2, 2, 2], null, [1, 2, 1, 1]]));
    }

    [Test]
    public void AnAddendOfAnotherShapeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new Resize(ResizeMode.Nearest, sizes: [1, 2, 4, 4]).OutputShape([[1, 2, 2, 2], [1, 2, 4, 5]]));

    [Test]
    public void UpsampleNearest() => Check(Resize.Upsample(ResizeMode.Nearest, [1, 1, 2, 3]), Random(2, 3, 4, 5));

    [Test]
    public void UpsampleLinear() => Check(Resize.Upsample(ResizeMode.Linear, [1, 1, 2.5f, 2]), Random(1, 3, 4, 5));

    [Test]
    public void UpsampleNearestRepeatsPixelsByHand() =>
        CheckExpected(Resize.Upsample(ResizeMode.Nearest, [1, 1, 2, 3]), [T([1, 1, 2, 2], 1, 2, 3, 4)], T([1, 1, 4, 6],
            1, 1, 1, 2, 2, 2,
            1, 1, 1, 2, 2, 2,
            3, 3, 3, 4, 4, 4,
            3, 3, 3, 4, 4, 4));

    [Test]
    public void UpsampleLinearIsAsymmetricByHand() =>
        // x / 2 → 0, 0.5, 1, 1.5 (clamped to the last pixel).
        CheckExpected(Resize.Upsample(ResizeMode.Linear, [1, 1, 2, 2]), [T([1, 1, 2, 2], 1, 2, 3, 4)], T([1, 1, 4, 4],
            1, 1.5f, 2, 2,
            2, 2.5f, 3, 3,
            3, 3.5f, 4, 4,
            3, 3.5f, 4, 4));

    [Test]
    public void LinearHalfPixelByHand() =>
        // (x + 0.5) / 2 - 0.5 → -0.25, 0.25, 0.75, 1.25: the ends clamp to the edge pixels.
        CheckExpected(new Resize(ResizeMode.Linear, sizes: [1, 1, 1, 4]), [T([1, 1, 1, 2], 1, 2)], T([1, 1, 1, 4], 1, 1.25f, 1.75f, 2));

    [Test]
    public void LinearAlignCornersByHand() =>
        CheckExpected(new Resize(ResizeMode.Linear, sizes: [1, 1, 1, 4], coordinates: ResizeCoordinates.AlignCorners),
            [T([1, 1, 1, 2], 1, 4)], T([1, 1, 1, 4], 1, 2, 3, 4), Tolerance.Kernel);

    [TestCase(ResizeNearestMode.RoundPreferFloor, 1, 3)]
    [TestCase(ResizeNearestMode.RoundPreferCeil, 2, 4)]
    [TestCase(ResizeNearestMode.Floor, 1, 3)]
    [TestCase(ResizeNearestMode.Ceil, 2, 4)]
    public void NearestDownsampleTiesByHand(ResizeNearestMode rounding, float first, float second) =>
        // Half pixel, 4 → 2: the sources are 0.5 and 2.5.
        CheckExpected(new Resize(ResizeMode.Nearest, sizes: [1, 1, 1, 2], nearestMode: rounding), [T([1, 1, 1, 4], 1, 2, 3, 4)], T([1, 1, 1, 2], first, second));

    [Test]
    public void TfHalfPixelForNearestByHand() =>
        // (x + 0.5) / 1.5 → 0.33, 1, 1.67 → round_prefer_floor 0, 1, 2.
        CheckExpected(new Resize(ResizeMode.Nearest, sizes: [1, 1, 1, 3], coordinates: ResizeCoordinates.TfHalfPixelForNearest),
            [T([1, 1, 1, 2], 5, 6)], T([1, 1, 1, 3], 5, 6, 6));

    [Test]
    public void ScalingBatchOrChannelsIsRejected()
    {
        Assert.Throws<NotSupportedException>(() => new Resize(scales: [1, 2, 2, 2]));
        Assert.Throws<NotSupportedException>(() => Compute.Run(new Resize(sizes: [1, 4, 6, 6]), Random(1, 2, 3, 3)));
        Assert.Throws<ArgumentException>(() => new Resize(scales: [1, 1, 2, 2], sizes: [1, 1, 4, 4]));
    }
}
