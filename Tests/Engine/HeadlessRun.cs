using OpenCvSharp;
using Vision.Engine.Core;
using Vision.Engine.Scenes;

namespace Vision.Tests.Engine;

/// <summary>Runs a scene headless for a few frames on the calling thread and returns the last frame (BGR, top row first).</summary>
public static class HeadlessRun
{
    public static Mat LastFrame(int width, int height, Action<Scene> build, int frames = 1, Action<Application>? configure = null)
    {
        using var app = new Application(new ApplicationOptions { Headless = true, Width = width, Height = height, MaxFrames = frames });
        build(app.Scene);
        configure?.Invoke(app);
        Mat? last = null;
        app.FrameRendered += a =>
        {
            if (a.Scene.Time.FrameCount != frames) return;
            last = a.ReadFrame().Clone();
        };
        app.Run();
        Assert.That(app.Scene.ErrorCount, Is.Zero, "no component callback may throw while rendering");
        return last ?? throw new AssertionException("no frame was rendered");
    }

    /// <summary>(B, G, R) at a column and a row counted from the top.</summary>
    public static (int B, int G, int R) Bgr(Mat image, int x, int y)
    {
        var v = image.At<Vec3b>(y, x);
        return (v.Item0, v.Item1, v.Item2);
    }
}
