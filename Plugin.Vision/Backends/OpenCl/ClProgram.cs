using Silk.NET.OpenCL;

namespace Vision.Backends.OpenCl;

/// <summary>One built program and its kernel (one per op variant).</summary>
internal sealed class ClProgram(CL api, nint program, nint kernel, string variant) : IDisposable
{
    public nint Program { get; private set; } = program;
    public nint Kernel { get; private set; } = kernel;
    public string Variant { get; } = variant;

    public void Dispose()
    {
        if (Kernel != 0) api.ReleaseKernel(Kernel);
        if (Program != 0) api.ReleaseProgram(Program);
        Kernel = Program = 0;
    }
}
