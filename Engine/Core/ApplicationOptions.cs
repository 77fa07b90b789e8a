namespace Vision.Engine.Core;

/// <summary>How an <see cref="Application"/> opens and runs.</summary>
public sealed class ApplicationOptions
{
    public string Title { get; set; } = "Vision";
    public int Width { get; set; } = 960;
    public int Height { get; set; } = 540;

    /// <summary>Render into an offscreen framebuffer through EGL, with no window. Chosen automatically when no display exists.</summary>
    public bool Headless { get; set; }

    /// <summary>Stop after this many frames; 0 runs until closed, Esc or <see cref="Application.Quit"/>.</summary>
    public int MaxFrames { get; set; }

    /// <summary>Cap by the display's refresh (windowed only). Off by default so measurements show the real frame cost.</summary>
    public bool VSync { get; set; }

    /// <summary>Cap the frame rate by sleeping (never spinning) when vsync does not; 0 = uncapped.</summary>
    public double TargetFps { get; set; }

    public float FixedDeltaTime { get; set; } = 1f / 50f;
    public bool QuitOnEscape { get; set; } = true;

    /// <summary>Where messages (fallback to headless, shutdown) go; stderr by default.</summary>
    public Action<string> Log { get; set; } = message => Console.Error.WriteLine(message);
}
