using System.Diagnostics;

namespace Vision.Tests.Engine;

/// <summary>
/// A private Xvfb X server for a windowed test, with DISPLAY pointed at it while it runs. Xvfb picks a free display
/// number itself (-displayfd 1 prints it), so parallel test runs on one machine do not collide.
/// </summary>
internal sealed class XvfbServer : IDisposable
{
    private readonly Process _process;
    private readonly string? _previousDisplay;

    public string Display { get; }

    private XvfbServer(Process process, string display, string? previous)
    {
        _process = process;
        Display = display;
        _previousDisplay = previous;
    }

    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => Path.Combine(dir, "Xvfb"))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts Xvfb, or calls Assert.Ignore when it is not installed.</summary>
    public static XvfbServer Start(string screen = "1280x720x24")
    {
        string exe = FindExecutable() ?? throw new IgnoreException("Xvfb is not installed (Debian: apt-get install xvfb); the windowed test needs an X server");
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp" }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Xvfb did not start");
        process.ErrorDataReceived += (_, _) => { };   // drained so a chatty server never blocks on a full pipe
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(15)) || string.IsNullOrWhiteSpace(line.Result))
        {
            process.Kill();
            throw new InvalidOperationException("Xvfb did not report a display number within 15 s");
        }
        string display = ":" + line.Result.Trim();
        string? previous = Environment.GetEnvironmentVariable("DISPLAY");
        NativeEnvironment.Set("DISPLAY", display);
        return new XvfbServer(process, display, previous);
    }

    public void Dispose()
    {
        NativeEnvironment.Set("DISPLAY", _previousDisplay);
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
