using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class BinaryTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void AddSameShape() => Check(new Binary(BinaryKind.Add), Random(2, 13, 7, 5), Random(2, 13, 7, 5));

    [Test]
    public void AddBroadcastPerChannel() => Check(new Binary(BinaryKind.Add), Random(2, 13, 7, 5), Random(13, 1, 1));

    // The BLOCKS fast path: each operand one run of dimensions, the broadcast one first or second.
    [Test]
    public void MulSqueezeExcitationScale() => Check(new Binary(BinaryKind.Mul), Random(1, 13, 1, 1), Random(1, 13, 7, 5));

    [Test]
    public void AddScalarWithUnitDimensions() => Check(new Binary(BinaryKind.Add), Random(2, 1, 7, 5), Random(1));

    [Test]
    public void SubRowVectorOverUnitMiddle() => Check(new Binary(BinaryKind.Sub), Random(3, 1, 4), Random(4));

    // binary4: 4 outputs per item; operands contiguous (vec4 load) or broadcast within the 4.
    [TestCase(BinaryKind.Add)]
    [TestCase(BinaryKind.Sub)]
    [TestCase(BinaryKind.Mul)]
    [TestCase(BinaryKind.Div)]
    [TestCase(BinaryKind.Max)]
    [TestCase(BinaryKind.Min)]
    public void FourWide(BinaryKind kind)
    {
        Check(new Binary(kind), Random(2, 4, 6), RandomIn(0.5f, 2f, 2, 4, 6));
        Check(new Binary(kind, Activation.Relu), Random(1, 8, 1, 1), RandomIn(0.5f, 2f, 1, 8, 4, 4));
        Check(new Binary(kind), Random(3, 4), RandomIn(0.5f, 2f, 4));
        Check(new Binary(kind), Random(3, 4, 4), RandomIn(0.5f, 2f, 1));
        Check(new Binary(kind), Random(2, 6), RandomIn(0.5f, 2f, 6));  // a run of 6 is neither: the scalar kernel
    }

    [Test]
    public void BlockIndexing()
    {
        Assert.That(Binary.Block([1, 13, 1, 1], [2, 13, 7, 5], out int inner, out int count), Is.True);
        Assert.That((inner, count), Is.EqualTo((35, 13)));
        Assert.That(Binary.Block([2, 1, 7, 5], [2, 1, 7, 5], out inner, out count), Is.True);
        Assert.That((inner, count), Is.EqualTo((1, 70)));
        Assert.That(Binary.Block([3, 1, 5], [3, 4, 5], out _, out _), Is.False);
        Assert.That(Binary.Block([1], [3, 4, 5], out inner, out count), Is.True);
        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public void AddBroadcastBothWays() => Check(new Binary(BinaryKind.Add), Random(3, 1, 5), Random(4, 1));

    [Test]
    public void ResidualAddWithRelu() => Check(new Binary(BinaryKind.Add, Activation.Relu), Random(1, 6, 5, 5), Random(1, 6, 5, 5));

    [Test]
    public void IncompatibleShapesAreAShapeError() =>
        Assert.Throws<ShapeException>(() => Compute.Run(new Binary(BinaryKind.Add), Random(2, 3), Random(4)));

    [TestCase(BinaryKind.Add)]
    [TestCase(BinaryKind.Sub)]
    [TestCase(BinaryKind.Mul)]
    [TestCase(BinaryKind.Max)]
    [TestCase(BinaryKind.Min)]
    [TestCase(BinaryKind.PRelu)]
    public void EveryKindPerChannel(BinaryKind k) => Check(new Binary(k), Random(2, 13, 7, 5), Random(13, 1, 1));

    [TestCase(BinaryKind.Sub)]
    [TestCase(BinaryKind.Max)]
    [TestCase(BinaryKind.Min)]
    public void EveryKindBothWays(BinaryKind k) => Check(new Binary(k), Random(3, 1, 5), Random(4, 1));

    [Test]
    public void DivAwayFromZero() =>
        Check(new Binary(BinaryKind.Div), Random(2, 13, 7, 5), RandomIn(0.5f, 3f, 1, 13, 1, 5));

    [Test]
    public void DivByScalar() => Check(new Binary(BinaryKind.Div), Random(2, 13, 7, 5), new Tensor([], [3f]));

    [Test]
    public void PowOfPositiveBase() =>
        Check(new Binary(BinaryKind.Pow), [RandomIn(0.1f, 4f, 2, 13, 7, 5), RandomIn(-3f, 3f, 2, 13, 7, 5)], Tolerance.Transcendental);

    // A negative base: integral exponents keep the sign of odd powers, fractional ones give NaN (C pow; the GLSL
    // pow() builtin is undefined there, so the kernel works the sign out itself).
    [Test]
    public void PowOfNegativeBase()
    {
        var a = new Tensor([2, 7], [-2f, -2f, -2f, -2f, -3f, -0.5f, -1.5f, -2f, -2f, -8f, 0f, 0f, 0f, 5f]);
        var b = new Tensor([2, 7], [2f, 3f, -1f, -2f, 5f, 3f, 0f, 0.5f, 2.5f, 1f / 3f, 2f, 0f, -1f, 0f]);
        var y = Check(new Binary(BinaryKind.Pow), [a, b], Tolerance.Transcendental);
        float nan = float.NaN, inf = float.PositiveInfinity;
        TensorAssert.Close(new Tensor([2, 7], [4f, -8f, -0.5f, 0.25f, -243f, -0.125f, 1f, nan, nan, nan, 0f, 1f, inf, 1f]),
            y, Tolerance.Transcendental, $"pow by hand on {Kind}");
    }

    [Test]
    public void PowOfRandomSignsWithIntegralExponents()
    {
        var b = RandomIn(-4f, 4f, 13, 7, 5);
        for (int i = 0; i < b.Data.Length; i++) b.Data[i] = MathF.Round(b.Data[i]);
        Check(new Binary(BinaryKind.Pow), [RandomIn(-3f, 3f, 2, 13, 7, 5), b], Tolerance.Transcendental);
    }

    [Test]
    public void PReluBySlopePerChannel()
    {
        var x = new Tensor([1, 2, 1, 2], [-2f, 3f, -4f, 5f]);
        var slope = new Tensor([2, 1, 1], [0.5f, 0.25f]);
        var y = Check(new Binary(BinaryKind.PRelu), x, slope);
        TensorAssert.Close(new Tensor([1, 2, 1, 2], [-1f, 3f, -1f, 5f]), y, Tolerance.Exact, $"prelu on {Kind}");
    }

    [Test]
    public void PReluSlopeMustBroadcastToX() =>
        Assert.Throws<ShapeException>(() => new Binary(BinaryKind.PRelu).OutputShape([[13, 1, 1], [2, 13, 7, 5]]));

    [Test]
    public void MaxMinHandComputed()
    {
        var a = new Tensor([3], [1f, -2f, 3f]);
        var b = new Tensor([3], [0f, -1f, 3f]);
        TensorAssert.Close(new Tensor([3], [1f, -1f, 3f]), Check(new Binary(BinaryKind.Max), a, b), Tolerance.Exact);
        TensorAssert.Close(new Tensor([3], [0f, -2f, 3f]), Check(new Binary(BinaryKind.Min), a, b), Tolerance.Exact);
    }

    // Fused activations with parameters travel in FPARAM(6), FPARAM(7).
    [Test]
    public void FusedActivations()
    {
        foreach (var act in new[] { Activation.Relu6, Activation.Clip(-0.5f, 0.25f), Activation.LeakyRelu(), Activation.LeakyRelu(0.3f),
                                    Activation.Sigmoid, Activation.HardSigmoid(), Activation.HardSigmoid(0.4f, 0.3f),
                                    Activation.HardSwish, Activation.Tanh })
            Check(new Binary(BinaryKind.Mul, act), [RandomIn(-4f, 4f, 2, 13, 7, 5), RandomIn(-4f, 4f, 13, 1, 1)], Tolerance.Transcendental);
    }

    // HAS_ADDEND: ACT(a * s + z) in one pass, on the 4-wide path (per-channel s) and the general one (odd length).
    [Test]
    public void MulWithAnAddendFourWide() =>
        Check(new Binary(BinaryKind.Mul, Activation.Relu), Random(2, 3, 4, 4), Random(1, 3, 1, 1), Random(2, 3, 4, 4));

    [Test]
    public void MulWithAnAddendGeneral() => Check(new Binary(BinaryKind.Mul), Random(2, 3, 5), Random(3, 1), Random(2, 3, 5));

    [Test]
    public void AnAddendOfAnotherShapeIsAShapeError() =>
        Assert.Throws<ShapeException>(() => new Binary(BinaryKind.Mul).OutputShape([[2, 3], [1, 3], [1, 3]]));
}
