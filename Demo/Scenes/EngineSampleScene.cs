using System.Diagnostics;
using System.Text.Json;
using OpenCvSharp;
using Vision.Engine.Core;
using Vision.Engine.Scenes;

namespace Vision.Demo.Scenes;

/// <summary>
/// <c>./vision demo --scene engine-sample</c>: a textured cube spinning over a plane with an FPS line, loaded from
/// Scenes/engine-sample.json. Windowed by default; <c>--headless --frames N --out DIR</c> writes DIR/frame_NNNN.png
/// and DIR/stats.json (frames, fps, median frame ms).
/// </summary>
public static class EngineSampleScene
{
    public const string Name = "engine-sample";

    public static int Run(DemoOptions o)
    {
        string scenePath = Path.Combine(AppContext.BaseDirectory, "Scenes", Name + ".json");
        Scene scene;
        try
        {
            scene = SceneLoader.LoadFile(scenePath);
        }
        catch (Exception e) when (e is SceneLoadException or IOException)
        {
            Console.Error.WriteLine($"[engine-sample] {e.Message}");
            return 1;
        }

        using var app = DemoApplication.Create(o, "engine sample", Name);
        app.Scene = scene;

        int written = 0;
        if (o.Out != null)
        {
            Directory.CreateDirectory(o.Out);
            app.FrameRendered += a =>
            {
                Cv2.ImWrite(Path.Combine(o.Out, $"frame_{a.Scene.Time.FrameCount:D4}.png"), a.ReadFrame());
                written++;
            };
        }

        var wall = Stopwatch.StartNew();
        app.Run();
        wall.Stop();

        long n = app.Stats.Count;
        double fps = n / wall.Elapsed.TotalSeconds;
        double median = app.Stats.MedianMs();
        string mode = app.IsHeadless ? "headless" : "windowed";
        Console.WriteLine($"engine-sample: {n} frames {mode} {app.Width}x{app.Height}, median frame {median:F2} ms " +
                          $"(capture excluded), {fps:F1} fps wall-clock{(written > 0 ? $", {written} PNGs in {o.Out}" : "")}");
        Console.WriteLine($"  {app.Context.Description}");
        if (o.Out != null) WriteStats(Path.Combine(o.Out, "stats.json"), app, n, fps, median, mode, written);
        return 0;
    }

    private static void WriteStats(string path, Application app, long frames, double fps, double median, string mode, int pngs)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("scene", Name);
        json.WriteString("mode", mode);
        json.WriteString("device", app.Context.Description);
        json.WriteNumber("width", app.Width);
        json.WriteNumber("height", app.Height);
        json.WriteNumber("frames", frames);
        json.WriteNumber("fps", Math.Round(fps, 2));
        json.WriteNumber("medianFrameMs", Math.Round(median, 3));
        json.WriteNumber("medianCaptureMs", Math.Round(app.CaptureStats.MedianMs(), 3));
        json.WriteNumber("pngFrames", pngs);
        json.WriteString("note", "fps = frames / wall-clock seconds, PNG writing included; medianFrameMs = engine work per frame (update, render, present), capture excluded, first 5 frames skipped");
        json.WriteEndObject();
    }
}
