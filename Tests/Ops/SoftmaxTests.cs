using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class SoftmaxTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void LastAxis() => Check(new Softmax(), [Random(2, 10)], Tolerance.Transcendental);

    [Test]
    public void ChannelAxis() => Check(new Softmax(axis: 1), [Random(2, 13, 7, 5)], Tolerance.Transcendental);

    [Test]
    public void LogSoftmax() => Check(new Softmax(axis: -2, log: true), [Random(3, 6, 4)], Tolerance.Transcendental);

    [Test]
    public void Legacy2DCoercion() => Check(new Softmax(axis: 1, coerce2D: true), [Random(2, 3, 4)], Tolerance.Transcendental);

    [Test]
    public void LargeLogitsStayFinite() =>
        Check(new Softmax(), [new Vision.Tensors.Tensor([1, 3], [1000f, 1001f, 999f])], Tolerance.Transcendental);
}
