using Vision.Backends;
using Vision.Compile;
using Vision.Models;
using Vision.Ops;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Harness;


namespace Vision.Tests.Runtime;

/// <summary>Worker behaviour on a small model built in code: Conv -> BatchNorm -> Relu -> GlobalAveragePool -> Flatten -> Gemm -> Softmax.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class WorkerTests(Backend kind) : BackendTest(kind)
{
    private static Model SmallNet()
    {
        var init = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["w"] = Tensor.Random([8, 3, 3, 3], 11), ["b"] = Tensor.Random([8], 12),
            ["gamma"] = Tensor.Random([8], 13, 0.5f, 1.5f), ["beta"] = Tensor.Random([8], 14),
            ["mean"] = Tensor.Random([8], 15), ["var"] = Tensor.Random([8], 16, 0.5f, 2f),
            ["fc_w"] = Tensor.Random([5, 8], 17), ["fc_b"] = Tensor.Random([5], 18),
        };
        Node N(string op, string[] i, string o, params NodeAttribute[] a) => new(o + "_node", op, "", i, [o], a);
        return new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Symbolic("N"), Dim.Fixed(3), Dim.Symbolic("H"), Dim.Symbolic("W")])],
            Outputs = [new ValueInfo("prob", DataType.Float32, [Dim.Symbolic("N"), Dim.Fixed(5)])],
            Nodes =
            [
                N("Conv", ["x", "w", "b"], "conv", NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 })),
                N("BatchNormalization", ["conv", "gamma", "beta", "mean", "var"], "bn"),
                N("Relu", ["bn"], "relu"),
                N("GlobalAveragePool", ["relu"], "gap"),
                N("Flatten", ["gap"], "flat"),
                N("Gemm", ["flat", "fc_w", "fc_b"], "logits", NodeAttribute.Of("transB", 1L)),
                N("Softmax", ["logits"], "prob", NodeAttribute.Of("axis", 1L)),
            ],
            Initializers = init,
            OpsetVersion = 13,
        };
    }

    /// <summary>The same network written with Vision ops directly, BatchNorm applied by hand: the oracle here.</summary>
    private static Tensor Expected(Model m, Tensor x)
    {
        var i = m.Initializers;
        var conv = new Conv2d(pads: Pads.Uniform(1)).Reference(x, i["w"], i["b"]);
        var bn = conv.Clone();
        int plane = conv.Shape[2] * conv.Shape[3];
        for (int e = 0; e < bn.Length; e++)
        {
            int c = e / plane % 8;
            float v = (conv.Data[e] - i["mean"].Data[c]) / MathF.Sqrt(i["var"].Data[c] + 1e-5f) * i["gamma"].Data[c] + i["beta"].Data[c];
            bn.Data[e] = Math.Max(v, 0f);
        }
        var gap = new GlobalPool(PoolKind.Average).Reference(bn).Reshape(x.Shape[0], 8);
        var logits = new Gemm(transB: true).Reference(gap, i["fc_w"], i["fc_b"]);
        return new Softmax(1).Reference(logits);
    }

    [Test]
    public void RunsTheModelWithFoldingAndFusion()
    {
        var model = SmallNet();
        var x = Random(2, 3, 7, 5);
        using var worker = new Worker(model, Compute);
        worker.Run(x);
        TensorAssert.Close(Expected(model, x), worker.PeekOutput(), Tolerance.Model);
        var ops = worker.Plan!.Steps.Select(s => s.Op.Name).ToArray();
        Assert.That(ops, Is.EqualTo(new[] { "conv2d", "global_pool", "gemm", "softmax" }),
            "BatchNorm folded into the conv, ReLU fused into it, Flatten a view");
        Assert.That(((Conv2d)worker.Plan.Steps[0].Op).Activation, Is.EqualTo(Activation.Relu));
    }

    [Test]
    public void ReplansWhenTheInputShapeChanges()
    {
        var model = SmallNet();
        using var worker = new Worker(model, Compute);
        worker.Run(Random(1, 3, 9, 9));
        worker.Run(Random(1, 3, 9, 9));
        Assert.That(worker.CompileCount, Is.EqualTo(1));
        var x = Random(3, 3, 4, 6);
        worker.Run(x);
        Assert.That(worker.CompileCount, Is.EqualTo(2));
        TensorAssert.Close(Expected(model, x), worker.PeekOutput(), Tolerance.Model);
    }

    [Test]
    public void KeptIntermediatesCanBePeekedOthersSayHow()
    {
        var model = SmallNet();
        var options = new WorkerOptions { Compile = new CompileOptions { Keep = ["relu"] } };
        using var worker = new Worker(model, Compute, options);
        worker.Run(Random(1, 3, 6, 6));
        Assert.That(worker.PeekOutput("relu").Shape, Is.EqualTo(new[] { 1, 8, 6, 6 }));
        Assert.That(worker.PeekOutput("relu").Data.Min(), Is.GreaterThanOrEqualTo(0f));
        var e = Assert.Throws<KeyNotFoundException>(() => worker.PeekOutput("gap"));
        Assert.That(e!.Message, Does.Contain("Keep"));
    }

    [Test]
    public void KeepAllMatchesTheDefaultPlan()
    {
        var model = SmallNet();
        var x = Random(1, 3, 5, 5);
        using var all = new Worker(model, Compute, new WorkerOptions { Compile = new CompileOptions { KeepAll = true } });
        all.Run(x);
        TensorAssert.Close(Expected(model, x), all.PeekOutput(), Tolerance.Model);
        Assert.That(all.PeekOutput("bn").Shape, Is.EqualTo(new[] { 1, 8, 5, 5 }));
    }

    [Test]
    public void WrongChannelCountIsATypedErrorNamingTheInput()
    {
        using var worker = new Worker(SmallNet(), Compute);
        var e = Assert.Throws<CompileException>(() => worker.Run(Random(1, 4, 5, 5)));
        Assert.That(e!.Message, Does.Contain("'x'").And.Contain("[1,4,5,5]"));
    }
}
