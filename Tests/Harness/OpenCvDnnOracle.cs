using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.Harness;

/// <summary>
/// OpenCV DNN (CPU) as the oracle for .tflite models: it reads the file itself, so it checks Vision's importer and kernels
/// together. It wants a channels-first 1x3xHxW blob and returns NCHW; this helper takes and gives NHWC like the model.
/// </summary>
public static class OpenCvDnnOracle
{
    public static Tensor RunNhwc(string modelPath, Tensor inputNhwc)
    {
        var s = inputNhwc.Shape;
        int n = s[0], h = s[1], w = s[2], c = s[3];
        var nchw = new float[inputNhwc.Length];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int ch = 0; ch < c; ch++)
                        nchw[((b * c + ch) * h + y) * w + x] = inputNhwc.Data[((b * h + y) * w + x) * c + ch];
        using var net = CvDnn.ReadNet(modelPath);
        net.SetPreferableBackend(Backend.OPENCV);
        net.SetPreferableTarget(Target.CPU);
        using var blob = Mat.FromPixelData([n, c, h, w], MatType.CV_32F, nchw);
        net.SetInput(blob);
        using var output = net.Forward();
        var dims = Enumerable.Range(0, output.Dims).Select(output.Size).ToArray();
        var data = new float[output.Total()];
        Marshal.Copy(output.Data, data, 0, data.Length);
        if (dims.Length != 4) return new Tensor(dims, data);
        int oc = dims[1], oh = dims[2], ow = dims[3];
        var nhwc = new float[data.Length];
        for (int b = 0; b < dims[0]; b++)
            for (int ch = 0; ch < oc; ch++)
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++)
                        nhwc[((b * oh + y) * ow + x) * oc + ch] = data[((b * oc + ch) * oh + y) * ow + x];
        return new Tensor([dims[0], oh, ow, oc], nhwc);
    }
}
