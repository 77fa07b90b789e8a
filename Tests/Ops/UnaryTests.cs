using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class UnaryTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Relu() => Check(new Unary(UnaryKind.Relu), Random(2, 13, 7, 5));

    [Test]
    public void ReluOfOddLength() => Check(new Unary(UnaryKind.Relu), Random(127));

    // Every kind with its ONNX defaults, over [-6, 6) (both sides of every kink: HardSigmoid's saturation at +-2.5,
    // HardSwish's at +-3, ReLU6's at 6) on an odd NCHW shape.
    [TestCase(UnaryKind.Relu)]
    [TestCase(UnaryKind.LeakyRelu)]
    [TestCase(UnaryKind.Elu)]
    [TestCase(UnaryKind.Selu)]
    [TestCase(UnaryKind.Sigmoid)]
    [TestCase(UnaryKind.HardSigmoid)]
    [TestCase(UnaryKind.HardSwish)]
    [TestCase(UnaryKind.Tanh)]
    [TestCase(UnaryKind.Softplus)]
    [TestCase(UnaryKind.Softsign)]
    [TestCase(UnaryKind.Mish)]
    [TestCase(UnaryKind.Clip)]
    [TestCase(UnaryKind.Exp)]
    [TestCase(UnaryKind.Neg)]
    [TestCase(UnaryKind.Abs)]
    [TestCase(UnaryKind.Identity)]
    public void EveryKindWithDefaults(UnaryKind k) =>
        Check(new Unary(k), [RandomIn(-6f, 6f, 2, 13, 7, 5)], ToleranceFor(k));

    // Selections and sign flips are exact; a multiply-add may be fused on the device (a rounding apart); exp, log,
    // tanh and pow come from the device's math library (a few ulp apart).
    private static Tolerance ToleranceFor(UnaryKind k) => k switch
    {
        UnaryKind.Relu or UnaryKind.Neg or UnaryKind.Abs or UnaryKind.Identity or UnaryKind.Clip => Tolerance.Exact,
        UnaryKind.LeakyRelu or UnaryKind.HardSigmoid or UnaryKind.HardSwish or UnaryKind.Softsign => Tolerance.Kernel,
        _ => Tolerance.Transcendental,
    };

    [Test]
    public void SqrtOfNonNegative() => Check(new Unary(UnaryKind.Sqrt), [RandomIn(0f, 50f, 2, 13, 7, 5)], Tolerance.Transcendental);

    [Test]
    public void SqrtOfNegativeIsNaN()
    {
        var y = Check(new Unary(UnaryKind.Sqrt), new Tensor([3], [-1f, 0f, 4f]));
        Assert.That(float.IsNaN(y.Data[0]), $"sqrt(-1) on {Kind} gave {y.Data[0]}");
        Assert.That(y.Data[2], Is.EqualTo(2f).Within(1e-6f));
    }

    // Overflow-prone inputs: e^x overflows float32 past 88, and e^-x past -88; the stable forms must stay finite.
    [TestCase(UnaryKind.Sigmoid)]
    [TestCase(UnaryKind.Softplus)]
    [TestCase(UnaryKind.Mish)]
    [TestCase(UnaryKind.Tanh)]
    [TestCase(UnaryKind.Elu)]
    [TestCase(UnaryKind.Selu)]
    [TestCase(UnaryKind.Softsign)]
    [TestCase(UnaryKind.HardSwish)]
    public void StableForHugeInputs(UnaryKind k)
    {
        var x = new Tensor([2, 5], [-1000f, -100f, -89f, -30f, -1e-3f, 1e-3f, 30f, 89f, 100f, 1000f]);
        var y = Check(new Unary(k), [x], Tolerance.Transcendental);
        Assert.That(y.Data, Has.All.Matches<float>(float.IsFinite), $"{k} on {Kind}");
    }

    [Test]
    public void WideRangeTranscendentals()
    {
        foreach (var k in new[] { UnaryKind.Sigmoid, UnaryKind.Softplus, UnaryKind.Mish, UnaryKind.Tanh, UnaryKind.Exp })
            Check(new Unary(k), [RandomIn(-80f, 80f, 2, 3, 11)], Tolerance.Transcendental);
    }

    [Test]
    public void LeakyReluWithSlope() => Check(new Unary(UnaryKind.LeakyRelu, 0.2f), Random(2, 13, 7, 5));

    [Test]
    public void EluWithAlpha() => Check(new Unary(UnaryKind.Elu, 0.5f), [RandomIn(-4f, 4f, 2, 13, 7, 5)], Tolerance.Transcendental);

    [Test]
    public void SeluWithParameters() =>
        Check(new Unary(UnaryKind.Selu, 2f, 3f), [RandomIn(-4f, 4f, 2, 13, 7, 5)], Tolerance.Transcendental);

    [Test]
    public void HardSigmoidWithParameters() => Check(new Unary(UnaryKind.HardSigmoid, 0.5f, 0.6f), RandomIn(-4f, 4f, 2, 13, 7, 5));

    [Test]
    public void Relu6() => Check(Unary.Relu6, RandomIn(-10f, 10f, 2, 13, 7, 5));

    [Test]
    public void ClipWithMinAboveMaxGivesMax()
    {
        var y = Check(Unary.Clip(1f, -1f), Random(13));
        Assert.That(y.Data, Has.All.EqualTo(-1f));
    }

    // The reference against values worked out by hand from the ONNX definitions (and run on the backend too).
    [Test]
    public void HandComputedValues()
    {
        var x = new Tensor([4], [-2f, -0.5f, 0f, 3f]);
        void Expect(Unary op, params float[] expected)
        {
            Check(op, [x], Tolerance.Transcendental);
            TensorAssert.Close(new Tensor([4], expected), op.Reference(x), new Tolerance("hand", 1e-6f, 1e-6f), op.ToString());
        }
        Expect(new Unary(UnaryKind.LeakyRelu), -0.02f, -0.005f, 0f, 3f);
        Expect(new Unary(UnaryKind.Elu), MathF.Exp(-2f) - 1f, MathF.Exp(-0.5f) - 1f, 0f, 3f);
        // Selu: gamma * alpha * (e^x - 1) below zero, gamma * x above: 1.0507 * 1.6733 * (e^-2 - 1) = -1.5202.
        Expect(new Unary(UnaryKind.Selu), -1.5201665f, -0.6917582f, 0f, 3.1521031f);
        Expect(new Unary(UnaryKind.HardSigmoid), 0.1f, 0.4f, 0.5f, 1f);
        // HardSwish: x * clamp(x/6 + 1/2, 0, 1): -2 * 1/6, -0.5 * 5/12, 0, 3 * 1.
        Expect(new Unary(UnaryKind.HardSwish), -1f / 3f, -0.5f * 5f / 12f, 0f, 3f);
        Expect(new Unary(UnaryKind.Softsign), -2f / 3f, -1f / 3f, 0f, 0.75f);
        Expect(new Unary(UnaryKind.Sigmoid), 0.11920292f, 0.37754067f, 0.5f, 0.95257413f);
        Expect(new Unary(UnaryKind.Softplus), 0.12692801f, 0.47407699f, 0.69314718f, 3.04858735f);
        // Mish: x * tanh(softplus(x)).
        Expect(new Unary(UnaryKind.Mish), -0.25250148f, -0.22074377f, 0f, 2.98653500f);
        Expect(Unary.Relu6, 0f, 0f, 0f, 3f);
        Expect(Unary.Clip(-1f, 1f), -1f, -0.5f, 0f, 1f);
    }
}
