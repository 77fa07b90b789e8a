using Vision.Components;
using Vision.Engine.Core;
using Vision.Engine.Scenes;

namespace Vision.Tests.Components;

/// <summary>
/// Runs a headless app on the calling thread until <c>done</c> says so (checked after each rendered frame), a frame
/// limit or <c>timeoutSeconds</c>. Components are destroyed when the run ends: read textures in <c>atEnd</c>.
/// </summary>
public static class VisionRun
{
    public static Application Until(Action<Scene> build, Func<Application, bool> done, int maxFrames = 100_000, Action<Application>? atEnd = null,
        int width = 320, int height = 240, double timeoutSeconds = 180)
    {
        var app = new Application(new ApplicationOptions { Headless = true, Width = width, Height = height, MaxFrames = maxFrames });
        try
        {
            build(app.Scene);
            bool finished = false;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            app.FrameRendered += a =>
            {
                if (clock.Elapsed.TotalSeconds > timeoutSeconds) a.Quit();
                if (finished || !done(a)) return;
                finished = true;
                atEnd?.Invoke(a);
                a.Quit();
            };
            app.Run();
            Assert.That(finished, Is.True, $"the condition was not met within {maxFrames} frames or {timeoutSeconds} s");
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A camera reading <paramref name="input"/> (object "Input") and a network running <paramref name="model"/> on
    /// <paramref name="backend"/> (object "Network"), both silent; set the rest on what it returns.
    /// </summary>
    public static (CameraSource Camera, NeuralNetwork Network) ImageIntoNetwork(Scene scene, string input, string model, string backend)
    {
        var cam = scene.CreateObject("Input").AddComponent<CameraSource>();
        cam.InputPath = input;
        cam.Log = _ => { };
        var nn = scene.CreateObject("Network").AddComponent<NeuralNetwork>();
        nn.ModelPath = model;
        nn.Backend = backend;
        nn.Log = _ => { };
        return (cam, nn);
    }
}
