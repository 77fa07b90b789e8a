using System.Text;
using Silk.NET.OpenCL;
using Vision.Kernels;

namespace Vision.Backends.OpenCl;

/// <summary>Builds <c>Shaders/&lt;kernel&gt;.cl</c> for a variant; a failed build throws with the driver's build log.</summary>
internal sealed unsafe class ClCompiler(ClDevice device)
{
    public ClProgram Compile(string kernel, string[] defines)
    {
        var api = device.Api;
        string variant = string.Join(" ", defines);
        string source = KernelSource.Expand(kernel + ".cl", "", defines);
        int err;
        nint program = api.CreateProgramWithSource(device.Context, 1, [source], null, &err);
        ClErrors.Check(err, $"clCreateProgramWithSource({kernel})", kernel);
        nint dev = device.Device;
        int status = api.BuildProgram(program, 1, &dev, "-cl-std=CL1.2 -cl-mad-enable", null, null);
        if (status != 0)
        {
            string log = BuildLog(program);
            api.ReleaseProgram(program);
            throw new KernelCompileException("OpenCL", kernel, variant, $"{ClErrors.Name(status)}\n{log}");
        }
        nint k = api.CreateKernel(program, kernel, &err);
        if (err != 0)
        {
            api.ReleaseProgram(program);
            throw new KernelCompileException("OpenCL", kernel, variant, $"clCreateKernel: {ClErrors.Name(err)} (the .cl entry must define __kernel void {kernel})");
        }
        return new ClProgram(api, program, k, variant);
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
