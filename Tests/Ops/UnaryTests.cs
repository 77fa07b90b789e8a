using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class UnaryTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Relu() => Check(new Unary(UnaryKind.Relu), Random(2, 13, 7, 5));

    [Test]
    public void ReluOfOddLength() => Check(new Unary(UnaryKind.Relu), Random(127));
}
