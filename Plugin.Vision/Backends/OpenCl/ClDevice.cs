using System.Text;
using Silk.NET.OpenCL;

namespace Vision.Backends.OpenCl;

/// <summary>
/// An OpenCL platform + device with its context and in-order queue. The platform and device are chosen by index, or by
/// default the first GPU, else the first device of any kind.
/// </summary>
internal sealed unsafe class ClDevice : IDisposable
{
    public CL Api { get; }
    public nint Platform { get; }
    public nint Device { get; }
    public nint Context { get; }
    public nint Queue { get; }
    public string Name { get; }
    public string DriverVersion { get; }

    /// <summary>A CPU device (PoCL): kernels take their CPU-shaped variants (<see cref="Kernels.KernelLaunch.OpenClCpu"/>).</summary>
    public bool IsCpu { get; }

    private bool _disposed;
    private nint _profilingQueue;

    /// <summary>A second in-order queue with profiling enabled, created on first use (per-kernel timings).</summary>
    public nint ProfilingQueue
    {
        get
        {
            if (_profilingQueue != 0) return _profilingQueue;
            int err;
            _profilingQueue = Api.CreateCommandQueue(Context, Device, CommandQueueProperties.ProfilingEnable, &err);
            ClErrors.Check(err, "clCreateCommandQueue(profiling)");
            return _profilingQueue;
        }
    }

    public ClDevice(int? platformIndex = null, int? deviceIndex = null)
    {
        PoclDefaults.Apply();
        try
        {
            Api = CL.GetApi();
        }
        catch (Exception e)
        {
            throw new BackendUnavailableException(Backend.CL,
                "the OpenCL loader libOpenCL.so.1 was not found. Install an OpenCL driver (Debian: apt-get install ocl-icd-libopencl1 pocl-opencl-icd).", e);
        }

        uint count;
        int status = Api.GetPlatformIDs(0, null, &count);
        if (status == -1001 || (status == 0 && count == 0))
            throw new BackendUnavailableException(Backend.CL,
                "no OpenCL platform is installed. Install one (Debian: apt-get install pocl-opencl-icd for the CPU, or your GPU vendor's ICD).");
        ClErrors.Check(status, "clGetPlatformIDs");
        var platforms = new nint[count];
        fixed (nint* p = platforms) ClErrors.Check(Api.GetPlatformIDs(count, p, null), "clGetPlatformIDs");

        var candidates = new List<(nint Platform, nint Device, bool Gpu, bool Cpu)>();
        for (int pi = 0; pi < platforms.Length; pi++)
        {
            if (platformIndex is { } want && want != pi) continue;
            uint n;
            if (Api.GetDeviceIDs(platforms[pi], DeviceType.All, 0, null, &n) != 0 || n == 0) continue;
            var devices = new nint[n];
            fixed (nint* d = devices) Api.GetDeviceIDs(platforms[pi], DeviceType.All, n, d, null);
            for (int di = 0; di < devices.Length; di++)
            {
                if (deviceIndex is { } wantDevice && wantDevice != di) continue;
                ulong type;
                Api.GetDeviceInfo(devices[di], DeviceInfo.Type, (nuint)sizeof(ulong), &type, null);
                candidates.Add((platforms[pi], devices[di], (type & (ulong)DeviceType.Gpu) != 0, (type & (ulong)DeviceType.Cpu) != 0));
            }
        }
        if (platformIndex >= platforms.Length)
            throw new BackendUnavailableException(Backend.CL, $"platform {platformIndex} requested, only {platforms.Length} installed.");
        if (candidates.Count == 0)
            throw new BackendUnavailableException(Backend.CL,
                $"{platforms.Length} OpenCL platform(s) but no usable device{(deviceIndex != null ? $" at index {deviceIndex}" : "")}. " +
                "With PoCL this usually means its cache dir is unwritable: set POCL_CACHE_DIR to a writable folder (./vision does), " +
                "and run with POCL_DEBUG=err,warn to see why.");
        var chosen = candidates.FirstOrDefault(c => c.Gpu);
        if (chosen.Device == 0) chosen = candidates[0];
        Platform = chosen.Platform;
        Device = chosen.Device;
        IsCpu = chosen.Cpu;

        nint device = Device;
        int err;
        Context = Api.CreateContext(null, 1, &device, null, null, &err);
        ClErrors.Check(err, "clCreateContext");
        Queue = Api.CreateCommandQueue(Context, Device, CommandQueueProperties.None, &err);
        ClErrors.Check(err, "clCreateCommandQueue");
        Name = $"{PlatformString(PlatformInfo.Version)}, {DeviceString(DeviceInfo.Name)}";
        DriverVersion = DeviceString(DeviceInfo.DriverVersion);
    }

    public string DeviceString(DeviceInfo info) =>
        InfoString((size, value, sizeRet) => Api.GetDeviceInfo(Device, info, size, value, sizeRet));

    private string PlatformString(PlatformInfo info) =>
        InfoString((size, value, sizeRet) => Api.GetPlatformInfo(Platform, info, size, value, sizeRet));

    private delegate int InfoQuery(nuint size, void* value, nuint* sizeRet);

    /// <summary>The clGet*Info string protocol: ask for the size, then for the bytes.</summary>
    private static string InfoString(InfoQuery query)
    {
        nuint size;
        query(0, null, &size);
        var bytes = new byte[size];
        fixed (byte* b = bytes) query(size, b, null);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Api.Finish(Queue);
        Api.ReleaseCommandQueue(Queue);
        if (_profilingQueue != 0) Api.ReleaseCommandQueue(_profilingQueue);
        Api.ReleaseContext(Context);
    }
}
