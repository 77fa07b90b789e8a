using OpenCvSharp;
using Vision.Backends;
using Vision.Models;
using Vision.Models.Catalog;
using Vision.Tests.Harness;
using Vision.Tests.TfLite;
using Vision.Text;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.Text;

/// <summary>PP-OCRv4 detection + recognition + CTC decoding read back text drawn by OpenCV, exactly, on every backend.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class OcrReaderTests(Backend kind) : BackendTest(kind)
{
    [TestCase("VISION 2026", 640, 160)]
    [TestCase("HELLO", 320, 128)]
    public void ReadsDrawnText_Exactly(string text, int width, int height)
    {
        using var reader = Reader();
        using var image = TextImages.Draw(text, width, height);
        var lines = reader.Read(image);
        TestContext.Out.WriteLine($"{Kind}: {string.Join("; ", lines)}");
        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { text }));
        Assert.That(lines[0].Confidence, Is.GreaterThan(0.8f));
    }

    [Test]
    public void BlankImage_HasNoText()
    {
        using var reader = Reader();
        using var image = new Mat(128, 256, MatType.CV_8UC3, Scalar.All(255));
        Assert.That(reader.Read(image), Is.Empty);
    }

    private OcrReader Reader()
    {
        var det = ModelLoader.Load(TfLiteTestData.Model("ppocr_det"));
        var rec = ModelLoader.Load(TfLiteTestData.Model("ppocr_rec"));
        return new OcrReader(det, rec, OcrReader.ReadKeys(ModelCatalog.PathOf("ppocr_rec", "ppocr_keys_v1.txt")), Compute);
    }
}

/// <summary>CTC greedy decoding on hand-made probabilities.</summary>
public sealed class CtcDecoderTests
{
    [Test]
    public void CollapsesRepeats_DropsBlanks_MapsSpace()
    {
        string[] keys = ["A", "B"];
        // classes: 0 blank, 1 'A', 2 'B', 3 space; steps: A A blank A B space B B
        int[] best = [1, 1, 0, 1, 2, 3, 2, 2];
        var p = new Tensor([1, best.Length, 4]);
        for (int t = 0; t < best.Length; t++) p.Data[t * 4 + best[t]] = 0.9f;
        var (text, confidence) = CtcDecoder.Decode(p, keys);
        Assert.That(text, Is.EqualTo("AAB B"));
        Assert.That(confidence, Is.EqualTo(0.9f).Within(1e-6f));
    }
}
