using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Training;

/// <summary>
/// Every backward op on every backend: its kernel against its C# reference, and its gradient against finite
/// differences of the forward op run on the same backend.
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class BackwardOpsTests(Backend kind) : BackendTest(kind)
{
    private static readonly Tolerance Gradient = new("gradient", 1e-4f, 1e-3f);

    // name, x shape, w shape, stride, pads (t, l, b, r), dilation, group
    private static readonly object[] ConvCases =
    [
        new object[] { "3x3 stride 2 pad 1", new[] { 2, 3, 7, 6 }, new[] { 4, 3, 3, 3 }, 2, new[] { 1, 1, 1, 1 }, 1, 1 },
        new object[] { "3x3 dilation 2", new[] { 1, 2, 9, 9 }, new[] { 3, 2, 3, 3 }, 1, new[] { 2, 2, 2, 2 }, 2, 1 },
        new object[] { "1x1", new[] { 2, 5, 4, 4 }, new[] { 3, 5, 1, 1 }, 1, new[] { 0, 0, 0, 0 }, 1, 1 },
        new object[] { "grouped", new[] { 1, 4, 6, 6 }, new[] { 6, 2, 3, 3 }, 1, new[] { 1, 1, 1, 1 }, 1, 2 },
        new object[] { "depthwise", new[] { 2, 3, 5, 5 }, new[] { 3, 1, 3, 3 }, 2, new[] { 1, 1, 0, 0 }, 1, 3 },
        new object[] { "spatially separable 3x1", new[] { 1, 2, 6, 5 }, new[] { 2, 2, 3, 1 }, 1, new[] { 1, 0, 1, 0 }, 1, 1 },
        new object[] { "spatially separable 1x3", new[] { 1, 2, 6, 5 }, new[] { 2, 2, 1, 3 }, 1, new[] { 0, 1, 0, 1 }, 1, 1 },
    ];

    [TestCaseSource(nameof(ConvCases))]
    public void Conv2d_Gradients(string name, int[] xs, int[] ws, int stride, int[] p, int dilation, int group)
    {
        var conv = new Conv2d(stride, stride, new Pads(p[0], p[1], p[2], p[3]), dilation, dilation, group);
        var x = Random(xs);
        var w = Random(ws);
        var b = Random(ws[0]);
        var y = conv.Reference(x, w, b);
        var r = Random(y.Shape);
        var dx = Check(new Conv2dBackward(conv, false, xs), [r, w], Gradient);
        var dw = Check(new Conv2dBackward(conv, true, ws), [r, x], Gradient);
        var db = Check(new ChannelSum(), [r], Gradient);
        GradientCheck.Agrees(v => Compute.Run(conv, v, w, b), x, r, dx, $"{name} dx on {Kind}");
        GradientCheck.Agrees(v => Compute.Run(conv, x, v, b), w, r, dw, $"{name} dw on {Kind}");
        GradientCheck.Agrees(v => Compute.Run(conv, x, w, v), b, r, db, $"{name} db on {Kind}");
    }

    [TestCase(PoolKind.Max, 2, 2, 0, false)]
    [TestCase(PoolKind.Max, 3, 2, 1, false)]
    [TestCase(PoolKind.Average, 2, 2, 0, false)]
    [TestCase(PoolKind.Average, 3, 1, 1, false)]
    [TestCase(PoolKind.Average, 3, 2, 1, true)]
    public void Pool2d_Gradient(PoolKind kind, int k, int s, int pad, bool includePad)
    {
        var pool = new Pool2d(kind, k, k, s, s, new Pads(pad, pad, pad, pad), countIncludePad: includePad);
        var x = Random(2, 3, 7, 6);
        var r = Random(pool.OutputShape([x.Shape]));
        var dx = Check(new Pool2dBackward(pool), [x, r], Gradient);
        GradientCheck.Agrees(v => Compute.Run(pool, v), x, r, dx, $"{kind} pool dx on {Kind}", eps: 1e-3f);
    }

    [TestCase(UnaryKind.Relu)]
    [TestCase(UnaryKind.LeakyRelu)]
    [TestCase(UnaryKind.Clip)]
    [TestCase(UnaryKind.Tanh)]
    [TestCase(UnaryKind.Sigmoid)]
    public void Activation_Gradient(UnaryKind kind)
    {
        var forward = kind == UnaryKind.Clip ? Unary.Clip(0f, 1.5f) : new Unary(kind);
        var x = GradientCheck.AwayFromZero([2, 3, 4, 5], seed: 3);
        if (kind == UnaryKind.Clip) for (int i = 0; i < x.Length; i++) if (MathF.Abs(x.Data[i] - 1.5f) < 0.1f) x.Data[i] = 1.8f;
        var y = forward.Reference(x);
        var r = Random(x.Shape);
        var dx = Check(new ActivationBackward(forward), [y, r], Gradient);
        GradientCheck.Agrees(v => Compute.Run(forward, v), x, r, dx, $"{kind} on {Kind}", eps: 1e-2f);
    }

    [Test]
    public void GlobalAveragePool_Gradient()
    {
        var x = Random(2, 3, 4, 5);
        var r = Random(2, 3, 1, 1);
        var dx = Check(new GlobalPoolBackward(x.Shape), [r], Gradient);
        GradientCheck.Agrees(v => Compute.Run(new GlobalPool(PoolKind.Average), v), x, r, dx, $"global pool on {Kind}");
    }

    [Test]
    public void Linear_Gradients_AreGemms()
    {
        var x = Random(4, 6);
        var w = Random(3, 6);
        var b = Random(3);
        var fc = new Gemm(1, 1, false, true);
        var r = Random(4, 3);
        var dx = Check(new Gemm(1, 0, false, false), [r, w, null], Gradient);
        var dw = Check(new Gemm(1, 0, true, false), [r, x, null], Gradient);
        GradientCheck.Agrees(v => Compute.Run(fc, v, w, b), x, r, dx, $"linear dx on {Kind}");
        GradientCheck.Agrees(v => Compute.Run(fc, x, v, b), w, r, dw, $"linear dw on {Kind}");
    }

    [Test]
    public void BatchNormTraining_Gradients()
    {
        var x = Random(3, 4, 3, 2);
        var gamma = RandomIn(0.5f, 1.5f, 4);
        var beta = Random(4);
        Tensor Forward(Tensor xv, Tensor g, Tensor bt)
        {
            var mean = Compute.Run(new BatchNormStatistics(false), xv);
            var variance = Compute.Run(new BatchNormStatistics(true), xv, mean);
            return Compute.Run(new BatchNormalization(1e-5f), xv, g, bt, mean, variance);
        }
        var mu = Check(new BatchNormStatistics(false), [x], Gradient);
        var va = Check(new BatchNormStatistics(true), [x, mu], Gradient);
        var r = Random(x.Shape);
        var dbeta = Check(new ChannelSum(), [r], Gradient);
        var dgamma = Check(new BatchNormBackward(1e-5f, true), [x, r, mu, va], Gradient);
        var dx = Check(new BatchNormBackward(1e-5f, false), [x, r, gamma, mu, va, dgamma, dbeta], Gradient);
        GradientCheck.Agrees(v => Forward(v, gamma, beta), x, r, dx, $"batch norm dx on {Kind}");
        GradientCheck.Agrees(v => Forward(x, v, beta), gamma, r, dgamma, $"batch norm dgamma on {Kind}");
        GradientCheck.Agrees(v => Forward(x, gamma, v), beta, r, dbeta, $"batch norm dbeta on {Kind}");
    }

    [Test]
    public void SoftmaxCrossEntropy_Gradient()
    {
        var logits = RandomIn(-3f, 3f, 5, 7);
        var labels = new[] { 0, 6, 3, 3, 1 };
        var target = new Tensor([5, 7]);
        for (int i = 0; i < 5; i++) target.Data[i * 7 + labels[i]] = 1f;
        var grad = Check(new SoftmaxCrossEntropyBackward(), [logits, target], Gradient);
        var ones = new Tensor([1], [1f]);
        // L is a scalar of the logits; run the check with r = 1 on a one-element "output".
        GradientCheck.Agrees(v => new Tensor([1], [(float)SoftmaxCrossEntropyBackward.Loss(v.Data, labels, 7).Loss]), logits, ones, grad,
            "softmax cross-entropy", eps: 1e-2f, atol: 1e-4);
    }

    [Test]
    public void DropoutMask_IsTheSameEverywhere_AndDropsAboutRatio()
    {
        var op = new DropoutMask(0.3f, seed: 5, [4, 250]);
        var mask = Check(op, [new Tensor([1], [7f])], Tolerance.Exact);
        double dropped = mask.Data.Count(v => v == 0f) / (double)mask.Length;
        Assert.That(dropped, Is.EqualTo(0.3).Within(0.05));
        Assert.That(mask.Data.Where(v => v != 0f), Is.All.EqualTo(1f / 0.7f));
        var other = Compute.Run(op, new Tensor([1], [8f]));
        Assert.That(other.Data, Is.Not.EqualTo(mask.Data), "the next step draws a new mask");
    }

    [Test]
    public void Sgd_Momentum_WeightDecay()
    {
        var v = new Tensor([3], [0.5f, -1f, 0f]);
        var g = new Tensor([3], [1f, 2f, -3f]);
        var w = new Tensor([3], [2f, 0f, 1f]);
        var next = Check(new SgdUpdate(false, 0.9f, 0.1f), [v, g, w], Tolerance.Kernel);
        Assert.That(next.Data, Is.EqualTo(new[] { 0.45f + 1f + 0.2f, -0.9f + 2f, -3f + 0.1f }).Within(1e-6f));
        var applied = Check(new SgdUpdate(true), [w, next, new Tensor([1], [0.5f])], Tolerance.Kernel);
        Assert.That(applied.Data, Is.EqualTo(new[] { 2f - 0.5f * 1.65f, -0.55f, 1f + 1.45f }).Within(1e-6f));
        Check(new Axpby(0.9f, 0.1f), [v, g], Tolerance.Kernel);
    }
}
