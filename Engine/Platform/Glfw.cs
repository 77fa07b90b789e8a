using System.Runtime.InteropServices;

namespace Vision.Engine.Platform;

/// <summary>
/// The GLFW 3.3 entry points a window needs, bound by hand over Debian's libglfw.so.3
/// (Silk.NET.Windowing and OpenTK are not obtainable from the package registry here).
/// </summary>
internal static unsafe partial class Glfw
{
    private const string Lib = "libglfw.so.3";

    public const int True = 1;
    public const int False = 0;
    public const int Press = 1;
    public const int ContextVersionMajor = 0x22002;
    public const int ContextVersionMinor = 0x22003;
    public const int OpenGlForwardCompat = 0x22006;
    public const int OpenGlProfile = 0x22008;
    public const int OpenGlCoreProfile = 0x32001;
    public const int Visible = 0x20004;
    public const int Resizable = 0x20003;

    [LibraryImport(Lib, EntryPoint = "glfwInit")]
    public static partial int Init();

    [LibraryImport(Lib, EntryPoint = "glfwTerminate")]
    public static partial void Terminate();

    [LibraryImport(Lib, EntryPoint = "glfwGetError")]
    public static partial int GetError(byte** description);

    [LibraryImport(Lib, EntryPoint = "glfwWindowHint")]
    public static partial void WindowHint(int hint, int value);

    [LibraryImport(Lib, EntryPoint = "glfwCreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(Lib, EntryPoint = "glfwDestroyWindow")]
    public static partial void DestroyWindow(nint window);

    [LibraryImport(Lib, EntryPoint = "glfwMakeContextCurrent")]
    public static partial void MakeContextCurrent(nint window);

    [LibraryImport(Lib, EntryPoint = "glfwGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Lib, EntryPoint = "glfwSwapBuffers")]
    public static partial void SwapBuffers(nint window);

    [LibraryImport(Lib, EntryPoint = "glfwSwapInterval")]
    public static partial void SwapInterval(int interval);

    [LibraryImport(Lib, EntryPoint = "glfwPollEvents")]
    public static partial void PollEvents();

    [LibraryImport(Lib, EntryPoint = "glfwWindowShouldClose")]
    public static partial int WindowShouldClose(nint window);

    [LibraryImport(Lib, EntryPoint = "glfwSetWindowShouldClose")]
    public static partial void SetWindowShouldClose(nint window, int value);

    [LibraryImport(Lib, EntryPoint = "glfwGetKey")]
    public static partial int GetKey(nint window, int key);

    [LibraryImport(Lib, EntryPoint = "glfwGetMouseButton")]
    public static partial int GetMouseButton(nint window, int button);

    [LibraryImport(Lib, EntryPoint = "glfwGetCursorPos")]
    public static partial void GetCursorPos(nint window, out double x, out double y);

    [LibraryImport(Lib, EntryPoint = "glfwGetFramebufferSize")]
    public static partial void GetFramebufferSize(nint window, out int width, out int height);

    /// <summary>GLFW's last error as "code: description", or null when there is none.</summary>
    public static string? LastError()
    {
        byte* text = null;
        int code = GetError(&text);
        if (code == 0) return null;
        string? description = text == null ? null : Marshal.PtrToStringUTF8((nint)text);
        return $"0x{code:X5}: {description}";
    }
}
