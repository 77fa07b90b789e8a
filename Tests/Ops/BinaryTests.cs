using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class BinaryTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void AddSameShape() => Check(new Binary(BinaryKind.Add), Random(2, 13, 7, 5), Random(2, 13, 7, 5));

    [Test]
    public void AddBroadcastPerChannel() => Check(new Binary(BinaryKind.Add), Random(2, 13, 7, 5), Random(13, 1, 1));

    [Test]
    public void AddBroadcastBothWays() => Check(new Binary(BinaryKind.Add), Random(3, 1, 5), Random(4, 1));

    [Test]
    public void ResidualAddWithRelu() => Check(new Binary(BinaryKind.Add, Activation.Relu), Random(1, 6, 5, 5), Random(1, 6, 5, 5));

    [Test]
    public void IncompatibleShapesAreAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Binary(BinaryKind.Add), Random(2, 3), Random(4)));
}
