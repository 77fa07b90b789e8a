using Vision.Engine.Core;

namespace Vision.Demo;

/// <summary>
/// The application every demo scene runs in: 960x540, windowed unless --headless; interactive runs capped at 60 fps by
/// sleeping, runs with --frames uncapped (they are measurements); never endless when no window could open.
/// </summary>
public static class DemoApplication
{
    public const int DefaultHeadlessFrames = 120;

    public static Application Create(DemoOptions o, string title, string tag)
    {
        int? frames = o.Frames;
        if (o.Headless && frames == null)
        {
            frames = DefaultHeadlessFrames;
            Console.Error.WriteLine($"[{tag}] headless without --frames: running {frames} frames");
        }
        var app = new Application(new ApplicationOptions
        {
            Title = $"Vision - {title} (Esc quits)",
            Width = 960,
            Height = 540,
            Headless = o.Headless,
            MaxFrames = frames ?? 0,
            TargetFps = frames == null ? 60 : 0,
        });
        if (frames == null && app.IsHeadless)
        {
            // A window was asked for but none could open: never run forever headless.
            app.Options.MaxFrames = DefaultHeadlessFrames;
            Console.Error.WriteLine($"[{tag}] no window: running {DefaultHeadlessFrames} frames headless");
        }
        return app;
    }
}
