using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class TransposeTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void NchwToNhwc() => Check(new Transpose([0, 2, 3, 1]), Random(2, 3, 5, 7));

    [Test]
    public void DefaultReversesAxes() => Check(new Transpose(), Random(3, 4, 5));

    [Test]
    public void Rank6() => Check(new Transpose([5, 0, 3, 1, 4, 2]), Random(2, 3, 1, 4, 3, 2));

    [Test]
    public void Rank1IsACopy() => Check(new Transpose([0]), Random(9));

    [Test]
    public void MatrixByHand() =>
        CheckExpected(new Transpose([1, 0]), [T([2, 3], 1, 2, 3, 4, 5, 6)], T([3, 2], 1, 4, 2, 5, 3, 6));

    [Test]
    public void BadPermIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Transpose([0, 0, 1]), Random(2, 3, 4)));
}
