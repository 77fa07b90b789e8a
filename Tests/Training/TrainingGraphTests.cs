using Vision.Backends;
using Vision.Building;
using Vision.Models;
using Vision.Tensors;
using Vision.Tests.Harness;
using Vision.Training;

namespace Vision.Tests.Training;

/// <summary>A whole training step on every backend: parameter gradients against finite differences of the loss, and agreement with the CPU reference.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class TrainingGraphTests(Backend kind) : BackendTest(kind)
{
    /// <summary>Every trainable layer kind: input normalisation, conv + BN + ReLU, max pool, depthwise separable, residual add, grouped and spatially separable convs, ReLU6, tanh, GAP, dropout, linear.</summary>
    public static Model SmallNet(int seed)
    {
        var g = new GraphBuilder(seed);
        var x = g.Input("input", 4, 2, 8, 8);
        var y = g.Relu(g.BatchNorm(g.Conv(g.Normalize(x, 0.5f, 0.25f), 4, 3, padding: 1, bias: false)));
        y = g.MaxPool(y, 2);
        var r = g.DepthwiseSeparableConv(y, 4, 3, batchNorm: true);
        y = g.Add(y, r);
        y = g.Relu6(g.GroupedConv(y, 6, 3, groups: 2));
        y = g.Tanh(g.SpatiallySeparableConv(y, 6, 3));
        y = g.AvgPool(y, 2);
        y = g.Flatten(g.GlobalAvgPool(y));
        y = g.Linear(g.Dropout(y, 0.25f), 3);
        g.Output(g.Softmax(y), "probabilities");
        return g.Build();
    }

    /// <summary>Concatenated branches (a Fire module), Split and channel shuffle (a ShuffleNet unit): Concat, Slice, Transpose gradients.</summary>
    public static Model BranchyNet(int seed)
    {
        var g = new GraphBuilder(seed);
        var x = g.Input("input", 4, 2, 8, 8);
        var s = g.Relu(g.Conv1x1(x, 4));
        var y = g.Concat([g.Relu(g.Conv1x1(s, 4)), g.Relu(g.Conv(s, 4, 3, padding: 1))]);
        var parts = g.Split(y, 2);
        y = g.ChannelShuffle(g.Concat([parts[0], g.Relu(g.Conv1x1(parts[1], 4))]), 2);
        y = g.MaxPool(y, 2);
        g.Output(g.Linear(g.Flatten(g.GlobalAvgPool(y)), 3));
        return g.Build();
    }

    /// <summary>A tiny U-Net: encoder, dilated bottleneck, transposed-convolution decoder with a skip concatenation, then a classifier head.</summary>
    public static Model UpNet(int seed)
    {
        var g = new GraphBuilder(seed);
        var x = g.Input("input", 4, 2, 8, 8);
        var e = g.Relu(g.BatchNorm(g.Conv(x, 4, 3, padding: 1, bias: false)));
        var d = g.Relu(g.Conv(g.MaxPool(e, 2), 6, 3, padding: 2, dilation: 2));
        var u = g.ConvTranspose(d, 4, 2, 2);
        var y = g.Relu(g.Conv(g.Concat([e, u]), 4, 3, padding: 1));
        y = g.ConvTranspose(y, 3, 3, 2, padding: 1, outputPadding: 1);
        g.Output(g.Linear(g.Flatten(g.GlobalAvgPool(y)), 3));
        return g.Build();
    }

    private static (float[] Images, int[] Labels) Batch()
    {
        var images = Tensor.Random([4, 2, 8, 8], 21, 0f, 1f).Data;
        return (images, [0, 2, 1, 2]);
    }

    [TestCase("small")]
    [TestCase("branchy")]
    [TestCase("unet")]
    public void ParameterGradients_MatchFiniteDifferences(string net)
    {
        var model = net switch { "small" => SmallNet(3), "branchy" => BranchyNet(3), _ => UpNet(3) };
        using var graph = new TrainingGraph(model, Compute, batchSize: 4, seed: 1);
        var (images, labels) = Batch();
        var grads = graph.Gradients(images, labels);
        Assert.That(grads.Keys, Has.Count.EqualTo(graph.Parameters.Count));
        var rng = new Random(5);
        foreach (var name in graph.Parameters.OrderBy(n => n, StringComparer.Ordinal))
        {
            var w = graph.Read(name);
            foreach (int i in Enumerable.Range(0, w.Length).OrderBy(_ => rng.Next()).Take(3))
            {
                const float eps = 1e-2f;
                var plus = w.Clone();
                plus.Data[i] += eps;
                graph.Write(name, plus);
                double lp = graph.Loss(images, labels);
                var minus = w.Clone();
                minus.Data[i] -= eps;
                graph.Write(name, minus);
                double lm = graph.Loss(images, labels);
                graph.Write(name, w);
                double numeric = (lp - lm) / (2 * eps), analytic = grads[name].Data[i];
                Assert.That(Math.Abs(numeric - analytic), Is.LessThanOrEqualTo(2e-3 + 5e-2 * Math.Abs(numeric)),
                    $"d loss / d {name}[{i}] on {Kind}: analytic {analytic:g6}, finite difference {numeric:g6}");
            }
        }
    }

    [Test]
    public void Steps_AgreeWithTheCpuReference()
    {
        var (images, labels) = Batch();
        Dictionary<string, Tensor> Train(IComputeBackend backend)
        {
            var model = SmallNet(4);
            using var graph = new TrainingGraph(model, backend, 4, new SgdOptions { LearningRate = 0.1f }, seed: 2);
            for (int s = 0; s < 3; s++) graph.Step(images, labels);
            graph.CopyTo(model);
            return model.Initializers.Where(kv => kv.Value.ElementType == ElementType.Float32).ToDictionary(kv => kv.Key, kv => kv.Value);
        }
        var expected = Train(SharedBackends.Get(Backend.CPU));
        var actual = Train(Compute);
        foreach (var (name, want) in expected)
            TensorAssert.Close(want, actual[name], new Tolerance("3 steps", 1e-4f, 1e-3f), $"{name} after 3 steps on {Kind}");
    }
}
