using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class InstanceNormalizationTests(Backend kind) : BackendTest(kind)
{
    [Test]
    public void Nchw13Channels() => Check(new InstanceNormalization(), Random(2, 13, 7, 5), Random(13), Random(13));

    [Test]
    public void Rank3() => Check(new InstanceNormalization(1e-3f), Random(2, 3, 17), Random(3), Random(3));

    // An offset far from zero: the two-pass variance keeps it exact where E[x^2] - E[x]^2 would not.
    [Test]
    public void LargeOffset() => Check(new InstanceNormalization(), RandomIn(1000f, 1001f, 1, 4, 9, 9), Random(4), Random(4));

    [Test]
    public void ConstantPlaneGivesTheBias()
    {
        var x = new Tensor([1, 2, 2, 2], [3f, 3f, 3f, 3f, -1f, -1f, -1f, -1f]);
        var y = Check(new InstanceNormalization(), x, new Tensor([2], [5f, 5f]), new Tensor([2], [0.5f, -2f]));
        TensorAssert.Close(new Tensor([1, 2, 2, 2], [0.5f, 0.5f, 0.5f, 0.5f, -2f, -2f, -2f, -2f]), y, Tolerance.Kernel);
    }

    [Test]
    public void HandComputed()
    {
        // Plane [1,2,3,4]: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        var x = new Tensor([1, 1, 2, 2], [1f, 2f, 3f, 4f]);
        Tensor?[] inputs = [x, new Tensor([1], [2f]), new Tensor([1], [1f])];
        var op = new InstanceNormalization(0f);
        float r = 1f / MathF.Sqrt(1.25f);
        var expected = new Tensor([1, 1, 2, 2], [2f * -1.5f * r + 1f, 2f * -0.5f * r + 1f, 2f * 0.5f * r + 1f, 2f * 1.5f * r + 1f]);
        TensorAssert.Close(expected, op.Reference(inputs), new Tolerance("hand", 1e-6f, 1e-6f));
        TensorAssert.Close(expected, Check(op, inputs), Tolerance.Kernel);
    }
}
