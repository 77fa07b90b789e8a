using System.Runtime.InteropServices;

namespace Vision.Engine.Platform;

/// <summary>The few EGL 1.5 entry points a surfaceless (headless) OpenGL context needs, from Debian's libEGL.so.1.</summary>
internal static unsafe partial class Egl
{
    private const string Lib = "libEGL.so.1";

    public const int PlatformSurfacelessMesa = 0x31DD;
    public const int PlatformDeviceExt = 0x313F;
    public const int OpenGlApi = 0x30A2;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x1;
    public const int ContextOpenGlDebug = 0x31B0;
    public const int None = 0x3038;
    public const int Success = 0x3000;
    public const int Extensions = 0x3055;
    public const int Vendor = 0x3053;
    public const int Version = 0x3054;

    [LibraryImport(Lib, EntryPoint = "eglGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Lib, EntryPoint = "eglGetPlatformDisplay")]
    public static partial nint GetPlatformDisplay(int platform, nint nativeDisplay, nint* attribs);

    [LibraryImport(Lib, EntryPoint = "eglInitialize")]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial uint Initialize(nint display, out int major, out int minor);

    [LibraryImport(Lib, EntryPoint = "eglTerminate")]
    public static partial uint Terminate(nint display);

    [LibraryImport(Lib, EntryPoint = "eglBindAPI")]
    public static partial uint BindApi(int api);

    [LibraryImport(Lib, EntryPoint = "eglCreateContext")]
    public static partial nint CreateContext(nint display, nint config, nint shareContext, int* attribs);

    [LibraryImport(Lib, EntryPoint = "eglDestroyContext")]
    public static partial uint DestroyContext(nint display, nint context);

    [LibraryImport(Lib, EntryPoint = "eglMakeCurrent")]
    public static partial uint MakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(Lib, EntryPoint = "eglGetError")]
    public static partial int GetError();

    [LibraryImport(Lib, EntryPoint = "eglQueryString")]
    public static partial nint QueryString(nint display, int name);

    /// <summary>
    /// The EGL devices (EGL_EXT_device_enumeration), for drivers without surfaceless rendering (NVIDIA's headless
    /// servers offer EGL_EXT_platform_device instead); empty when the entry point is missing.
    /// </summary>
    public static nint[] QueryDevices()
    {
        var query = (delegate* unmanaged<int, nint*, int*, uint>)GetProcAddress("eglQueryDevicesEXT");
        if (query == null) return [];
        int count;
        if (query(0, null, &count) == 0 || count <= 0) return [];
        var devices = new nint[count];
        fixed (nint* d = devices)
            if (query(count, d, &count) == 0) return [];
        return devices[..count];
    }

    public static string ErrorName(int code) => code switch
    {
        0x3000 => "EGL_SUCCESS",
        0x3001 => "EGL_NOT_INITIALIZED",
        0x3002 => "EGL_BAD_ACCESS",
        0x3003 => "EGL_BAD_ALLOC",
        0x3004 => "EGL_BAD_ATTRIBUTE",
        0x3005 => "EGL_BAD_CONFIG",
        0x3006 => "EGL_BAD_CONTEXT",
        0x3008 => "EGL_BAD_DISPLAY",
        0x3009 => "EGL_BAD_MATCH",
        0x300C => "EGL_BAD_PARAMETER",
        _ => $"0x{code:X4}",
    };
}
