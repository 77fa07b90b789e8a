using OpenCvSharp;
using Vision.Engine.Core;

namespace Vision.Tests.Engine;

/// <summary>A real GLFW window on a private Xvfb server; and the automatic headless fallback without a display.</summary>
[NonParallelizable]
public sealed class WindowedSmokeTests
{
    [Test]
    public void AWindowRuns60FramesAndItsScreenshotIsNotBlank()
    {
        using var xvfb = XvfbServer.Start();
        string png = Path.Combine(Path.GetTempPath(), $"vision-window-{Guid.NewGuid():N}.png");
        try
        {
            var log = new List<string>();
            using var app = new Application(new ApplicationOptions { Title = "smoke", Width = 320, Height = 240, MaxFrames = 60, Log = log.Add });
            Assert.That(app.IsHeadless, Is.False, $"a window should open on {xvfb.Display}: {app.FallbackReason}");
            Assert.That(app.Context.Description, Does.Contain("GLFW"));
            TestScenes.CubeOnPlane(app.Scene);
            app.FrameRendered += a =>
            {
                if (a.Scene.Time.FrameCount == 60) a.RequestScreenshot(png);
            };
            app.Run();

            Assert.That(app.Scene.Time.FrameCount, Is.EqualTo(60));
            Assert.That(app.Stats.Count, Is.EqualTo(60));
            using var shot = Cv2.ImRead(png);
            Assert.That(shot.Size(), Is.EqualTo(new Size(320, 240)));
            Cv2.MeanStdDev(shot, out _, out var stddev);
            Assert.That(stddev.Val0 + stddev.Val1 + stddev.Val2, Is.GreaterThan(20), "the frame has content, not one flat colour");
            var centre = shot.At<Vec3b>(120, 160);
            Assert.That(centre.Item0 + centre.Item1 + centre.Item2, Is.GreaterThan(150), "the lit cube is in the middle");
            TestContext.Out.WriteLine($"windowed median frame {app.Stats.MedianMs():F2} ms on {app.Context.Description}");
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Test]
    public void WithoutADisplayAWindowRequestFallsBackToHeadlessWithAMessage()
    {
        string? previous = Environment.GetEnvironmentVariable("DISPLAY");
        NativeEnvironment.Set("DISPLAY", null);
        try
        {
            var log = new List<string>();
            using var app = new Application(new ApplicationOptions { Width = 64, Height = 48, MaxFrames = 3, Log = log.Add });
            Assert.That(app.IsHeadless, Is.True);
            Assert.That(app.FallbackReason, Does.Contain("DISPLAY"));
            Assert.That(log, Has.Some.Contains("rendering headless"));
            app.Run();
            Assert.That(app.Scene.Time.FrameCount, Is.EqualTo(3));
        }
        finally
        {
            NativeEnvironment.Set("DISPLAY", previous);
        }
    }
}
