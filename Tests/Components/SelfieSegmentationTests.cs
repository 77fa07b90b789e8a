using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using Silk.NET.OpenGL;
using Vision.Components;

namespace Vision.Tests.Components;

/// <summary>The selfie mask made by the components (GPU pre-processing, network, mask shader) against ONNX Runtime's.</summary>
[NonParallelizable]
public sealed class SelfieSegmentationTests
{
    [TestCase("gl")]
    [TestCase("cl")]
    [TestCase("cpu")]
    [TestCase("cl", 9)]
    public unsafe void MaskOfThePersonMatchesOnnxRuntime(string backend, int kernelsPerFrame = 0)
    {
        string model = SharedModels.File("selfie_segmentation.onnx");
        string photo = SharedModels.File("images/person.jpg");
        byte[] rgba = new byte[256 * 256 * 4];
        Segmenter? seg = null;
        NeuralNetwork? nn = null;
        long frames = 0;
        int kernels = 0;
        using var app = VisionRun.Until(scene =>
        {
            var cam = scene.CreateObject("Input").AddComponent<CameraSource>();
            cam.InputPath = photo;
            cam.RealTime = false;
            cam.Log = _ => { };
            var net = scene.CreateObject("Network");
            nn = net.AddComponent<NeuralNetwork>();
            nn.ModelPath = model;
            nn.Backend = backend;
            nn.KernelsPerFrame = kernelsPerFrame;   // > 0: one inference spread over several frames
            nn.Log = _ => { };
            seg = net.AddComponent<Segmenter>();
            seg.Smoothing = 0;
        }, _ => seg!.Version > 0 || nn!.Error != null, atEnd: a =>
        {
            frames = a.Scene.Time.FrameCount;
            kernels = nn!.Worker!.KernelCount;
            if (seg!.Mask == null) return;
            var gl = a.Device.Gl;
            seg.Mask.Bind(0);
            gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
            fixed (byte* p = rgba) gl.GetTexImage(TextureTarget.Texture2D, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        });
        Assert.That(nn!.Error, Is.Null);
        if (kernelsPerFrame > 0) Assert.That(frames, Is.GreaterThan(kernels / kernelsPerFrame), "the inference took several frames");

        var reference = OrtMask(model, photo);
        int both = 0, either = 0;
        for (int y = 0; y < 256; y++)
            for (int x = 0; x < 256; x++)
            {
                bool ours = rgba[((255 - y) * 256 + x) * 4] >= 128;   // texture row 0 is the image's bottom
                bool theirs = reference[y * 256 + x] > 0.5f;
                if (ours && theirs) both++;
                if (ours || theirs) either++;
            }
        double iou = either == 0 ? 1 : (double)both / either;
        TestContext.Out.WriteLine($"{backend}: IoU {iou:F4} ({both}/{either} pixels)");
        Assert.That(either, Is.GreaterThan(256 * 256 / 20), "the photo has a person in it");
        Assert.That(iou, Is.GreaterThanOrEqualTo(0.95));
    }

    /// <summary>ONNX Runtime on the photo resized (area) to 256x256, RGB in 0..1.</summary>
    private static float[] OrtMask(string model, string photo)
    {
        using var image = Cv2.ImRead(photo);
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(256, 256), 0, 0, InterpolationFlags.Area);
        Cv2.CvtColor(small, small, ColorConversionCodes.BGR2RGB);
        small.GetArray(out Vec3b[] pixels);
        var input = new DenseTensor<float>([1, 256, 256, 3]);
        for (int i = 0; i < pixels.Length; i++)
            for (int c = 0; c < 3; c++) input.Buffer.Span[i * 3 + c] = pixels[i][c] / 255f;
        using var session = new InferenceSession(model, new SessionOptions { IntraOpNumThreads = 2 });
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), input)]);
        return results.First().AsTensor<float>().ToArray();
    }
}
