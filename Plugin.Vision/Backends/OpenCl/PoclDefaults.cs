using System.Runtime.InteropServices;

namespace Vision.Backends.OpenCl;

/// <summary>
/// Process environment defaults for PoCL, set before the first OpenCL call (PoCL reads them when its CPU device
/// starts; a value the user set wins). Native code reads the C environment, which .NET's
/// Environment.SetEnvironmentVariable does not change on Unix, hence setenv.
/// </summary>
internal static partial class PoclDefaults
{
    private static int _applied;

    /// <summary>
    /// POCL_AFFINITY=1: each PoCL worker thread stays on its own core. Measured with the selfie model (2 threads, runs 5
    /// ms apart): CL alone 7.0-7.6 ms either way, but with ONNX Runtime running between CL's runs 10.0 ms unpinned against
    /// 7.1 ms pinned: after another runtime ran, the unpinned workers were rescheduled and woken late.
    /// </summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) != 0 || !OperatingSystem.IsLinux()) return;
        try
        {
            SetEnv("POCL_AFFINITY", "1", 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to call (not glibc/musl): PoCL keeps its own default.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
