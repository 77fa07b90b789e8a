using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class LrnTests(Backend kind) : BackendTest(kind)
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(20)]
    public void WindowSizes(int size) => Check(new Lrn(size), [RandomIn(-3f, 3f, 2, 13, 7, 5)], Tolerance.Transcendental);

    [Test]
    public void AlexNetParameters() => Check(new Lrn(5, 1e-4f, 0.75f, 2f), [RandomIn(0f, 50f, 2, 13, 7, 5)], Tolerance.Transcendental);

    [Test]
    public void StrongNormalisation() => Check(new Lrn(3, 2f, 0.5f, 1f), [RandomIn(-3f, 3f, 1, 7, 4, 3)], Tolerance.Transcendental);

    // An even size sums floor((size-1)/2) channels below and ceil((size-1)/2) above: size 2 is [c, c+1].
    [Test]
    public void EvenSizeWindowLeansUp()
    {
        var x = new Tensor([1, 3, 1, 1], [1f, 2f, 3f]);
        var op = new Lrn(2, alpha: 1f, beta: 1f, bias: 1f);
        // square sums 1+4, 4+9, 9; y = x / (1 + 1/2 * sum).
        var expected = new Tensor([1, 3, 1, 1], [1f / 3.5f, 2f / 7.5f, 3f / 5.5f]);
        TensorAssert.Close(expected, op.Reference(x), new Tolerance("hand", 1e-7f, 1e-6f));
        TensorAssert.Close(expected, Check(op, [x], Tolerance.Transcendental), Tolerance.Transcendental);
    }

    [Test]
    public void OddSizeWindowIsCentred()
    {
        var x = new Tensor([1, 4, 1, 1], [1f, 2f, 3f, 4f]);
        var op = new Lrn(3, alpha: 3f, beta: 0.5f, bias: 2f);
        // square sums 1+4, 1+4+9, 4+9+16, 9+16; y = x / sqrt(2 + sum).
        var expected = new Tensor([1, 4, 1, 1], [1f / MathF.Sqrt(7f), 2f / MathF.Sqrt(16f), 3f / MathF.Sqrt(31f), 4f / MathF.Sqrt(27f)]);
        TensorAssert.Close(expected, op.Reference(x), new Tolerance("hand", 1e-7f, 1e-6f));
        TensorAssert.Close(expected, Check(op, [x], Tolerance.Transcendental), Tolerance.Transcendental);
    }
}
