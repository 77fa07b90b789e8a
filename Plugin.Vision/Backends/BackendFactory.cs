using Vision.Backends.Cpu;
using Vision.Backends.GlCompute;
using Vision.Backends.OpenCl;

namespace Vision.Backends;

/// <summary>
/// Creates a backend by kind. <see cref="Backend.Auto"/> takes GL on a GPU, OpenCL where GL is a software rasteriser
/// (<see cref="SoftwareRenderers"/>) or missing, then the CPU reference, and logs which it got and why.
/// </summary>
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
                try
                {
                    return PreferHardware(new GlBackend(), log);
                }
                catch (BackendUnavailableException e)
                {
                    log($"backend auto: {e.Message}");
                }
                if (TryOpenCl(log) is { } cl)
                {
                    log($"backend auto: using CL ({cl.DeviceName})");
                    return cl;
                }
                log("backend auto: using the CPU reference (slow); install Mesa or an OpenCL driver for GPU speed");
                return new CpuBackend();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected gl, cl, cpu or auto");
        }
    }

    /// <summary>
    /// Auto's choice once GL is up: <paramref name="gl"/> itself on a GPU; on a software rasteriser an OpenCL device
    /// that is not one too, if there is one (<paramref name="gl"/> is then disposed). Says which and why.
    /// </summary>
    public static IComputeBackend PreferHardware(IComputeBackend gl, Action<string> log)
    {
        if (!SoftwareRenderers.IsSoftware(gl.DeviceName))
        {
            log($"backend auto: using GL ({gl.DeviceName})");
            return gl;
        }
        ClBackend? cl;
        try
        {
            cl = TryOpenCl(log);
        }
        catch
        {
            gl.Dispose();   // not an absent driver but a failure: nothing is returned, so nothing is left open
            throw;
        }
        if (cl != null && !SoftwareRenderers.IsSoftware(cl.DeviceName))
        {
            log($"backend auto: using CL ({cl.DeviceName}): GL is a software rasteriser ({gl.DeviceName}), and the same " +
                "kernels run 2-3x faster through OpenCL on the same CPU (--backend gl, or Backend = \"gl\", keeps GL)");
            gl.Dispose();
            return cl;
        }
        cl?.Dispose();
        log($"backend auto: using GL ({gl.DeviceName}), a software rasteriser: expect CPU speed");
        return gl;
    }

    /// <summary>An OpenCL backend, or null (saying why) where there is no OpenCL driver or device.</summary>
    private static ClBackend? TryOpenCl(Action<string> log)
    {
        try
        {
            return new ClBackend();
        }
        catch (BackendUnavailableException e)
        {
            log($"backend auto: {e.Message}");
            return null;
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
