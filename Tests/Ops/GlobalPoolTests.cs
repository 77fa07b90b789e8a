using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class GlobalPoolTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Average() => Check(new GlobalPool(PoolKind.Average), Random(2, 13, 7, 5));

    [Test]
    public void Max() => Check(new GlobalPool(PoolKind.Max), Random(3, 5, 9, 1));

    // GROUP_REDUCE: planes over 256 pixels fold in a work group of 64 (sizes not a multiple of 64; several planes).
    [Test]
    public void AverageOfLargePlanesFoldsInGroups() => Check(new GlobalPool(PoolKind.Average), Random(2, 3, 23, 29));

    // QUADS: grouped planes of a multiple of 4 pixels read 4-wide (17 x 40; 16 x 20 below).
    [Test]
    public void MaxOfLargePlanesFoldsInGroups() => Check(new GlobalPool(PoolKind.Max), Random(1, 5, 17, 40));

    [Test]
    public void AverageOfLargePlanesInQuads() => Check(new GlobalPool(PoolKind.Average), Random(2, 3, 16, 20));

    // HAS_ADDEND: the pool of x + z (the compiler's fusion of an Add read only by the pool), small planes and grouped ones.
    [TestCase(PoolKind.Average, 2, 13, 7, 5)]
    [TestCase(PoolKind.Max, 1, 5, 17, 40)]
    [TestCase(PoolKind.Average, 1, 3, 23, 29)]
    [TestCase(PoolKind.Average, 2, 3, 16, 20)]
    public void OfASumWithAnAddend(PoolKind kind, int n, int c, int h, int w) =>
        Check(new GlobalPool(kind), Random(n, c, h, w), Random(n, c, h, w));

    [Test]
    public void AnAddendOfAnotherShapeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new GlobalPool(PoolKind.Average).OutputShape([[1, 3, 4, 5], [1, 3, 5, 4]]));
}
