using Vision.Backends.Cpu;
using Vision.Backends.GlCompute;
using Vision.Backends.OpenCl;

namespace Vision.Backends;

/// <summary>Creates a backend by kind. <see cref="Backend.Auto"/> tries GL, then CL, then CPU and logs which it got and why.</summary>
public static class BackendFactory
{
    public static IComputeBackend Create(Backend kind, Action<string>? log = null)
    {
        log ??= message => Console.Error.WriteLine($"[vision] {message}");
        switch (kind)
        {
            case Backend.GL: return new GlBackend();
            case Backend.CL: return new ClBackend();
            case Backend.CPU: return new CpuBackend();
            case Backend.Auto:
                foreach (var candidate in new[] { Backend.GL, Backend.CL })
                {
                    try
                    {
                        var backend = Create(candidate, log);
                        log($"backend auto: using {candidate} ({backend.DeviceName})");
                        return backend;
                    }
                    catch (BackendUnavailableException e)
                    {
                        log($"backend auto: {e.Message}");
                    }
                }
                log("backend auto: using the CPU reference (slow); install Mesa or an OpenCL driver for GPU speed");
                return new CpuBackend();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected gl, cl, cpu or auto");
        }
    }

    /// <summary>Parses "gl", "cl", "cpu" or "auto" (any case); anything else is an error listing the choices.</summary>
    public static Backend Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "gl" or "opengl" => Backend.GL,
        "cl" or "opencl" => Backend.CL,
        "cpu" => Backend.CPU,
        "auto" => Backend.Auto,
        _ => throw new ArgumentException($"unknown backend '{name}': expected gl, cl, cpu or auto"),
    };
}
