using Vision.Building;
using Vision.Models;
using Vision.Tensors;

namespace Vision.Tests.Building;

/// <summary>What the builder writes: ONNX vocabulary, PyTorch names, seeded weights, errors that say what is wrong.</summary>
public sealed class GraphBuilderModelTests
{
    private static Model Small(int seed) => new Sequential([1, 3, 8, 8], seed).Conv(4, 3, name: "conv1").BatchNorm(name: "bn1").Relu()
        .Flatten().Linear(2, name: "fc").Build();

    [Test]
    public void Names_FollowPyTorch_AndNodesAreOnnx()
    {
        var model = Small(1);
        Assert.That(model.Initializers.Keys, Is.SupersetOf(new[]
            { "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "fc.weight", "fc.bias" }));
        Assert.That(model.Nodes.Select(n => n.OpType), Is.EqualTo(new[] { "Conv", "BatchNormalization", "Relu", "Flatten", "Gemm", "Identity" }));
        Assert.That(model.OpsetVersion, Is.EqualTo(GraphBuilder.Opset));
        Assert.That(model.UnsupportedOps(), Is.Empty);
        Assert.That(model.Inputs[0].Dims[0].IsFixed, Is.False, "the batch dimension is symbolic");
    }

    [Test]
    public void Weights_AreKaimingUniform_AndRepeatForASeed()
    {
        var a = Small(7);
        var b = Small(7);
        var c = Small(8);
        Assert.That(a.Initializers["conv1.weight"].Data, Is.EqualTo(b.Initializers["conv1.weight"].Data));
        Assert.That(a.Initializers["conv1.weight"].Data, Is.Not.EqualTo(c.Initializers["conv1.weight"].Data));
        float bound = 1f / MathF.Sqrt(3 * 3 * 3);
        var w = a.Initializers["conv1.weight"].Data;
        Assert.That(w.Max(), Is.LessThanOrEqualTo(bound).And.GreaterThan(bound * 0.5f));
        Assert.That(w.Min(), Is.GreaterThanOrEqualTo(-bound).And.LessThan(-bound * 0.5f));
        Assert.That(a.Initializers["bn1.weight"].Data, Is.All.EqualTo(1f));
        Assert.That(a.Initializers["bn1.running_var"].Data, Is.All.EqualTo(1f));
    }

    [Test]
    public void Errors_NameTheProblem()
    {
        var g = new GraphBuilder();
        var x = g.Input("input", 1, 6, 8, 8);
        Assert.That(() => g.Conv(x, 4, 3, groups: 4), Throws.ArgumentException.With.Message.Contains("groups 4"));
        Assert.That(() => g.Linear(x, 3), Throws.ArgumentException.With.Message.Contains("Flatten"));
        g.Conv(x, 4, 3, name: "c");
        Assert.That(() => g.Conv(x, 4, 3, name: "c"), Throws.ArgumentException.With.Message.Contains("already used"));
        Assert.That(() => g.Build(), Throws.InvalidOperationException.With.Message.Contains("no outputs"));
    }

    [Test]
    public void ParameterCount_CountsWeightsNotStatistics()
    {
        var s = new Sequential([1, 3, 8, 8]).Conv(4, 3, bias: false).BatchNorm();
        Assert.That(s.Graph.ParameterCount, Is.EqualTo(4 * 3 * 9 + 8));
        Assert.That(ModelSummary.Parameters(s.Build()), Is.EqualTo(4 * 3 * 9 + 8));
    }

    [Test]
    public void Shapes_FollowPyTorchArithmetic()
    {
        var g = new GraphBuilder(initializeWeights: false);
        var x = g.Input("input", 1, 3, 224, 224);
        Assert.That(g.Conv(x, 64, 7, 2, 3).Shape, Is.EqualTo(new[] { 1, 64, 112, 112 }));
        Assert.That(g.MaxPool(x, 3, 2, ceilMode: true).Shape, Is.EqualTo(new[] { 1, 3, 112, 112 }));
        Assert.That(g.MaxPool(x, 3, 2).Shape, Is.EqualTo(new[] { 1, 3, 111, 111 }));
        Assert.That(g.ConvTranspose(x, 8, 2, 2).Shape, Is.EqualTo(new[] { 1, 8, 448, 448 }));
        Assert.That(g.Conv(x, 5, 3, padding: 4, dilation: 4).Shape, Is.EqualTo(new[] { 1, 5, 224, 224 }));
        Assert.That(g.Split(x, 3).Select(s => s.Shape[1]), Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(Tensor.ShapeString(g.ChannelShuffle(g.Conv1x1(x, 4), 2).Shape), Is.EqualTo("[1,4,224,224]"));
    }
}
