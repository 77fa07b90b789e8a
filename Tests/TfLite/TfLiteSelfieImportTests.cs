using Vision.Models;
using Vision.Onnx;
using Vision.Tests.Harness;
using Vision.Tests.Onnx;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.TfLite;

/// <summary>
/// The importer alone, independent of Vision's kernels: the imported graph is saved as ONNX and run by ONNX Runtime,
/// then compared with OpenCV DNN reading the .tflite itself, and with the ONNX conversions in ../shared/models.
/// </summary>
public class TfLiteSelfieImportTests
{
    /// <summary>
    /// fp32 math on the same fp16-rounded weights in another order (OpenCV, ORT): the probabilities agree to ~3e-5 here;
    /// 1e-4 leaves room for other CPUs' summation order and still catches any layout or padding mistake (those move
    /// probabilities by 0.01-1).
    /// </summary>
    private const double Atol = 1e-4;

    [TestCase("selfie_segmentation", 256, 256)]
    [TestCase("selfie_segmentation_landscape", 144, 256)]
    public void Loads_AsNchwOnnxVocabulary_WithNhwcInterface(string name, int h, int w)
    {
        var model = ModelLoader.Load(TfLiteTestData.Model(name));
        Assert.That(model.Inputs, Has.Count.EqualTo(1));
        Assert.That(model.Inputs[0].Dims.Select(d => d.Value), Is.EqualTo(new int?[] { 1, h, w, 3 }));
        Assert.That(model.Outputs[0].Dims.Select(d => d.Value), Is.EqualTo(new int?[] { 1, h, w, 1 }));
        Assert.That(model.UnsupportedOps(), Is.Empty);
        Assert.That(model.Nodes.Count(n => n.OpType == "Transpose"), Is.EqualTo(2), "only the NHWC<->NCHW transposes at input and output");
        Assert.That(model.Nodes.Count(n => n.OpType == "ConvTranspose"), Is.EqualTo(1), "Convolution2DTransposeBias");
        Assert.That(model.Nodes.Where(n => n.OpType == "Resize").Select(n => n.GetString("coordinate_transformation_mode", "")),
            Is.All.EqualTo("half_pixel"), "RESIZE_BILINEAR with half_pixel_centers");
        Assert.That(model.Initializers.Values.All(t => t.ElementType == Vision.Tensors.ElementType.Float32 || t.Rank <= 1), "fp16 weights folded to float32");
        Assert.That(model.Nodes.All(n => n.OpVersion > 0), "every node resolves to an ONNX op version");
        TestContext.Out.WriteLine($"{name}: {model}; {string.Join(", ", model.Nodes.GroupBy(n => n.OpType).Select(g => $"{g.Key} x{g.Count()}"))}");
    }

    [TestCase("selfie_segmentation", 256, 256)]
    [TestCase("selfie_segmentation_landscape", 144, 256)]
    public void ImportedGraph_InOnnxRuntime_MatchesOpenCvDnn(string name, int h, int w)
    {
        string path = TfLiteTestData.Model(name);
        var x = TfLiteTestData.Photo(h, w, out bool real);
        var ours = RunImportedInOrt(path, x);
        var opencv = OpenCvDnnOracle.RunNhwc(path, x);
        double err = TfLiteTestData.MaxAbs(ours, opencv);
        TestContext.Out.WriteLine($"{name}: imported graph (ORT) vs OpenCV DNN: max abs {err:g3}; mean probability {ours.Data.Average():g3}");
        if (real)
            Assert.That(ours.Data.Average(), Is.GreaterThan(0.05), "the photo has a person in it: a real signal, not an all-zero mask");
        else
            TestContext.Out.WriteLine("person-signal check not run: ../shared/models/images/person.jpg is absent (only the agreement with OpenCV DNN is checked)");
        Assert.That(err, Is.LessThan(Atol));
    }

    [Test]
    public void Portrait_ImportedGraph_MatchesSharedOnnxConversion()
    {
        string path = TfLiteTestData.Model("selfie_segmentation");
        string onnx = OnnxTestData.SharedModel("selfie_segmentation.onnx");
        var x = TfLiteTestData.Photo(256, 256);
        var ours = RunImportedInOrt(path, x);
        var conversion = OnnxRuntimeOracle.Run(onnx, new Dictionary<string, Tensor> { [OnnxRuntimeOracle.FirstInput(onnx).Name] = x }).Values.First();
        double err = TfLiteTestData.MaxAbs(ours, conversion);
        TestContext.Out.WriteLine($"selfie_segmentation: imported graph vs the shared ONNX conversion (both ORT): max abs {err:g3}");
        Assert.That(err, Is.LessThan(Atol));
    }

    /// <summary>
    /// The shared landscape conversion (opset 9) uses Upsample, whose coordinates are "asymmetric", while the .tflite
    /// asks for half_pixel_centers (OpenCV DNN agrees with the .tflite). With our Resize nodes switched to asymmetric the
    /// graphs agree, so the conversion's resize is the only difference.
    /// </summary>
    [Test]
    public void Landscape_SharedConversionDiffersOnlyInResizeCoordinates()
    {
        string path = TfLiteTestData.Model("selfie_segmentation_landscape");
        string onnx = OnnxTestData.SharedModel("selfie_segmentation_landscape.onnx");
        var x = TfLiteTestData.Photo(144, 256);
        var conversion = OnnxRuntimeOracle.Run(onnx, new Dictionary<string, Tensor> { [OnnxRuntimeOracle.FirstInput(onnx).Name] = x }).Values.First();
        var model = ModelLoader.Load(path);
        double asIs = TfLiteTestData.MaxAbs(RunInOrt(model, x), conversion);
        var asymmetric = new Model
        {
            Inputs = model.Inputs, Outputs = model.Outputs, Initializers = model.Initializers, OpsetVersion = model.OpsetVersion,
            Nodes = model.Nodes.Select(n => n.OpType != "Resize" ? n : new Node(n.Name, n.OpType, n.Domain, n.Inputs, n.Outputs,
                n.Attributes.Values.Where(a => a.Name != "coordinate_transformation_mode").Append(NodeAttribute.Of("coordinate_transformation_mode", "asymmetric")))
                { OpVersion = n.OpVersion }).ToList(),
        };
        double switched = TfLiteTestData.MaxAbs(RunInOrt(asymmetric, x), conversion);
        TestContext.Out.WriteLine($"landscape vs shared conversion: half_pixel (the .tflite's) {asIs:g3}, asymmetric (Upsample's) {switched:g3}");
        Assert.That(switched, Is.LessThan(Atol));
        Assert.That(asIs, Is.GreaterThan(0.01), "if this fails the shared conversion was fixed: compare with it directly");
    }

    internal static Tensor RunImportedInOrt(string tflitePath, Tensor x) => RunInOrt(ModelLoader.Load(tflitePath), x);

    private static Tensor RunInOrt(Model model, Tensor x)
    {
        string file = Path.Combine(Path.GetTempPath(), $"vision-tflite-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxWriter.Save(model, file);
            return OnnxRuntimeOracle.Run(file, new Dictionary<string, Tensor> { [model.Inputs[0].Name] = x })[model.Outputs[0].Name];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
