using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ExpandTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void GrowsRankAndStretches() => Check(new Expand([2, 1, 6]), Random(3, 1));

    [Test]
    public void BroadcastsBothWays() => Check(new Expand([3, 1, 2, 1]), Random(1, 4, 1, 5));

    [Test]
    public void Rank6() => Check(new Expand([2, 3, 1, 5, 4, 3]), Random(1, 5, 1, 3));

    [Test]
    public void OnnxExampleByHand() =>
        CheckExpected(new Expand([2, 1, 6]), [T([3, 1], 1, 2, 3)], T([2, 3, 6],
            Enumerable.Repeat(new float[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3 }, 2).SelectMany(a => a).ToArray()));

    [Test]
    public void IncompatibleShapeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Expand([4]), Random(3)));
}
