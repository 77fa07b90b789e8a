using Silk.NET.OpenGL;

namespace Vision.Engine.Platform;

/// <summary>
/// A window with an OpenGL 4.3+ core context, from GLFW. Like every GL context it is current on the creating thread
/// and must be polled, drawn to and disposed there. GLFW itself is initialised once per window and terminated with it,
/// because the engine opens at most one window at a time.
/// </summary>
public sealed class GlfwWindow : IGraphicsContext
{
    private nint _window;
    private bool _disposed;

    public GL Gl { get; }
    public int OwnerThreadId { get; }
    public bool IsHeadless => false;
    public string Description { get; }

    /// <summary>The native GLFWwindow* (for input polling).</summary>
    internal nint Handle => _window;

    private GlfwWindow(nint window, int ownerThreadId)
    {
        _window = window;
        OwnerThreadId = ownerThreadId;
        Gl = GL.GetApi(Glfw.GetProcAddress);
        Description = $"OpenGL {Gl.GetStringS(StringName.Version)}, {Gl.GetStringS(StringName.Renderer)} (GLFW window)";
    }

    /// <summary>
    /// Opens a window, or returns null with the reason when windows are not possible here (no X display,
    /// no libglfw.so.3, or no GL 4.3 core context); the caller then falls back to headless rendering.
    /// </summary>
    public static GlfwWindow? TryCreate(int width, int height, string title, bool vsync, out string? failure)
    {
        failure = null;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) &&
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
        {
            failure = "no DISPLAY (no X server): run under xvfb-run, or pass --headless";
            return null;
        }
        try
        {
            if (Glfw.Init() == Glfw.False)
            {
                failure = $"glfwInit failed ({Glfw.LastError() ?? "no detail"})";
                return null;
            }
        }
        catch (DllNotFoundException)
        {
            failure = "libglfw.so.3 is missing (Debian: apt-get install libglfw3)";
            return null;
        }
        Glfw.WindowHint(Glfw.ContextVersionMajor, 4);
        Glfw.WindowHint(Glfw.ContextVersionMinor, 3);
        Glfw.WindowHint(Glfw.OpenGlProfile, Glfw.OpenGlCoreProfile);
        Glfw.WindowHint(Glfw.OpenGlForwardCompat, Glfw.True);
        Glfw.WindowHint(Glfw.Resizable, Glfw.False);
        nint window = Glfw.CreateWindow(width, height, title, 0, 0);
        if (window == 0)
        {
            failure = $"glfwCreateWindow(OpenGL 4.3 core) failed ({Glfw.LastError() ?? "no detail"})";
            Glfw.Terminate();
            return null;
        }
        Glfw.MakeContextCurrent(window);
        // Swap interval 0 when vsync is off: the loop then caps the rate by sleeping.
        Glfw.SwapInterval(vsync ? 1 : 0);
        return new GlfwWindow(window, Environment.CurrentManagedThreadId);
    }

    public bool ShouldClose => Glfw.WindowShouldClose(_window) != Glfw.False;

    public void RequestClose() => Glfw.SetWindowShouldClose(_window, Glfw.True);

    public void PollEvents() => Glfw.PollEvents();

    public void SwapBuffers() => Glfw.SwapBuffers(_window);

    public (int Width, int Height) FramebufferSize
    {
        get
        {
            Glfw.GetFramebufferSize(_window, out int w, out int h);
            return (w, h);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl.Dispose();
        Glfw.MakeContextCurrent(0);
        Glfw.DestroyWindow(_window);
        _window = 0;
        Glfw.Terminate();
    }
}
