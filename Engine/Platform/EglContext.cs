using Silk.NET.OpenGL;

namespace Vision.Engine.Platform;

/// <summary>
/// A headless OpenGL core context from EGL surfaceless rendering (no X server, no window): the path for tests, CI and
/// headless runs. It is made current on the creating thread and must be used and disposed there
/// (see <see cref="GlThread"/> to own one on a dedicated thread).
/// </summary>
public sealed unsafe class EglContext : IGraphicsContext
{
    private nint _display;
    private nint _context;
    private bool _disposed;

    public GL Gl { get; }
    public int OwnerThreadId { get; }
    public bool IsHeadless => true;
    public string Description { get; }

    public EglContext(int major = 4, int minor = 3)
    {
        OwnerThreadId = Environment.CurrentManagedThreadId;
        string platform = "EGL surfaceless";
        try
        {
            _display = Egl.GetPlatformDisplay(Egl.PlatformSurfacelessMesa, 0, null);
            // Drivers without surfaceless rendering (NVIDIA's) offer their GPUs as EGL devices; a context made current
            // without a surface works the same on either display.
            if (_display == 0 || Egl.Initialize(_display, out _, out _) == 0)
            {
                _display = 0;
                foreach (var device in Egl.QueryDevices())
                {
                    var display = Egl.GetPlatformDisplay(Egl.PlatformDeviceExt, device, null);
                    if (display == 0 || Egl.Initialize(display, out _, out _) == 0) continue;
                    _display = display;
                    platform = "EGL device";
                    break;
                }
            }
        }
        catch (DllNotFoundException e)
        {
            throw new GraphicsContextException(
                "libEGL.so.1 was not found. Install Mesa's EGL (Debian: apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri), or run ./vision which installs it.", e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new GraphicsContextException("libEGL.so.1 has no eglGetPlatformDisplay (EGL 1.5 needed). Update Mesa's libegl1.", e);
        }
        if (_display == 0)
            throw Fail("eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, then EGL_PLATFORM_DEVICE_EXT)",
                "the EGL driver offers neither surfaceless rendering nor a device display; install libegl-mesa0 and libgl1-mesa-dri");
        if (Egl.BindApi(Egl.OpenGlApi) == 0)
            throw Fail("eglBindAPI(EGL_OPENGL_API)", "the EGL driver has no desktop OpenGL");

        int* attribs = stackalloc int[]
        {
            Egl.ContextMajorVersion, major, Egl.ContextMinorVersion, minor,
            Egl.ContextOpenGlProfileMask, Egl.ContextOpenGlCoreProfileBit, Egl.None,
        };
        _context = Egl.CreateContext(_display, 0, 0, attribs);
        if (_context == 0)
            throw Fail($"eglCreateContext(OpenGL {major}.{minor} core)", "the driver needs OpenGL 4.3 core with compute shaders (Mesa llvmpipe has it; do not set GALLIUM_DRIVER=softpipe)");
        if (Egl.MakeCurrent(_display, 0, 0, _context) == 0)
            throw Fail("eglMakeCurrent(surfaceless)", "the driver refused a context without a surface");

        Gl = GL.GetApi(Egl.GetProcAddress);
        Description = $"OpenGL {Gl.GetStringS(StringName.Version)}, {Gl.GetStringS(StringName.Renderer)} ({platform})";
    }

    private GraphicsContextException Fail(string call, string advice)
    {
        int code = Egl.GetError();
        return new GraphicsContextException($"{call} failed with {Egl.ErrorName(code)}: {advice}.");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl.Dispose();
        if (_display != 0)
        {
            Egl.MakeCurrent(_display, 0, 0, 0);
            if (_context != 0) Egl.DestroyContext(_display, _context);
            // eglTerminate is deliberately not called: the display is shared by every context in the process.
        }
        _context = 0;
    }
}
