using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class Pool2dTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Max2x2Stride2() => Check(new Pool2d(PoolKind.Max, 2, 2, 2, 2), Random(2, 13, 7, 5));

    [Test]
    public void Max3x3Stride2PaddedCeil() =>
        Check(new Pool2d(PoolKind.Max, 3, 3, 2, 2, Pads.Uniform(1), ceilMode: true), Random(1, 5, 8, 9));

    [Test]
    public void MaxDilated() => Check(new Pool2d(PoolKind.Max, 2, 3, 1, 2, dilationH: 2, dilationW: 2), Random(1, 3, 9, 11));

    [Test]
    public void AverageExcludingPad() =>
        Check(new Pool2d(PoolKind.Average, 3, 3, 2, 2, new Pads(1, 1, 0, 1)), Random(2, 7, 7, 5));

    [Test]
    public void AverageIncludingPadCeil() =>
        Check(new Pool2d(PoolKind.Average, 3, 2, 2, 2, Pads.Uniform(1), ceilMode: true, countIncludePad: true), Random(1, 4, 8, 7));

    // A window over the whole plane without padding runs as the global pool (grouped fold for big planes).
    [TestCase(PoolKind.Average, 19, 21)]
    [TestCase(PoolKind.Max, 33, 12)]
    [TestCase(PoolKind.Average, 5, 7)]
    public void WindowOverTheWholePlane(PoolKind kind, int h, int w) => Check(new Pool2d(kind, h, w, h, w), Random(2, 3, h, w));
}
