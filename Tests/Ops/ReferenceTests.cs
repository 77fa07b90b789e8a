using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Ops;

/// <summary>The CPU reference against cases computed by hand (the worked examples of the course notes).</summary>
public sealed class ReferenceTests
{
    [Test]
    public void VerticalEdgeKernelGivesMinus60()
    {
        var x = Tensor.FromRows(new float[,] { { 10, 20, 30 }, { 40, 50, 60 }, { 70, 80, 90 } });
        var w = Tensor.FromRows(new float[,] { { 1, 0, -1 }, { 1, 0, -1 }, { 1, 0, -1 } });
        var y = new Conv2d().Reference(x, w, null);
        TensorAssert.Close(new float[,] { { -60 } }, y, Tolerance.Exact);
    }

    [Test]
    public void MaxPool2x2Stride1()
    {
        var x = Tensor.FromRows(new float[,] { { 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 } });
        var y = new Pool2d(PoolKind.Max, 2, 2).Reference(x);
        TensorAssert.Close(new float[,] { { 4, 5 }, { 7, 8 } }, y, Tolerance.Exact);
    }

    [Test]
    public void AveragePoolExcludesPaddingFromTheCount()
    {
        var x = Tensor.FromRows(new float[,] { { 1, 2 }, { 3, 4 } });
        var y = new Pool2d(PoolKind.Average, 2, 2, 1, 1, Pads.Uniform(1)).Reference(x);
        TensorAssert.Close(new float[,] { { 1, 1.5f, 2 }, { 2, 2.5f, 3 }, { 3, 3.5f, 4 } }, y, Tolerance.Exact);
        var withPad = new Pool2d(PoolKind.Average, 2, 2, 1, 1, Pads.Uniform(1), countIncludePad: true).Reference(x);
        TensorAssert.Close(new float[,] { { 0.25f, 0.75f, 0.5f }, { 1, 2.5f, 1.5f }, { 0.75f, 1.75f, 1 } }, withPad, Tolerance.Exact);
    }

    // floor((h - k + 2p) / s) + 1 for valid (p = 0), same (p = (k - 1) / 2) and full (p = k - 1) padding.
    [TestCase(7, 3, 1, 0, 5, TestName = "valid 7-3+1")]
    [TestCase(7, 3, 1, 1, 7, TestName = "same keeps the size")]
    [TestCase(7, 3, 1, 2, 9, TestName = "full grows by k-1")]
    [TestCase(7, 3, 2, 0, 3, TestName = "valid stride 2 floors")]
    [TestCase(224, 7, 2, 3, 112, TestName = "resnet stem")]
    [TestCase(5, 5, 1, 0, 1, TestName = "kernel equals input")]
    public void OutputSize(int h, int k, int s, int p, int expected) =>
        Assert.That(ConvGeometry.OutputSize(h, k, s, p, p), Is.EqualTo(expected));

    [Test]
    public void SamePaddingKeepsSizeOverStride()
    {
        var pads = Pads.Same(7, 8, 3, 3, 2, 2);
        Assert.That(ConvGeometry.OutputSize(7, 3, 2, pads.Top, pads.Bottom), Is.EqualTo(4));
        Assert.That(ConvGeometry.OutputSize(8, 3, 2, pads.Left, pads.Right), Is.EqualTo(4));
        Assert.That(pads, Is.EqualTo(new Pads(1, 0, 1, 1)), "SAME_UPPER puts the odd element at the end");
        Assert.That(Pads.Same(7, 8, 3, 3, 2, 2, lower: true), Is.EqualTo(new Pads(1, 1, 1, 0)));
    }

    [Test]
    public void FullPaddingMatchesTheDefinition()
    {
        // 1D "full" correlation of [1,2,3] with [1,1]: every overlap, 4 outputs.
        var x = new Tensor([1, 1, 1, 3], [1f, 2, 3]);
        var w = new Tensor([1, 1, 1, 2], [1f, 1]);
        var y = new Conv2d(pads: Pads.Full(1, 2)).Reference(x, w, null);
        TensorAssert.Close(new float[,] { { 1, 3, 5, 3 } }, y, Tolerance.Exact);
    }

    [Test]
    public void CeilModeDropsAWindowStartingInThePadding() =>
        Assert.That(ConvGeometry.OutputSize(5, 2, 2, 0, 1, ceil: true), Is.EqualTo(3));

    [Test]
    public void SoftmaxRowsSumToOne()
    {
        var y = new Softmax().Reference(new Tensor([2, 3], [1f, 2, 3, -1, 0, 1]));
        Assert.That(y.Data[0] + y.Data[1] + y.Data[2], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(y.Data[2], Is.EqualTo(MathF.Exp(3) / (MathF.Exp(1) + MathF.Exp(2) + MathF.Exp(3))).Within(1e-6f));
    }

    [Test]
    public void GemmFullyConnectedByHand()
    {
        var x = new Tensor([1, 2], [1f, 2]);
        var w = new Tensor([2, 2], [3f, 4, 5, 6]);
        var b = new Tensor([2], [10f, 20]);
        var y = new Gemm(transB: true).Reference(x, w, b);
        TensorAssert.Close(new Tensor([1, 2], [1 * 3 + 2 * 4 + 10f, 1 * 5 + 2 * 6 + 20f]), y, Tolerance.Exact);
    }
}
