using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ReshapeTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void InfersMinusOne()
    {
        var y = Check(new Reshape([4, -1]), Random(2, 3, 4));
        Assert.That(y.Shape, Is.EqualTo(new[] { 4, 6 }));
    }

    [Test]
    public void ZeroCopiesTheInputDimension()
    {
        var y = Check(new Reshape([0, 0, -1]), Random(2, 3, 4, 5));
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3, 20 }));
    }

    [Test]
    public void FlattenByHand() =>
        CheckExpected(new Reshape([1, -1]), [T([2, 2], 1, 2, 3, 4)], T([1, 4], 1, 2, 3, 4));

    [Test]
    public void WrongCountIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Reshape([5, -1]), Random(2, 3)));
}
