namespace Vision.Kernels;

/// <summary>
/// What a GPU backend needs to run one op: the kernel (the file stem in <c>Shaders/</c>), its variant defines, the integer
/// and float parameters the kernel body reads as <c>PARAM(k)</c> and <c>FPARAM(k)</c>, and the number of work items.
/// Buffers bind in the op's input order (an absent optional input gets a dummy), then the output.
/// </summary>
public sealed class KernelLaunch
{
    public const int MaxInts = 32;
    public const int MaxFloats = 8;

    public string Kernel { get; }
    public string[] Defines { get; }
    public int[] Ints { get; }
    public float[] Floats { get; }
    public int Items { get; }

    /// <summary>
    /// The variant an OpenCL CPU device (PoCL) runs instead, when an op has one. PoCL runs each work item as a scalar
    /// loop and vectorises across items only in loop-free kernels, so these variants use explicit wide vectors (float16)
    /// and tile the output differently (other item counts). GPUs run the plain launch: an item per few outputs keeps
    /// their thousands of lanes busy (an H100 ran selfie's 1x1 convs 4x slower with the CPU tiling). GLSL has no such
    /// types, and llvmpipe vectorises across invocations itself.
    /// </summary>
    public KernelLaunch? OpenClCpu { get; init; }

    /// <summary>The cache key of the compiled program: kernel plus sorted defines.</summary>
    public string Variant { get; }

    public KernelLaunch(string kernel, int items, int[] ints, float[]? floats = null, params string[] defines)
    {
        if (ints.Length > MaxInts) throw new ArgumentException($"{kernel}: {ints.Length} int parameters, at most {MaxInts}.");
        floats ??= [];
        if (floats.Length > MaxFloats) throw new ArgumentException($"{kernel}: {floats.Length} float parameters, at most {MaxFloats}.");
        Kernel = kernel;
        Items = items;
        Ints = ints;
        Floats = floats;
        Defines = defines.Where(d => d.Length > 0).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        Variant = string.Join(" ", Defines);
    }
}
