using Vision.Backends;
using Vision.Building;
using Vision.Models;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Building;

/// <summary>Networks built in code run on every backend like the CPU reference, and their ONNX export agrees with ONNX Runtime.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class GraphBuilderTests(Backend kind) : BackendTest(kind)
{
    /// <summary>Conv, BN, ReLU, a residual add, pooling and a linear head: only ops every backend has.</summary>
    private static Model Residual(int seed)
    {
        var g = new GraphBuilder(seed);
        var x = g.Input("input", 2, 3, 12, 12);
        var y = g.Relu(g.BatchNorm(g.Conv(g.Normalize(x, 0.2f, 0.5f), 8, 3, padding: 1, bias: false, name: "stem")));
        var r = g.Relu(g.Conv(y, 8, 3, padding: 1, name: "block.conv1"));
        r = g.Conv(r, 8, 3, padding: 1, name: "block.conv2");
        y = g.Relu(g.Add(y, r));
        y = g.MaxPool(y, 2);
        y = g.DepthwiseSeparableConv(y, 12, 3, batchNorm: true, name: "sep");
        y = g.GroupedConv(y, 12, 3, groups: 3, name: "grouped");
        y = g.SpatiallySeparableConv(y, 6, 3, name: "spatial");
        y = g.Conv1x1(y, 4, name: "pointwise");
        g.Output(g.Linear(g.Flatten(g.GlobalAvgPool(y)), 5, name: "head"), "logits");
        return g.Build();
    }

    [Test]
    public void ResidualNet_MatchesCpuReferenceAndOnnxRuntime()
    {
        var model = Residual(seed: 3);
        var input = Random(2, 3, 12, 12);
        ExportOracle.AgreesWithOnnxRuntime(model, input, Compute, "residual net");
    }

    [Test]
    public void Sequential_LeNetShapedStack_MatchesOnnxRuntime()
    {
        var model = new Sequential([1, 1, 28, 28], seed: 5)
            .Conv(6, 5, padding: 2).Tanh().AvgPool(2)
            .Conv(16, 5).Sigmoid().MaxPool(2)
            .Flatten().Linear(120).Relu().Dropout().Linear(10).Softmax()
            .Build();
        ExportOracle.AgreesWithOnnxRuntime(model, RandomIn(0f, 1f, 1, 1, 28, 28), Compute, "sequential");
    }

    [Test]
    public void Branches_ConcatenatedAndTransposedConvolution_MatchOnnxRuntime()
    {
        var g = new GraphBuilder(seed: 9);
        var x = g.Input("input", 1, 4, 8, 8);
        var y = g.Branches(x,
            v => g.Conv1x1(v, 3),
            v => g.Conv(v, 5, 3, padding: 2, dilation: 2),
            v => g.Conv1x1(g.MaxPool(v, 3, 1, 1), 2));
        y = g.ConvTranspose(y, 4, 2, 2);
        g.Output(y);
        ExportOracle.AgreesWithOnnxRuntime(g.Build(), Random(1, 4, 8, 8), Compute, "branches + deconv");
    }

    [Test]
    public void ChannelShuffleAndSplit_MatchOnnxRuntime()
    {
        var g = new GraphBuilder(seed: 2);
        var x = g.Input("input", 1, 8, 5, 5);
        var parts = g.Split(x, 2);
        var y = g.Concat([parts[0], g.Relu(g.Conv1x1(parts[1], 4))]);
        g.Output(g.ChannelShuffle(y, 2));
        ExportOracle.AgreesWithOnnxRuntime(g.Build(), Random(1, 8, 5, 5), Compute, "split + shuffle");
    }
}
