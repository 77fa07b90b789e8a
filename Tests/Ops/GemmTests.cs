using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class GemmTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void FullyConnected() => Check(new Gemm(transB: true), Random(2, 37), Random(10, 37), Random(10));

    [Test]
    public void TransposedAWithScalesAndMatrixC() =>
        Check(new Gemm(0.5f, 2f, transA: true), Random(9, 5), Random(9, 7), Random(5, 7));

    [Test]
    public void ColumnBiasAndRelu() => Check(new Gemm(activation: Activation.Relu), Random(6, 4), Random(4, 3), Random(6, 1));

    [Test]
    public void NoC() => Check(new Gemm(), Random(3, 11), Random(11, 2), null);
}
