using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class GatherTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void ScalarIndexDropsTheAxis() => Check(new Gather(1, [2], []), Random(2, 5, 3, 4));

    [Test]
    public void IndexTableWithNegatives() => Check(new Gather(1, [0, -1, 3, 3, -4, 1], [2, 3]), Random(3, 5, 7));

    [Test]
    public void LongRangeIsAProgression() => Check(new Gather(-1, Enumerable.Range(3, 40).ToArray(), [40]), Random(2, 3, 50));

    [Test]
    public void ManyRepeatsOfOneIndex() => Check(new Gather(0, Enumerable.Repeat(-2, 33).ToArray(), [3, 11]), Random(4, 5));

    [Test]
    public void OnnxExampleByHand() =>
        CheckExpected(new Gather(0, [0, 1, 1, 2], [2, 2]), [T([3, 2], 1, 2, 3, 4, 5, 6)],
            T([2, 2, 2], 1, 2, 3, 4, 3, 4, 5, 6));

    [Test]
    public void Axis1ByHand() =>
        CheckExpected(new Gather(1, [0, 2], [1, 2]), [T([3, 3], 1, 2, 3, 4, 5, 6, 7, 8, 9)],
            T([3, 1, 2], 1, 3, 4, 6, 7, 9));

    [Test]
    public void OutOfRangeIndexIsAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Gather(0, [4], []), Random(4, 2)));

    [Test]
    public void TooManyScatteredIndicesAreNotSupportedOnTheGpu()
    {
        var indices = Enumerable.Range(0, 30).Select(i => i * i % 7).ToArray();
        var op = new Gather(0, indices, [30]);
        if (Kind == Backend.CPU) Check(op, Random(7, 3));
        else Assert.Throws<NotSupportedException>(() => Compute.Run(op, Random(7, 3)));
    }
}
