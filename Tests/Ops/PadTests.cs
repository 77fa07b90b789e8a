using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class PadTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void ConstantValue4D() => Check(new Pad([0, 1, 2, 0], [1, 0, 1, 3], PadMode.Constant, 1.5f), Random(2, 3, 4, 5));

    [Test]
    public void ReflectBouncesPastShortAxes() => Check(new Pad([0, 2, 5], [0, 3, 4], PadMode.Reflect), Random(2, 5, 3));

    [Test]
    public void ReflectOfOneElementRepeatsIt() => Check(new Pad([1, 2], [2, 1], PadMode.Reflect), Random(1, 4));

    [Test]
    public void Edge2D() => Check(new Pad([3, 1], [2, 4], PadMode.Edge), Random(3, 5));

    [Test]
    public void WrapRank6() => Check(new Pad([0, 1, 0, 2, 1, 5], [1, 0, 2, 1, 0, 3], PadMode.Wrap), Random(2, 1, 3, 2, 3, 4));

    [Test]
    public void NegativePadsCrop() => Check(new Pad([0, -1, 2], [0, 2, -3], PadMode.Constant, -2f), Random(2, 4, 7));

    [TestCase(PadMode.Reflect)]
    [TestCase(PadMode.Edge)]
    [TestCase(PadMode.Wrap)]
    public void CropOneSidePadTheOther(PadMode mode) => Check(new Pad([-1, 2, 0], [2, -1, 1], mode), Random(5, 6, 3));

    [Test]
    public void OnnxFlatPads() =>
        Check(Pad.FromOnnx([0, 0, 1, 2, 0, 0, 3, 4], PadMode.Edge), Random(1, 2, 3, 3));

    [Test]
    public void OnnxAxesInput()
    {
        // Opset 18: pads for axes -3 and -1 only (the ONNX test "constant_pad_negative_axes" uses these).
        var op = Pad.FromOnnx([0, 3, 0, 4], PadMode.Constant, 1.2f, axes: [-3, -1], rank: 4);
        Assert.That(op.Begins, Is.EqualTo(new[] { 0, 0, 0, 3 }));
        Assert.That(op.Ends, Is.EqualTo(new[] { 0, 0, 0, 4 }));
        Check(op, Random(1, 3, 4, 5));
    }

    [TestCase(PadMode.Constant, new float[] { 0, 0, 1, 2, 3, 0, 0 })]
    [TestCase(PadMode.Reflect, new float[] { 3, 2, 1, 2, 3, 2, 1 })]
    [TestCase(PadMode.Edge, new float[] { 1, 1, 1, 2, 3, 3, 3 })]
    [TestCase(PadMode.Wrap, new float[] { 2, 3, 1, 2, 3, 1, 2 })]
    public void ModesByHand(PadMode mode, float[] expected) =>
        CheckExpected(new Pad([2], [2], mode), [T([3], 1, 2, 3)], T([7], expected));

    [Test]
    public void CroppingHappensBeforeWrapping() =>
        // [1..5] cropped by one at the start is [2,3,4,5]; wrapping two at the end repeats its start.
        CheckExpected(new Pad([-1], [2], PadMode.Wrap), [T([5], 1, 2, 3, 4, 5)], T([6], 2, 3, 4, 5, 2, 3));

    [Test]
    public void OnnxReflectExample() =>
        // The ONNX operator doc's reflect example: pads [0, 2, 0, 0] on a 3x2 matrix.
        CheckExpected(new Pad([0, 2], [0, 0], PadMode.Reflect), [T([3, 2], 1f, 1.2f, 2.3f, 3.4f, 4.5f, 5.7f)],
            T([3, 4], 1f, 1.2f, 1f, 1.2f, 2.3f, 3.4f, 2.3f, 3.4f, 4.5f, 5.7f, 4.5f, 5.7f));

    [Test]
    public void OverCroppingIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Pad([-3, 0], [-2, 0]), Random(4, 2)));

    [Test]
    public void RankMismatchIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Pad([1], [1]), Random(4, 2)));
}
