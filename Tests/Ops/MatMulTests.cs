using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class MatMulTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Matrix() => Check(new MatMul(), Random(7, 5), Random(5, 3));

    [Test]
    public void Batched() => Check(new MatMul(), Random(2, 3, 4, 5), Random(2, 3, 5, 6));

    [Test]
    public void BroadcastBatch() => Check(new MatMul(), Random(2, 1, 4, 5), Random(3, 5, 2));

    [Test]
    public void MatrixTimesBatch() => Check(new MatMul(), Random(4, 5), Random(3, 1, 5, 3));

    [Test]
    public void VectorTimesBatch()
    {
        var y = Check(new MatMul(), Random(5), Random(2, 5, 3));
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public void BatchTimesVector()
    {
        var y = Check(new MatMul(), Random(2, 4, 5), Random(5));
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 4 }));
    }

    [Test]
    public void DotProductIsAScalar()
    {
        var y = Check(new MatMul(), Random(9), Random(9));
        Assert.That(y.Shape, Is.Empty);
    }

    [Test]
    public void ByHand() =>
        CheckExpected(new MatMul(), [T([2, 2], 1, 2, 3, 4), T([2, 2], 5, 6, 7, 8)], T([2, 2], 19, 22, 43, 50));

    [Test]
    public void InnerMismatchIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new MatMul(), Random(2, 3), Random(4, 2)));
}
