using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class SpaceToDepthTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Block2() => Check(new SpaceToDepth(2), Random(2, 3, 4, 6));

    [Test]
    public void Block3() => Check(new SpaceToDepth(3), Random(1, 5, 6, 3));

    [Test]
    public void InvertsDepthToSpaceDcr()
    {
        var x = Random(2, 3, 6, 4);
        var packed = Check(new SpaceToDepth(2), x);
        var back = Compute.Run(new DepthToSpace(2), packed);
        TensorAssert.Close(x, back, Tolerance.Exact, "depth_to_space(space_to_depth(x))");
    }

    [Test]
    public void ByHand() =>
        // One 2x4 channel, block 2: channel (i * 2 + j) collects the pixels at (2h + i, 2w + j).
        CheckExpected(new SpaceToDepth(2), [T([1, 1, 2, 4], 1, 2, 3, 4, 5, 6, 7, 8)], T([1, 4, 1, 2], 1, 3, 2, 4, 5, 7, 6, 8));

    [Test]
    public void SpatialSizeNotDivisibleIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new SpaceToDepth(2), Random(1, 1, 3, 4)));
}
