using Vision.Backends;
using Vision.Models;
using Vision.Runtime;
using Vision.Tests.Harness;
using Vision.Tests.Onnx;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.TfLite;

/// <summary>
/// The MediaPipe selfie models (.tflite from the model catalog) through Vision's Worker on every backend, against
/// OpenCV DNN reading the same file and (portrait) ONNX Runtime on the shared ONNX conversion of the same weights.
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class TfLiteSelfieBackendTests(Backend kind) : BackendTest(kind)
{
    /// <summary>
    /// Probabilities in [0, 1]. The weights are the same fp16-rounded values in every engine; what differs is float32
    /// summation order, fused multiply-add and GPU sigmoid/exp (a few ulp) through ~60 layers, which here stays below
    /// 3e-5 on the CPU and ~1e-4 on GPUs. atol 1e-3 keeps a 10x margin for other drivers, far below the 0.01-1 errors
    /// a wrong layout, padding or resize mode gives (the landscape conversion's resize mode alone moves them by 1).
    /// </summary>
    private static readonly Tolerance Probability = new("probability", 1e-3f, 0f);

    [TestCase("selfie_segmentation", 256, 256)]
    [TestCase("selfie_segmentation_landscape", 144, 256)]
    public void MatchesOpenCvDnn(string name, int h, int w)
    {
        string path = TfLiteTestData.Model(name);
        var x = TfLiteTestData.Photo(h, w);
        var actual = Run(path, x);
        var expected = OpenCvDnnOracle.RunNhwc(path, x);
        TestContext.Out.WriteLine($"{name} on {Kind} vs OpenCV DNN: max abs {TfLiteTestData.MaxAbs(expected, actual):g3}");
        TensorAssert.Close(expected, actual, Probability, $"{name} on {Kind} vs OpenCV DNN");
    }

    [Test]
    public void Portrait_MatchesOnnxRuntimeOnSharedConversion()
    {
        string path = TfLiteTestData.Model("selfie_segmentation");
        string onnx = OnnxTestData.SharedModel("selfie_segmentation.onnx");
        var x = TfLiteTestData.Photo(256, 256);
        var actual = Run(path, x);
        var expected = OnnxRuntimeOracle.Run(onnx, new Dictionary<string, Tensor> { [OnnxRuntimeOracle.FirstInput(onnx).Name] = x }).Values.First();
        TestContext.Out.WriteLine($"selfie_segmentation on {Kind} vs ORT (shared conversion): max abs {TfLiteTestData.MaxAbs(expected, actual):g3}");
        TensorAssert.Close(expected, actual, Probability, $"selfie_segmentation on {Kind} vs ORT");
    }

    private Tensor Run(string path, Tensor x)
    {
        using var worker = new Worker(ModelLoader.Load(path), Compute);
        worker.Run(x);
        return worker.PeekOutput();
    }
}
