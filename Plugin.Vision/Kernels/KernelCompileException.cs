namespace Vision.Kernels;

/// <summary>A kernel failed to compile or link. Carries the op, the variant (its defines) and the driver's build log.</summary>
public sealed class KernelCompileException(string backend, string kernel, string variant, string log)
    : Exception($"{backend}: kernel '{kernel}' [{(variant.Length == 0 ? "default" : variant)}] failed to build:\n{log.Trim()}")
{
    public string Backend { get; } = backend;
    public string Kernel { get; } = kernel;
    public string Variant { get; } = variant;
    public string BuildLog { get; } = log;
}
