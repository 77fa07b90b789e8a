using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Bench;

/// <summary>OpenCV DNN on its CPU target (its OpenCL target is ~10x slower on PoCL here).</summary>
public sealed class OpenCvRunner : IBenchRunner
{
    private readonly Net _net;
    private readonly Mat _blob;
    private float[] _output = [];

    public OpenCvRunner(string path, Tensor input, int threads)
    {
        Cv2.SetNumThreads(threads);
        _net = CvDnn.ReadNetFromOnnx(path) ?? throw new IOException($"OpenCV DNN could not read '{path}'.");
        _net.SetPreferableBackend(OpenCvSharp.Dnn.Backend.OPENCV);
        _net.SetPreferableTarget(Target.CPU);
        _blob = new Mat(input.Shape, MatType.CV_32F);
        Marshal.Copy(input.Data, 0, _blob.Data, input.Length);
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
