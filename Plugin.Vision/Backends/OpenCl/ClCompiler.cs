using System.Text;
using Silk.NET.OpenCL;
using Vision.Kernels;

namespace Vision.Backends.OpenCl;

/// <summary>Builds <c>Shaders/&lt;kernel&gt;.cl</c> for a variant; a failed build throws with the driver's build log.</summary>
internal sealed unsafe class ClCompiler(ClDevice device)
{
    private const string Options = "-cl-std=CL1.2 -cl-mad-enable";

    public ClProgram Compile(string kernel, string[] defines)
    {
        var api = device.Api;
        string variant = string.Join(" ", defines);
        string source = KernelSource.Expand(kernel + ".cl", "", defines);
        string key = ClBinaryCache.Key(device.Name + "|" + device.DriverVersion, Options, source);
        nint program = 0;
        if (ClBinaryCache.TryRead(key) is { } cached) program = FromBinary(cached);
        bool fromCache = program != 0;
        if (!fromCache)
        {
            int err;
            program = api.CreateProgramWithSource(device.Context, 1, [source], null, &err);
            ClErrors.Check(err, $"clCreateProgramWithSource({kernel})", kernel);
            nint dev = device.Device;
            int status = api.BuildProgram(program, 1, &dev, Options, null, null);
            if (status != 0)
            {
                string log = BuildLog(program);
                api.ReleaseProgram(program);
                throw new KernelCompileException("OpenCL", kernel, variant, $"{ClErrors.Name(status)}\n{log}");
            }
        }
        int kerr;
        nint k = api.CreateKernel(program, kernel, &kerr);
        if (kerr != 0)
        {
            api.ReleaseProgram(program);
            throw new KernelCompileException("OpenCL", kernel, variant, $"clCreateKernel: {ClErrors.Name(kerr)} (the .cl entry must define __kernel void {kernel})");
        }
        if (!fromCache && Binary(program) is { } binary) ClBinaryCache.TryWrite(key, binary);
        return new ClProgram(api, program, k, variant);
    }

    /// <summary>A program built from a cached binary, or 0 when the driver rejects it (the caller builds from source).</summary>
    private nint FromBinary(byte[] binary)
    {
        var api = device.Api;
        nint dev = device.Device;
        nuint length = (nuint)binary.Length;
        int status, err;
        nint program;
        fixed (byte* b = binary)
        {
            byte* pointer = b;
            program = api.CreateProgramWithBinary(device.Context, 1, &dev, &length, &pointer, &status, &err);
        }
        if (err != 0 || status != 0 || program == 0)
        {
            if (program != 0) api.ReleaseProgram(program);
            return 0;
        }
        if (api.BuildProgram(program, 1, &dev, Options, null, null) != 0)
        {
            api.ReleaseProgram(program);
            return 0;
        }
        return program;
    }

    /// <summary>The device binary of a built program (one device), or null when the driver gives none.</summary>
    private byte[]? Binary(nint program)
    {
        var api = device.Api;
        nuint size = 0;
        if (api.GetProgramInfo(program, ProgramInfo.BinarySizes, (nuint)sizeof(nuint), &size, null) != 0 || size == 0) return null;
        var bytes = new byte[size];
        fixed (byte* b = bytes)
        {
            byte* pointer = b;
            if (api.GetProgramInfo(program, ProgramInfo.Binaries, (nuint)sizeof(nint), &pointer, null) != 0) return null;
        }
        return bytes;
    }

    private string BuildLog(nint program)
    {
        nuint size;
        device.Api.GetProgramBuildInfo(program, device.Device, ProgramBuildInfo.BuildLog, 0, null, &size);
        var bytes = new byte[size];
        fixed (byte* b = bytes) device.Api.GetProgramBuildInfo(program, device.Device, ProgramBuildInfo.BuildLog, size, b, null);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }
}
