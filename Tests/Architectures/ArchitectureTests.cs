using Vision.Architectures;
using Vision.Building;

namespace Vision.Tests.Architectures;

/// <summary>Every architecture builds; parameter counts equal torchvision's published ones exactly.</summary>
public sealed class ArchitectureTests
{
    private static IEnumerable<TestCaseData> Torchvision() =>
        Architecture.TorchvisionParameterCounts.Select(kv => new TestCaseData(kv.Key, kv.Value).SetName($"ParameterCount_EqualsTorchvision({kv.Key})"));

    [TestCaseSource(nameof(Torchvision))]
    public void ParameterCount_EqualsTorchvision(string name, long expected)
    {
        var model = Architecture.Create(name, new ArchitectureOptions { InitializeWeights = false });
        Assert.That(ModelSummary.Parameters(model), Is.EqualTo(expected));
        Assert.That(model.Outputs[0].Dims.Select(d => d.Value), Is.EqualTo(new int?[] { null, 1000 }));
    }

    [TestCase("lenet5", 61_706)]
    [TestCase("mobilenet_v1", 4_231_976)]
    public void ParameterCount_OfTheOthers(string name, long expected) =>
        Assert.That(ModelSummary.Parameters(Architecture.Create(name, new ArchitectureOptions { InitializeWeights = false })), Is.EqualTo(expected));

    [Test]
    public void Every_Name_Builds_WithSupportedOpsOnly()
    {
        foreach (var name in Architecture.Names)
        {
            var model = Architecture.Create(name, new ArchitectureOptions { InitializeWeights = false });
            Assert.That(model.UnsupportedOps(), Is.Empty, name);
            Assert.That(ModelSummary.Of(model).Layers, Is.Not.Empty, name);
        }
    }

    [Test]
    public void Macs_MatchPublishedFigures()
    {
        // torchvision's documented GFLOPS (multiply-accumulates): resnet50 4.09, resnet18 1.81, mobilenet_v2 0.30.
        Assert.That(ModelSummary.Of(Architecture.Create("resnet50", new ArchitectureOptions { InitializeWeights = false })).TotalMacs / 1e9, Is.EqualTo(4.09).Within(0.01));
        Assert.That(ModelSummary.Of(Architecture.Create("resnet18", new ArchitectureOptions { InitializeWeights = false })).TotalMacs / 1e9, Is.EqualTo(1.81).Within(0.01));
        Assert.That(ModelSummary.Of(Architecture.Create("mobilenet_v2", new ArchitectureOptions { InitializeWeights = false })).TotalMacs / 1e9, Is.EqualTo(0.30).Within(0.01));
    }

    [Test]
    public void UnknownName_ListsTheKnownOnes() =>
        Assert.That(() => Architecture.Create("resnet51"), Throws.ArgumentException.With.Message.Contains("resnet50"));

    [Test]
    public void UNet_KeepsTheInputResolution()
    {
        var model = Architecture.UNet(new ArchitectureOptions { InputShape = [1, 3, 64, 96], Classes = 3, Width = 4 });
        Assert.That(model.Outputs[0].Dims.Skip(1).Select(d => d.Value), Is.EqualTo(new int?[] { 3, 64, 96 }));
        Assert.That(model.Nodes.Select(n => n.OpType), Does.Contain("ConvTranspose").And.Contain("Concat"));
        Assert.That(model.Nodes.Where(n => n.OpType == "Conv").Select(n => n.GetInts("dilations")[0]), Does.Contain(2L).And.Contain(4L));
    }
}
