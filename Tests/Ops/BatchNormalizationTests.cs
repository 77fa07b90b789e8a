using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class BatchNormalizationTests(Backend kind) : BackendTest(kind)
{
    private Tensor?[] Inputs(params int[] shape)
    {
        int c = shape[1];
        return [Random(shape), Random(c), Random(c), Random(c), RandomIn(0.1f, 2f, c)];
    }

    [Test]
    public void Nchw13Channels() => Check(new BatchNormalization(), Inputs(2, 13, 7, 5));

    [Test]
    public void Rank2() => Check(new BatchNormalization(), Inputs(3, 13));

    [Test]
    public void Rank5WithEpsilon() => Check(new BatchNormalization(1e-3f), Inputs(2, 3, 4, 5, 3));

    [Test]
    public void ZeroVarianceIsDividedByTheEpsilonOnly()
    {
        var inputs = Inputs(2, 5, 3, 3);
        Array.Clear(inputs[4]!.Data);
        Check(new BatchNormalization(), inputs);
    }

    [Test]
    public void HandComputed()
    {
        // Channel 0: (x - 1) / sqrt(4) * 2 + 1; channel 1: (x - 3) / sqrt(0.25) * 0.5 - 1.
        var x = new Tensor([1, 2, 1, 2], [1f, 2f, 3f, 4f]);
        Tensor?[] inputs = [x, new Tensor([2], [2f, 0.5f]), new Tensor([2], [1f, -1f]), new Tensor([2], [1f, 3f]), new Tensor([2], [4f, 0.25f])];
        var y = Check(new BatchNormalization(0f), inputs);
        TensorAssert.Close(new Tensor([1, 2, 1, 2], [1f, 2f, -1f, 0f]), new BatchNormalization(0f).Reference(inputs), Tolerance.Exact);
        TensorAssert.Close(new Tensor([1, 2, 1, 2], [1f, 2f, -1f, 0f]), y, Tolerance.Kernel);
    }

    [Test]
    public void PerChannelVectorsMustMatchC() =>
        Assert.Throws<ShapeException>(() => new BatchNormalization().OutputShape([[2, 13, 7, 5], [13], [13], [12], [13]]));
}
