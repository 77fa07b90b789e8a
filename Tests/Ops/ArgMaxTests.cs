using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ArgMaxTests(Backend kind) : BackendTest(kind)
{
    [TestCase(0, true)]
    [TestCase(1, true)]
    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(-1, true)]
    [TestCase(-1, false)]
    public void Nchw13Channels(int axis, bool keepDims) =>
        Check(new ArgMax(axis, keepDims), [Random(2, 13, 7, 5)], Tolerance.Exact);

    [Test]
    public void ClassifierLogits()
    {
        var y = Check(new ArgMax(1, keepDims: false), [Random(2, 1000)], Tolerance.Exact);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2 }));
    }

    // Ties: the first index by default, the last with select_last_index.
    [Test]
    public void TiesByHand()
    {
        var x = new Tensor([2, 4], [1f, 3f, 3f, 0f, -1f, -1f, -1f, -1f]);
        TensorAssert.Close(new Tensor([2, 1], [1f, 0f]), Check(new ArgMax(1), [x], Tolerance.Exact), Tolerance.Exact);
        TensorAssert.Close(new Tensor([2], [2f, 3f]), Check(new ArgMax(-1, false, selectLastIndex: true), [x], Tolerance.Exact), Tolerance.Exact);
        TensorAssert.Close(new Tensor([4], [0f, 0f, 0f, 0f]), Check(new ArgMax(0, false), [x], Tolerance.Exact), Tolerance.Exact);
    }

    [Test]
    public void TiesAcrossChannelsSelectLast()
    {
        // Rounded values make ties common along the 13 channels.
        var x = RandomIn(0f, 3f, 2, 13, 7, 5);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = MathF.Floor(x.Data[i]);
        Check(new ArgMax(1, selectLastIndex: true), [x], Tolerance.Exact);
        Check(new ArgMax(1), [x], Tolerance.Exact);
    }

    [Test]
    public void AxisOutOfRangeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new ArgMax(4).OutputShape([[2, 13, 7, 5]]));
}
