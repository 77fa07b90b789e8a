using Vision.Components;

namespace Vision.Tests.Components;

/// <summary>mnist-8 through the components (gray, 0..255, the whole image as the crop) labels the three digit images.</summary>
[NonParallelizable]
public sealed class DigitClassifierTests
{
    [TestCase("digit_four.jpg", 4)]
    [TestCase("digit_nine.jpg", 9)]
    [TestCase("digit_three.jpg", 3)]
    public void LabelsTheDigit(string file, int expected)
    {
        string model = SharedModels.File("mnist-8.onnx");
        string image = SharedModels.File("images/" + file);
        Classifier? classifier = null;
        NeuralNetwork? nn = null;
        using var app = VisionRun.Until(scene =>
        {
            (var cam, nn) = VisionRun.ImageIntoNetwork(scene, image, model, "gl");
            cam.DrawOnScreen = true;
            nn.Fit = ImageFit.CenterCrop;
            nn.ColorOrder = ColorOrder.Gray;
            nn.Range = 255;
            classifier = nn.GameObject.AddComponent<Classifier>();
            classifier.Smoothing = 0;
        }, _ => classifier!.Version > 0 || nn!.Error != null);
        Assert.That(nn!.Error, Is.Null);
        Assert.That(classifier!.BestIndex, Is.EqualTo(expected), $"top: {classifier.BestLabel} {classifier.BestProbability:P1}");
        Assert.That(classifier.BestProbability, Is.GreaterThan(0.5f));
    }
}
