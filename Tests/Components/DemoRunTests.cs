using System.Text.Json;
using Vision.Demo;
using Vision.Demo.Tasks;

namespace Vision.Tests.Components;

/// <summary>The demo, headless over a recorded input, writes its frames, a video and stats.json.</summary>
[NonParallelizable]
public sealed class DemoRunTests
{
    [TestCase("segment")]
    [TestCase("classify")]
    public void HeadlessRunWritesFramesAndStats(string task)
    {
        string model = SharedModels.File(task == "segment" ? "selfie_segmentation.onnx" : "mnist-8.onnx");
        string input = task == "segment" ? "/usr/share/doc/opencv-doc/examples/data/vtest.avi" : SharedModels.File("images/digit_four.jpg");
        if (!File.Exists(input)) Assert.Ignore($"{input} is absent (Debian package opencv-doc)");
        string outDir = Path.Combine(Path.GetTempPath(), "vision-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            int rc = VisionDemo.Run(DemoOptions.Parse(["--task", task, "--headless", "--frames", "6", "--out", outDir, "--input", input,
                "--model", model, "--backend", "gl"]));
            Assert.That(rc, Is.Zero);
            Assert.That(Directory.GetFiles(outDir, "frame_*.png"), Has.Length.EqualTo(6));
            Assert.That(new FileInfo(Path.Combine(outDir, "demo.avi")).Length, Is.GreaterThan(1000));
            using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "stats.json")));
            var root = stats.RootElement;
            Assert.That(root.GetProperty("frames").GetInt64(), Is.EqualTo(6));
            Assert.That(root.GetProperty("backend").GetString(), Does.StartWith("GL"));
            Assert.That(root.GetProperty("inferences").GetInt64(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("hostCopies").GetInt64(), Is.Zero, "the GL backend copies nothing through the host");
            Assert.That(root.GetProperty("stages").GetProperty("inference").GetProperty("medianMs").GetDouble(), Is.GreaterThan(0));
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }
}
