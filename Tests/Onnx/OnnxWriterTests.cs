using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vision.Models;
using Vision.Onnx;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.Onnx;

public class OnnxWriterTests
{
    private string _dir = "";

    [SetUp] public void SetUp() => _dir = OnnxTestData.TempDir();
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    [TestCase(7)]
    [TestCase(9)]
    [TestCase(11)]
    [TestCase(13)]
    [TestCase(17)]
    [TestCase(21)]
    [TestCase(25)]
    public void SavedModel_RunsInOnnxRuntime_WithZeroValuedAttributesKept(int opset)
    {
        var model = OnnxTestModels.ConvReluGemm(opset);
        string path = Path.Combine(_dir, "conv_relu_gemm.onnx");
        OnnxWriter.Save(model, path);

        var x = Tensor.Random([1, 2, 5, 5], seed: 7);
        using var session = new InferenceSession(path);
        Assert.That(session.InputMetadata.Keys, Is.EqualTo(new[] { "x" }));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(x.Data, new[] { 1, 2, 5, 5 }))]);
        float[] actual = results.First().AsEnumerable<float>().ToArray();
        float[] expected = OnnxTestModels.ConvReluGemmReference(model, x.Data);
        Assert.That(actual, Is.EqualTo(expected).Within(1e-4f), "ONNX Runtime disagrees with the plain-loop reference: an attribute (beta = 0?) was lost on save");
    }

    [Test]
    public void SavedModel_RoundTripsThroughTheImporter()
    {
        var model = OnnxTestModels.ConvReluGemm();
        string path = Path.Combine(_dir, "roundtrip.onnx");
        OnnxWriter.Save(model, path);
        var loaded = ModelLoader.Load(path);

        Assert.That(loaded.OpsetVersion, Is.EqualTo(model.OpsetVersion));
        Assert.That(loaded.Inputs.Single().ToString(), Is.EqualTo(model.Inputs.Single().ToString()));
        Assert.That(loaded.Outputs.Single().ToString(), Is.EqualTo(model.Outputs.Single().ToString()));
        Assert.That(loaded.Nodes.Select(n => n.ToString()), Is.EqualTo(model.Nodes.Select(n => n.ToString())));
        for (int i = 0; i < model.Nodes.Count; i++)
            Assert.That(loaded.Nodes[i].Attributes.Values.Select(a => a.ToString()),
                Is.EquivalentTo(model.Nodes[i].Attributes.Values.Select(a => a.ToString())), model.Nodes[i].Name);
        var gemm = loaded.Nodes.Single(n => n.OpType == "Gemm");
        Assert.That(gemm.Has("beta") && gemm.Has("transB"), "zero-valued attributes must be written");
        Assert.That(gemm.GetFloat("beta", 1f), Is.EqualTo(0f));
        Assert.That(loaded.Initializers.Keys, Is.EquivalentTo(model.Initializers.Keys));
        foreach (var (name, t) in model.Initializers)
        {
            Assert.That(loaded.Initializers[name].Shape, Is.EqualTo(t.Shape), name);
            Assert.That(loaded.Initializers[name].Data, Is.EqualTo(t.Data), name);
        }
        Assert.That(loaded.Nodes.Select(n => n.OpVersion), Is.EqualTo(new[] { 11, 13, 13, 13 }), "since-versions at op set 13");
    }

    [Test]
    public void Int64InitializerAndConstantFold_RoundTrip()
    {
        var model = new Model
        {
            Inputs = [new ValueInfo("x", DataType.Float32, [Dim.Fixed(2), Dim.Fixed(3)])],
            Outputs = [new ValueInfo("y", DataType.Float32, [Dim.Fixed(3), Dim.Fixed(2)])],
            Initializers = new() { ["shape"] = new Tensor([2], new long[] { 3, 2 }) },
            OpsetVersion = 14,
            Nodes = [new Node("", "Reshape", "", ["x", "shape"], ["y"], [Models.NodeAttribute.Of("allowzero", 0L)])],
        };
        string path = Path.Combine(_dir, "reshape.onnx");
        OnnxWriter.Save(model, path);
        using (var session = new InferenceSession(path))
            Assert.That(session.OutputMetadata["y"].Dimensions, Is.EqualTo(new[] { 3, 2 }));
        var loaded = ModelLoader.Load(path);
        Assert.That(loaded.Nodes.Single().Name, Is.EqualTo("Reshape_0"), "unnamed nodes get OpType_index");
        Assert.That(loaded.Initializers["shape"].Longs, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(loaded.Nodes.Single().GetInt("allowzero", 1), Is.EqualTo(0));
    }
}
