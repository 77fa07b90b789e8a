using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ReduceMeanTests(Backend kind) : BackendTest(kind)
{
    [TestCase(new[] { 1 }, true)]
    [TestCase(new[] { 2, 3 }, true)]
    [TestCase(new[] { 2, 3 }, false)]
    [TestCase(new[] { -1 }, false)]
    [TestCase(new[] { 0, 2 }, true)]
    [TestCase(new[] { 3, 0 }, false)]
    [TestCase(new[] { 0, 1, 2, 3 }, false)]
    public void Nchw13Channels(int[] axes, bool keepDims)
    {
        var op = new ReduceMean(axes, keepDims);
        var y = Check(op, Random(2, 13, 7, 5));
        Assert.That(y.Shape, Is.EqualTo(op.OutputShape([[2, 13, 7, 5]])));
    }

    [Test]
    public void EmptyAxesReduceEverything()
    {
        var y = Check(new ReduceMean(), Random(2, 13, 7, 5));
        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 1, 1, 1 }));
        Assert.That(Check(new ReduceMean(keepDims: false), Random(3, 4)).Shape, Is.Empty);
    }

    [Test]
    public void EmptyAxesWithNoopCopy()
    {
        var x = Random(2, 13, 7, 5);
        var y = Check(new ReduceMean([], keepDims: false, noopWithEmptyAxes: true), x);
        TensorAssert.Close(x, y, Tolerance.Exact);
    }

    [Test]
    public void Rank6() => Check(new ReduceMean([1, 3, -1], keepDims: false), Random(2, 3, 2, 4, 3, 5));

    [Test]
    public void Rank1() => Check(new ReduceMean([0]), Random(127));

    [Test]
    public void ScalarInput() => Check(new ReduceMean(), new Tensor([], [4.5f]));

    [Test]
    public void GlobalAveragePoolAsReduceMean() => Check(new ReduceMean([2, 3]), Random(2, 13, 7, 5));

    [Test]
    public void HandComputed()
    {
        var x = new Tensor([2, 3], [1f, 2f, 3f, 4f, 5f, 6f]);
        TensorAssert.Close(new Tensor([2, 1], [2f, 5f]), Check(new ReduceMean([1]), x), Tolerance.Exact);
        TensorAssert.Close(new Tensor([3], [2.5f, 3.5f, 4.5f]), Check(new ReduceMean([0], keepDims: false), x), Tolerance.Exact);
        TensorAssert.Close(new Tensor([1, 1], [3.5f]), Check(new ReduceMean(), x), Tolerance.Exact);
    }

    [Test]
    public void InvalidAxesAreShapeErrors()
    {
        Assert.Throws<ShapeException>(() => new ReduceMean([4]).OutputShape([[2, 13, 7, 5]]));
        Assert.Throws<ShapeException>(() => new ReduceMean([1, -3]).OutputShape([[2, 13, 7, 5]]));
    }
}
