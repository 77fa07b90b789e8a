using Vision.Components;

namespace Vision.Tests.Components;

/// <summary>OcrOverlay reads the opencv-doc text sample through the capture's host frame on a background task.</summary>
[NonParallelizable]
public sealed class OcrOverlayTests
{
    [Test]
    public void ReadsTheTextSample()
    {
        const string sample = "/usr/share/doc/opencv-doc/examples/data/imageTextN.png";
        if (!File.Exists(sample)) Assert.Ignore($"{sample} is absent (Debian package opencv-doc)");
        // Fetched once into the model cache like every registry-model test; skipped only when that cannot happen.
        TfLite.TfLiteTestData.Model("ppocr_det");
        TfLite.TfLiteTestData.Model("ppocr_rec");
        OcrOverlay? ocr = null;
        using var app = VisionRun.Until(scene =>
        {
            var cam = scene.CreateObject("Input").AddComponent<CameraSource>();
            cam.InputPath = sample;
            cam.DrawOnScreen = true;
            cam.Log = _ => { };
            ocr = scene.CreateObject("Text").AddComponent<OcrOverlay>();
            ocr.Backend = "cl";
            ocr.Log = _ => { };
        }, _ => ocr!.Version > 0 || ocr.Error != null, timeoutSeconds: 300);
        Assert.That(ocr!.Error, Is.Null);
        Assert.That(ocr.Lines.Count, Is.GreaterThan(5));
        Assert.That(ocr.Lines.Select(l => l.Text), Has.Some.Contains("computer vision problems"));
        Assert.That(app.Scene.ErrorCount, Is.Zero);
    }
}
