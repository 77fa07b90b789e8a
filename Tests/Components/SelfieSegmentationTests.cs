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
            (nn, seg) = PhotoThroughTheNetwork(scene, model, photo, backend);
            nn.KernelsPerFrame = kernelsPerFrame;   // > 0: one inference spread over several frames
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

    /// <summary>
    /// Every composite mode (each a compiled shader variant) on the person photo: the cut-out's alpha covers the person
    /// and not the rest, tint and replace keep the person's pixels and change the rest, blur smooths the background,
    /// the heat map differs from the frame everywhere the mask is.
    /// </summary>
    [Test]
    public unsafe void EveryOverlayModeComposesTheFrameWithTheMask()
    {
        string model = SharedModels.File("selfie_segmentation.onnx");
        string photo = SharedModels.File("images/person.jpg");
        var modes = Enum.GetValues<OverlayMode>();
        var outputs = new Dictionary<OverlayMode, byte[]>();
        byte[] mask = [];
        int width = 0, height = 0;
        var overlays = new List<SegmentationOverlay>();
        Segmenter? seg = null;
        NeuralNetwork? nn = null;
        using var app = VisionRun.Until(scene =>
        {
            (nn, seg) = PhotoThroughTheNetwork(scene, model, photo, "gl");
            foreach (var mode in modes)
            {
                var o = nn.GameObject.AddComponent<SegmentationOverlay>();
                o.Mode = mode;
                o.DrawOnScreen = false;
                overlays.Add(o);
            }
        }, _ => (seg!.Version > 0 && overlays.All(o => o.Output != null)) || nn!.Error != null, atEnd: a =>
        {
            var gl = a.Device.Gl;
            gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
            foreach (var o in overlays)
            {
                (width, height) = (o.Output!.Width, o.Output.Height);
                var rgba = new byte[width * height * 4];
                o.Output.Bind(0);
                fixed (byte* p = rgba) gl.GetTexImage(TextureTarget.Texture2D, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
                outputs[o.Mode] = rgba;
            }
            // The cut-out's alpha is the soft mask at the frame's size.
            mask = outputs[OverlayMode.CutOut].Where((_, i) => i % 4 == 3).ToArray();
        });
        Assert.That(nn!.Error, Is.Null);
        int n = width * height;
        int person = mask.Count(m => m >= 200), background = mask.Count(m => m <= 50);
        Assert.That(person, Is.GreaterThan(n / 20), "the cut-out's alpha should cover the person");
        Assert.That(background, Is.GreaterThan(n / 20), "and leave the background transparent");
        var frame = outputs[OverlayMode.CutOut];   // rgb = the frame everywhere
        double MeanDiff(OverlayMode mode, Func<byte, bool> where)
        {
            var o = outputs[mode];
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++)
                if (where(mask[i]))
                {
                    for (int c = 0; c < 3; c++) sum += Math.Abs(o[i * 4 + c] - frame[i * 4 + c]);
                    count++;
                }
            return sum / (3.0 * count);
        }
        foreach (var mode in new[] { OverlayMode.Replace, OverlayMode.Blur })
        {
            TestContext.Out.WriteLine($"{mode}: person {MeanDiff(mode, m => m >= 250):F2}, background {MeanDiff(mode, m => m <= 5):F2} mean |diff| from the frame");
            Assert.That(MeanDiff(mode, m => m >= 250), Is.LessThan(2.0), $"{mode} keeps the person");
            Assert.That(MeanDiff(mode, m => m <= 5), Is.GreaterThan(2.0), $"{mode} changes the background");
        }
        Assert.That(MeanDiff(OverlayMode.Tint, m => m >= 250), Is.GreaterThan(MeanDiff(OverlayMode.Tint, m => m <= 5) + 10), "tint colours the person");
        Assert.That(MeanDiff(OverlayMode.HeatMap, m => true), Is.GreaterThan(10), "the heat map covers the frame");
    }

    /// <summary>The photo as the camera's input (not in real time), the model on <paramref name="backend"/>, an unsmoothed segmenter.</summary>
    private static (NeuralNetwork Network, Segmenter Segmenter) PhotoThroughTheNetwork(Vision.Engine.Scenes.Scene scene, string model, string photo, string backend)
    {
        var (cam, nn) = VisionRun.ImageIntoNetwork(scene, photo, model, backend);
        cam.RealTime = false;
        var seg = nn.GameObject.AddComponent<Segmenter>();
        seg.Smoothing = 0;
        return (nn, seg);
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
