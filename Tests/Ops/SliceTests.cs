using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class SliceTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void StartsEnds() => Check(new Slice([1, 0, 2], [3, 5, 7]), Random(4, 5, 9));

    // Copies (Op.Copies): a Split's part along channels is one run per image; buffer copies on GL and CL.
    [Test]
    public void ChannelsOfTwoImagesAsBufferCopies() => Check(new Slice([3], [9], [1]), Random(2, 12, 16, 20));

    [Test]
    public void CopiesAreOneRunPerIndexBeforeTheAxis()
    {
        Assert.That(new Slice([3], [9], [1]).Copies([[2, 12, 16, 20]], [2, 6, 16, 20]),
            Is.EqualTo(new[] { new BlockCopy(0, 960, 0, 1920), new BlockCopy(0, 4800, 1920, 1920) }));
        Assert.That(new Slice([1, 0], [7, 100], [3, 1], [2, 3]).Copies([[2, 7, 3, 8]], [2, 3, 3, 3]), Is.Null, "strided slices stay in the kernel");
        Assert.That(new Slice([0, 1], [2, 9], [0, 1]).Copies([[4, 12, 16, 20]], [2, 8, 16, 20]), Is.Null, "two sliced axes stay in the kernel");
    }

    [Test]
    public void StepsAndAxesSubset() => Check(new Slice([1, 0], [7, 100], [3, 1], [2, 3]), Random(2, 7, 3, 8));

    [Test]
    public void NegativeSteps() => Check(new Slice([-1, 6], [long.MinValue, 0], [0, -1], [-1, -2]), Random(5, 3, 8));

    [Test]
    public void NegativeStartsAndEndsCountFromTheEnd() => Check(new Slice([-4, -3], [-1, long.MaxValue], [1, 2]), Random(2, 6, 5));

    [Test]
    public void Rank6() => Check(new Slice([1, 0, 2], [2, 3, 0], [0, 4, 5], [1, 2, -1]), Random(3, 2, 1, 2, 4, 3));

    [Test]
    public void EmptyResult()
    {
        var y = Check(new Slice([5], [2], [1]), Random(3, 4, 2));
        Assert.That(y.Shape, Is.EqualTo(new[] { 3, 0, 2 }));
    }

    [Test]
    public void ReversedByHand() =>
        CheckExpected(new Slice([-1], [long.MinValue], null, [-1]), [T([4], 1, 2, 3, 4)], T([4], 4, 3, 2, 1));

    [Test]
    public void NegativeStepByHand() =>
        // 8, 5, 2: start 8, stop before 1, step -3.
        CheckExpected(new Slice([8], [1], null, [-3]), [T([10], 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)], T([3], 8, 5, 2));

    [Test]
    public void ClampingPerSpec()
    {
        var op = new Slice([-100, 2, 3], [100, -100, 1], null, [1, -1, 2]);
        // Axis 0: [0, 5); axis 1 (step -1): start 2, end clamps to -1 → 3 elements; axis 2: start 3 > end 1 → empty.
        Assert.That(op.OutputShape([[5, 4, 6]]), Is.EqualTo(new[] { 5, 3, 0 }));
        // An out-of-range negative-step start clamps to dim - 1.
        Assert.That(new Slice([10], [0], null, [-1]).OutputShape([[4]]), Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void RepeatedAxisIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Slice([0, 0], [1, 1], [1, -1]), Random(2, 3)));
}
