using Vision.Models;
using Vision.TfLite;
using Vision.Tests.Onnx;

namespace Vision.Tests.TfLite;

/// <summary>Bad .tflite files are rejected with a ModelLoadException naming the file, the operator and the tensor.</summary>
public class TfLiteLoadErrorTests
{
    private const int SQUARE = 92, CONV_2D = 3, DEQUANTIZE = 6;

    private static ModelLoadException Fails(byte[] bytes) =>
        Assert.Throws<ModelLoadException>(() => TfLiteImporter.Load(bytes, "test.tflite"))!;

    [Test]
    public void UnknownBuiltinOp_NamesTheOperator()
    {
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 4, 4, 3), y = w.Tensor("y", 1, 4, 4, 3);
        w.Op(SQUARE, [x], [y]);
        var e = Fails(w.Build([x], [y]));
        Assert.That(e.File, Is.EqualTo("test.tflite"));
        Assert.That(e.Node, Is.EqualTo("operator 0 (SQUARE)"));
        Assert.That(e.Message, Does.Contain("does not translate"));
    }

    [Test]
    public void UnknownCustomOp_NamesIt()
    {
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 4, 4, 3), y = w.Tensor("y", 1, 2, 2, 3);
        w.Custom("MaxPoolingWithArgmax2D", [x], [y], [1, 2, 3]);
        var e = Fails(w.Build([x], [y]));
        Assert.That(e.Node, Is.EqualTo("operator 0 (custom op 'MaxPoolingWithArgmax2D')"));
    }

    [Test]
    public void QuantizedInput_NamesTheTensorAndType()
    {
        var w = new TfLiteModelWriter();
        int x = w.Typed("pixels", [1, 4, 4, 3], TfLiteModelWriter.Int8), y = w.Tensor("y", 1, 4, 4, 3);
        w.Op(19, [x], [y]);
        var e = Fails(w.Build([x], [y]));
        Assert.That(e.Field, Does.Contain("'pixels'"));
        Assert.That(e.Message, Does.Contain("INT8"));
    }

    [Test]
    public void TensorIndexOutOfRange()
    {
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 4, 4, 3), y = w.Tensor("y", 1, 4, 4, 3);
        w.Op(0, [x, 99], [y], 11, (0, (byte)0));
        var e = Fails(w.Build([x], [y]));
        Assert.That(e.Node, Is.EqualTo("operator 0 (ADD)"));
        Assert.That(e.Message, Does.Contain("tensor 99"));
    }

    [Test]
    public void ComputedFilter_IsRejected()
    {
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 4, 4, 3), f = w.Tensor("filter", 2, 3, 3, 3), y = w.Tensor("y", 1, 4, 4, 2);
        w.Op(CONV_2D, [x, f], [y], 1, (0, (byte)0), (1, 1), (2, 1));
        var e = Fails(w.Build([x, f], [y]));
        Assert.That(e.Field, Does.Contain("'filter'"));
        Assert.That(e.Message, Does.Contain("constant"));
    }

    [Test]
    public void BufferOfWrongSize()
    {
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 2, 2, 3), c = w.Typed("c", [3], TfLiteModelWriter.Float32, new byte[5]), y = w.Tensor("y", 1, 2, 2, 3);
        w.Op(0, [x, c], [y], 11, (0, (byte)0));
        var e = Fails(w.Build([x], [y]));
        Assert.That(e.Field, Does.Contain("'c'"));
        Assert.That(e.Message, Does.Contain("5 bytes"));
    }

    [Test]
    public void NotAFlatBuffer_OrWrongIdentifier()
    {
        Assert.That(Fails([1, 2, 3]).Message, Does.Contain("too short"));
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 2, 2, 3), y = w.Tensor("y", 1, 2, 2, 3);
        w.Op(19, [x], [y]);
        var bytes = w.Build([x], [y]);
        bytes[4] = (byte)'X';
        Assert.That(Fails(bytes).Field, Is.EqualTo("file identifier"));
    }

    [Test]
    public void TruncatedRealModel()
    {
        var bytes = File.ReadAllBytes(TfLiteTestData.Model("selfie_segmentation"));
        foreach (int length in new[] { 8, 100, bytes.Length / 3, bytes.Length / 2, bytes.Length - 4 })
            Assert.Throws<ModelLoadException>(() => TfLiteImporter.Load(bytes[..length], "selfie.tflite"), $"truncated to {length}");
    }

    [Test]
    public void MissingFile()
    {
        var e = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(Path.Combine(OnnxTestData.TempDir(), "none.tflite")))!;
        Assert.That(e.Message, Does.Contain("not found"));
    }

    [Test]
    public void Fp16WeightsBehindDequantize_AreFoldedToFloat32()
    {
        var w = new TfLiteModelWriter();
        int x = w.Tensor("x", 1, 3, 3, 2), half = w.Fp16("w16", [1, 1, 1, 2], [0.5f, 1.25f]), full = w.Tensor("w", 1, 1, 1, 2), y = w.Tensor("y", 1, 3, 3, 1);
        w.Op(DEQUANTIZE, [half], [full]);
        w.Op(CONV_2D, [x, full], [y], 1, (0, (byte)1), (1, 1), (2, 1));
        var model = TfLiteImporter.Load(w.Build([x], [y]), "test.tflite");
        var weights = model.Initializers.Values.Single(t => t.Rank == 4);
        Assert.That(weights.Shape, Is.EqualTo(new[] { 1, 2, 1, 1 }), "OHWI [1,1,1,2] -> OIHW [1,2,1,1]");
        Assert.That(weights.Data, Is.EqualTo(new[] { 0.5f, 1.25f }));
    }
}
