using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Bench;

/// <summary>
/// OpenCV DNN on its CPU target (its OpenCL target is ~10x slower on PoCL here). ONNX and TFLite (by extension); a TFLite
/// model's NHWC input is given as the channels-first blob OpenCV's TFLite importer expects.
/// </summary>
public sealed class OpenCvRunner : IBenchRunner
{
    private readonly Net _net;
    private readonly Mat _blob;
    private float[] _output = [];

    public OpenCvRunner(string path, Tensor input, int threads)
    {
        Cv2.SetNumThreads(threads);
        bool tflite = path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase);
        _net = (tflite ? CvDnn.ReadNet(path) : CvDnn.ReadNetFromOnnx(path)) ?? throw new IOException($"OpenCV DNN could not read '{path}'.");
        _net.SetPreferableBackend(OpenCvSharp.Dnn.Backend.OPENCV);
        _net.SetPreferableTarget(Target.CPU);
        var blob = input;
        if (tflite && input.Shape is [var n, var h, var w, var c]) blob = new Vision.Ops.Transpose([0, 3, 1, 2]).Reference(input);
        _blob = new Mat(blob.Shape, MatType.CV_32F);
        Marshal.Copy(blob.Data, 0, _blob.Data, blob.Length);
        RunOnce();
    }

    public string Name => "opencv";
    public string Device => $"OpenCV {Cv2.GetVersionString()} DNN, CPU target";
    public ReadOnlySpan<float> Output => _output;

    public void RunOnce()
    {
        _net.SetInput(_blob);
        using var result = _net.Forward();
        int n = (int)result.Total();
        if (_output.Length != n) _output = new float[n];
        Marshal.Copy(result.Data, _output, 0, n);
    }

    public void Dispose()
    {
        _blob.Dispose();
        _net.Dispose();
    }
}
