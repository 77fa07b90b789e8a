using Vision.Building;
using Vision.Models;
using Vision.Tests.Onnx;

namespace Vision.Tests.Building;

/// <summary>Receptive fields against hand-computed cases, MACs and parameters per layer, and the summary's text.</summary>
public sealed class ModelSummaryTests
{
    [Test]
    public void DilatedStack_ReceptiveFieldsAre3_7_15()
    {
        // 3x3 convolutions with dilations 1, 2, 4 (padding = dilation keeps the size): 1 + 2 = 3, 3 + 4 = 7, 7 + 8 = 15.
        var s = new Sequential([1, 1, 32, 32], initializeWeights: false)
            .Conv(4, 3, padding: 1, dilation: 1, name: "d1").Conv(4, 3, padding: 2, dilation: 2, name: "d2").Conv(4, 3, padding: 4, dilation: 4, name: "d4");
        var summary = ModelSummary.Of(s.Build());
        Assert.That(summary.Layers.Take(3).Select(l => l.FieldH!.Value.Size), Is.EqualTo(new[] { 3.0, 7.0, 15.0 }));
        Assert.That(summary.Layers.Take(3).Select(l => l.FieldH!.Value.Jump), Is.All.EqualTo(1.0));
        Assert.That(summary.Layers.Take(3).Select(l => l.FieldH!.Value.Start), Is.All.EqualTo(0.5), "'same' padding keeps the first field centred on pixel 0");
    }

    [Test]
    public void StridesAndPools_MultiplyTheJump()
    {
        // conv 3x3 s1 (3, 1), pool 2x2 s2 (4, 2), conv 3x3 s1 (8, 2), conv 3x3 s2 (12, 4), conv 1x1 (12, 4).
        var s = new Sequential([1, 1, 32, 32], initializeWeights: false)
            .Conv(2, 3).MaxPool(2).Conv(2, 3).Conv(2, 3, stride: 2).Conv(2, 1);
        var rows = ModelSummary.Of(s.Build()).Layers;
        var fields = rows.Take(5).Select(l => (l.FieldH!.Value.Size, l.FieldH.Value.Jump)).ToArray();
        Assert.That(fields, Is.EqualTo(new[] { (3.0, 1.0), (4.0, 2.0), (8.0, 2.0), (12.0, 4.0), (12.0, 4.0) }));
        // Without padding each 3x3 moves the centre of the first field by one jump: 0.5 + 1 = 1.5, pool +0.5 = 2, +2 = 4, +2 = 6.
        Assert.That(rows.Take(5).Select(l => l.FieldH!.Value.Start), Is.EqualTo(new[] { 1.5, 2.0, 4.0, 6.0, 6.0 }));
    }

    [Test]
    public void RectangularKernels_HaveAFieldPerAxis()
    {
        var g = new GraphBuilder(initializeWeights: false);
        var x = g.Input("input", 1, 1, 16, 16);
        var v = g.Conv(x, 2, (5, 1), (1, 1), (2, 0), (1, 1), name: "v");
        g.Output(g.Conv(v, 2, (1, 3), (1, 2), (0, 1), (1, 1), name: "h"));
        var rows = ModelSummary.Of(g.Build()).Layers;
        Assert.That((rows[0].FieldH!.Value.Size, rows[0].FieldW!.Value.Size), Is.EqualTo((5.0, 1.0)));
        Assert.That((rows[1].FieldH!.Value.Size, rows[1].FieldW!.Value.Size, rows[1].FieldW!.Value.Jump), Is.EqualTo((5.0, 3.0, 2.0)));
        Assert.That(rows[1].FieldText, Is.EqualTo("5x3/1x2/0.5x0.5"));
    }

    [Test]
    public void GlobalPooling_SeesTheWholeInput()
    {
        var s = new Sequential([1, 1, 8, 8], initializeWeights: false).Conv(2, 3, padding: 1).MaxPool(2).GlobalAvgPool().Flatten().Linear(3);
        var rows = ModelSummary.Of(s.Build()).Layers;
        // After the pool: size 4, jump 2, over a 4x4 map: 4 + 3 * 2 = 10 pixels (the padded frame included).
        Assert.That(rows[2].FieldH!.Value.Size, Is.EqualTo(10.0));
        Assert.That(rows[4].FieldH!.Value.Size, Is.EqualTo(10.0), "Flatten and Linear keep the global field");
    }

    [Test]
    public void MacsAndParameters_PerLayer()
    {
        var model = new Sequential([1, 3, 10, 10], initializeWeights: false)
            .Conv(8, 3, padding: 1).Conv(8, 3, padding: 1, groups: 8).GlobalAvgPool().Flatten().Linear(4).Build();
        var rows = ModelSummary.Of(model).Layers;
        Assert.That(rows[0].Macs, Is.EqualTo(8 * 100 * 27));
        Assert.That(rows[0].Parameters, Is.EqualTo(8 * 27 + 8));
        Assert.That(rows[1].Macs, Is.EqualTo(8 * 100 * 9), "depthwise: one input channel per output");
        Assert.That(rows[1].Parameters, Is.EqualTo(8 * 9 + 8));
        Assert.That(rows[4].Macs, Is.EqualTo(32));
    }

    [Test]
    public void Text_EndsWithTotalsLine()
    {
        var model = new Sequential([1, 1, 28, 28], initializeWeights: false).Conv(6, 5, padding: 2).Flatten().Linear(10).Build();
        var summary = ModelSummary.Of(model);
        var lines = summary.ToText().TrimEnd('\n').Split('\n');
        Assert.That(lines[^1], Is.EqualTo($"total params: {6 * 26 + 4704 * 10 + 10}, MACs: {6 * 784 * 25 + 4704 * 10}"));
        Assert.That(lines[0], Does.StartWith("layer"));
    }

    [Test]
    public void ImportedModel_IsSummarised()
    {
        var model = ModelLoader.Load(OnnxTestData.SharedModel("mnist-8.onnx"));
        var summary = ModelSummary.Of(model);
        // conv 8@5x5 (208), conv 16@5x5x8 (3,216), a 256x10 weight reshaped before its MatMul (2,560), bias 10.
        Assert.That(summary.TotalParameters, Is.EqualTo(5994));
        Assert.That(summary.TotalMacs, Is.GreaterThan(0));
        Assert.That(summary.Layers.Where(l => l.Op == "Conv").Select(l => l.FieldH), Is.All.Not.Null);
    }

    [Test]
    public void ImportedSegmentation_GlobalBranchesDoNotCoarsenTheGrid()
    {
        // Squeeze-excite branches (global pool, 1x1 convs, Mul) make the field global but leave the main path's grid:
        // the per-pixel output of selfie_segmentation is back on the input grid (jump 1).
        var summary = ModelSummary.Of(ModelLoader.Load(OnnxTestData.SharedModel("selfie_segmentation.onnx")));
        var last = summary.Layers[^1];
        Assert.That(last.FieldH!.Value.Jump, Is.EqualTo(1.0));
        Assert.That(last.FieldH.Value.Size, Is.GreaterThan(256).And.LessThan(10_000));
    }
}
