using System.Globalization;

namespace Vision.Demo;

/// <summary>
/// Options of <c>./vision demo</c>: <c>--key value</c> pairs and flags. Unknown options are an error, so a typo
/// never silently runs something else.
/// </summary>
public sealed class DemoOptions
{
    /// <summary>Which scene to run (e.g. "engine-sample").</summary>
    public string? Scene { get; set; }

    /// <summary>Render offscreen through EGL, with no window.</summary>
    public bool Headless { get; set; }

    /// <summary>Stop after this many frames (null: until the window closes; headless runs pick a default).</summary>
    public int? Frames { get; set; }

    /// <summary>Directory for PNG frames and stats.json.</summary>
    public string? Out { get; set; }

    /// <summary>Video file or camera index.</summary>
    public string? Input { get; set; }

    /// <summary>gl, cl, cpu or auto.</summary>
    public string? Backend { get; set; }

    public string? Task { get; set; }
    public string? Model { get; set; }
    public string? Labels { get; set; }

    /// <summary>Spread one inference over frames, this many kernels a frame (null: all in one frame).</summary>
    public int? Spread { get; set; }

    private static readonly string[] Flags = { "--headless" };
    private static readonly string[] Valued = { "--scene", "--frames", "--out", "--input", "--backend", "--task", "--model", "--labels", "--spread" };

    /// <summary>Parses the arguments after the verb.</summary>
    public static DemoOptions Parse(IReadOnlyList<string> args)
    {
        var o = new DemoOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string key = args[i];
            if (Array.IndexOf(Flags, key) >= 0)
            {
                o.Headless = true;
                continue;
            }
            if (Array.IndexOf(Valued, key) < 0)
                throw new DemoOptionsException($"unknown option '{key}'; known: {string.Join(" ", Flags.Concat(Valued))}");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new DemoOptionsException($"option '{key}' needs a value");
            string value = args[++i];
            switch (key)
            {
                case "--scene": o.Scene = value; break;
                case "--out": o.Out = value; break;
                case "--input":
                    // A camera index and a stream URL go to OpenCV as they are; a path must be there, or the demo would
                    // quietly show its sample video instead of what was asked for.
                    bool camera = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
                    if (!camera && !value.Contains("://", StringComparison.Ordinal) && !File.Exists(value) && !Directory.Exists(value))
                        throw new DemoOptionsException($"--input '{value}': no such file or folder (give a video, an image, a folder of images, a camera index or a stream URL)");
                    o.Input = value;
                    break;
                case "--backend":
                    if (value is not ("gl" or "cl" or "cpu" or "auto"))
                        throw new DemoOptionsException($"--backend wants gl, cl, cpu or auto, not '{value}'");
                    o.Backend = value;
                    break;
                case "--task": o.Task = value; break;
                case "--model": o.Model = value; break;
                case "--labels": o.Labels = value; break;
                case "--spread":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k <= 0)
                        throw new DemoOptionsException($"--spread wants a positive number of kernels per frame, not '{value}'");
                    o.Spread = k;
                    break;
                case "--frames":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
                        throw new DemoOptionsException($"--frames wants a positive whole number, not '{value}'");
                    o.Frames = n;
                    break;
            }
        }
        return o;
    }
}
