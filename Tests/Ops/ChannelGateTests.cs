using Vision.Backends;
using Vision.Ops;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

/// <summary>Squeeze-and-excitation's excitation in one kernel: odd channel counts, batch 2, both activations, no biases.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class ChannelGateTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void ReluThenSigmoid() =>
        Check(new ChannelGate(hiddenRelu: true, Activation.Sigmoid), [Random(2, 13, 1, 1), Random(5, 13, 1, 1), Random(5), Random(11, 5, 1, 1), Random(11)],
            Tolerance.Transcendental);

    [Test]
    public void HardSigmoidWithoutBiases() =>
        Check(new ChannelGate(hiddenRelu: true, Activation.HardSigmoid(1f / 6f, 0.5f)), [Random(1, 24, 1, 1), Random(8, 24, 1, 1), null, Random(24, 8, 1, 1), null]);

    [Test]
    public void LinearHidden() => Check(new ChannelGate(hiddenRelu: false), Random(3, 4, 1, 1), Random(3, 4, 1, 1), Random(3), Random(7, 3, 1, 1), Random(7));

    // SQUEEZE: the gate averages [N,C,H,W] itself (the global pool before it, fused), C past one work group's 64 items.
    [Test]
    public void SqueezingTheChannelsFirst() =>
        Check(new ChannelGate(hiddenRelu: true, Activation.Sigmoid, squeeze: true),
            [Random(2, 70, 5, 7), Random(6, 70, 1, 1), Random(6), Random(70, 6, 1, 1), Random(70)], Tolerance.Transcendental);

    // HAS_ADDEND: a squeezing gate pools x + z (an Add read only by the gate, fused).
    [Test]
    public void SqueezingASumWithAnAddend() =>
        Check(new ChannelGate(hiddenRelu: true, Activation.Sigmoid, squeeze: true),
            [Random(2, 70, 5, 7), Random(6, 70, 1, 1), Random(6), Random(70, 6, 1, 1), Random(70), Random(2, 70, 5, 7)], Tolerance.Transcendental);

    [Test]
    public void AnAddendOnAGateThatDoesNotSqueezeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new ChannelGate(true).OutputShape([[1, 8, 1, 1], [4, 8, 1, 1], null, [8, 4, 1, 1], null, [1, 8, 1, 1]]));

    [Test]
    public void AHiddenWeightOfTheWrongWidthIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new ChannelGate(true).OutputShape([[1, 8, 1, 1], [4, 7, 1, 1], null, [8, 4, 1, 1], null]));
}
