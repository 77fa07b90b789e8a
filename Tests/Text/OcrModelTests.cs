using OpenCvSharp;
using Vision.Backends;
using Vision.Models;
using Vision.Runtime;
using Vision.Tests.Harness;
using Vision.Tests.TfLite;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.Text;

/// <summary>
/// PP-OCRv4 detection at several sizes (multiples of 32), recognition at several widths and the direction classifier,
/// through one Worker each (re-planned per shape) on every backend, against ONNX Runtime on the same file and input.
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class OcrModelTests(Backend kind) : BackendTest(kind)
{
    /// <summary>
    /// Probabilities (sigmoid map, softmax over 6625 symbols): float32 in another summation order through ~100 layers plus
    /// GPU exp; seen up to 6e-5 (det) and 7.6e-5 (rec, the same on all three backends, so it is where Vision and ORT evaluate an op
    /// differently, not a backend). atol 1e-4 + rtol 1e-3 (the verify verb's) is far below what a wrong resize or layout moves (0.1+).
    /// </summary>
    private static readonly Tolerance Probability = new("probability", 1e-4f, 1e-3f);

    [Test]
    public void Detector_AtSeveralSizes_MatchesOnnxRuntime()
    {
        string path = TfLiteTestData.Model("ppocr_det");
        using var image = TextImages.Draw("VISION 2026");
        using var worker = new Worker(ModelLoader.Load(path), Compute);
        foreach (var (h, w) in new[] { (160, 640), (96, 320), (128, 224) })
        {
            var x = TfLiteTestData.FromBgr(image, h, w, nchw: true);
            worker.Run("x", x);
            var actual = worker.PeekOutput();
            var expected = OnnxRuntimeOracle.Run(path, new Dictionary<string, Tensor> { ["x"] = x }).Values.First();
            TestContext.Out.WriteLine($"ppocr_det {h}x{w} on {Kind}: max abs {TfLiteTestData.MaxAbs(expected, actual):g3}, max probability {actual.Data.Max():g3}");
            Assert.That(expected.Data.Max(), Is.GreaterThan(0.5f), "the drawn text is detected by the oracle");
            TensorAssert.Close(expected, actual, Probability, $"ppocr_det {h}x{w} on {Kind}");
        }
        Assert.That(worker.CompileCount, Is.EqualTo(3), "one plan per input size");
    }

    [Test]
    public void Recognizer_AtSeveralWidths_MatchesOnnxRuntime()
    {
        string path = TfLiteTestData.Model("ppocr_rec");
        using var image = TextImages.Draw("VISION 2026", 640, 96);
        using var worker = new Worker(ModelLoader.Load(path), Compute);
        foreach (int w in new[] { 320, 160 })
        {
            var x = TfLiteTestData.FromBgr(image, 48, w, nchw: true);
            for (int i = 0; i < x.Length; i++) x.Data[i] = x.Data[i] * 2f - 1f;
            worker.Run("x", x);
            var actual = worker.PeekOutput();
            var expected = OnnxRuntimeOracle.Run(path, new Dictionary<string, Tensor> { ["x"] = x }).Values.First();
            TestContext.Out.WriteLine($"ppocr_rec 48x{w} on {Kind}: output {Tensor.ShapeString(actual.Shape)}, max abs {TfLiteTestData.MaxAbs(expected, actual):g3}");
            TensorAssert.Close(expected, actual, Probability, $"ppocr_rec 48x{w} on {Kind}");
        }
        Assert.That(worker.CompileCount, Is.EqualTo(2), "one plan per width");
    }

    [Test]
    public void DirectionClassifier_MatchesOnnxRuntime()
    {
        string path = TfLiteTestData.Model("ppocr_cls");
        using var image = TextImages.Draw("VISION 2026", 640, 96);
        using var flipped = new Mat();
        Cv2.Rotate(image, flipped, RotateFlags.Rotate180);
        using var worker = new Worker(ModelLoader.Load(path), Compute);
        var upright = Classify(path, worker, image);
        var upsideDown = Classify(path, worker, flipped);
        Assert.That(upright.Data[0], Is.GreaterThan(upright.Data[1]), "class 0 (0 degrees) for upright text");
        Assert.That(upsideDown.Data[1], Is.GreaterThan(upsideDown.Data[0]), "class 1 (180 degrees) for rotated text");
    }

    private Tensor Classify(string path, Worker worker, Mat image)
    {
        var x = TfLiteTestData.FromBgr(image, 48, 192, nchw: true);
        for (int i = 0; i < x.Length; i++) x.Data[i] = x.Data[i] * 2f - 1f;
        worker.Run("x", x);
        var actual = worker.PeekOutput();
        var expected = OnnxRuntimeOracle.Run(path, new Dictionary<string, Tensor> { ["x"] = x }).Values.First();
        TestContext.Out.WriteLine($"ppocr_cls on {Kind}: [{actual.Data[0]:g4}, {actual.Data[1]:g4}], max abs {TfLiteTestData.MaxAbs(expected, actual):g3}");
        TensorAssert.Close(expected, actual, Probability, $"ppocr_cls on {Kind}");
        return actual;
    }
}
