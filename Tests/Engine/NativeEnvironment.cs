using System.Runtime.InteropServices;

namespace Vision.Tests.Engine;

/// <summary>
/// Sets an environment variable for both .NET and native code: on Unix, Environment.SetEnvironmentVariable changes
/// only .NET's copy, while libglfw reads DISPLAY with getenv.
/// </summary>
internal static partial class NativeEnvironment
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    public static void Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (value == null) UnsetEnv(name);
        else SetEnv(name, value, 1);
    }
}
