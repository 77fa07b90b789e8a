using Microsoft.ML.OnnxRuntime;
using Vision.Models;
using Vision.Onnx.Proto;

namespace Vision.Tests.Onnx;

/// <summary>The project's real models load, with inputs and outputs as ONNX Runtime reports them and every op supported.</summary>
public class OnnxSharedModelsTests
{
    [TestCase("mnist-8.onnx", 8)]
    [TestCase("selfie_segmentation.onnx", 11)]
    [TestCase("selfie_segmentation_landscape.onnx", 9)]
    public void Loads_AndAgreesWithOnnxRuntime(string fileName, int opset)
    {
        string path = OnnxTestData.SharedModel(fileName);
        var model = ModelLoader.Load(path);
        using var session = new InferenceSession(path);

        Assert.That(model.OpsetVersion, Is.EqualTo(opset));
        Assert.That(model.Inputs.Select(i => i.Name), Is.EqualTo(session.InputMetadata.Keys));
        foreach (var input in model.Inputs)
        {
            var meta = session.InputMetadata[input.Name];
            Assert.That(input.Dims.Select(d => d.Value ?? -1), Is.EqualTo(meta.Dimensions), input.Name);
            Assert.That(input.Dims.Select(d => d.Param ?? ""), Is.EqualTo(meta.SymbolicDimensions), input.Name);
            Assert.That(input.ElementType, Is.EqualTo(DataType.Float32));
        }
        Assert.That(model.Outputs.Select(o => o.Name), Is.EqualTo(session.OutputMetadata.Keys));

        // Node count against the raw file: every node is kept except Constant nodes, which become initializers.
        var raw = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        int constants = raw.Graph.Node.Count(n => n.OpType == "Constant");
        Assert.That(model.Nodes, Has.Count.EqualTo(raw.Graph.Node.Count - constants));
        Assert.That(model.Initializers.Count, Is.EqualTo(raw.Graph.Initializer.Select(t => t.Name).Distinct().Count() + constants));

        Assert.That(model.UnsupportedOps(), Is.Empty, string.Join("\n", model.UnsupportedOps()));
        Assert.That(model.Nodes.All(n => n.OpVersion > 0), "every node resolves to an op-set version");
        TestContext.Out.WriteLine($"{fileName}: {model}; ops: {string.Join(", ", model.Nodes.GroupBy(n => n.OpType).Select(g => $"{g.Key} x{g.Count()}"))}");
    }

    [Test]
    public void SelfieSegmentation_Has181Nodes()
    {
        var raw = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxTestData.SharedModel("selfie_segmentation.onnx")));
        Assert.That(raw.Graph.Node, Has.Count.EqualTo(181), "the count the shared models README gives");
    }
}
