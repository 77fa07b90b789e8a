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

    // Gemm's own alpha and beta (FPARAM 0, 1) and the activation's (FPARAM 6, 7) must not collide.
    [Test]
    public void ScaledWithFusedClip() =>
        Check(new Gemm(alpha: 2f, beta: 0.5f, activation: Activation.Clip(-0.3f, 0.4f)), Random(6, 4), Random(4, 3), Random(3));

    [Test]
    public void ScaledWithFusedLeakyRelu() =>
        Check(new Gemm(alpha: 1.5f, beta: -1f, transB: true, activation: Activation.LeakyRelu(0.2f)), Random(5, 7), Random(3, 7), Random(5, 3));

    [Test]
    public void NoC() => Check(new Gemm(), Random(3, 11), Random(11, 2), null);
}
