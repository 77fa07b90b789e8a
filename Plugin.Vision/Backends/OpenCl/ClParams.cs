using System.Runtime.InteropServices;
using Vision.Kernels;

namespace Vision.Backends.OpenCl;

/// <summary>The by-value parameter struct every kernel takes last; the layout matches <c>Params</c> in common.cl.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ClParams
{
    public int Count;
    public fixed int Ints[KernelLaunch.MaxInts];
    public fixed float Floats[KernelLaunch.MaxFloats];

    public static ClParams From(KernelLaunch launch)
    {
        var p = new ClParams { Count = launch.Items };
        for (int i = 0; i < launch.Ints.Length; i++) p.Ints[i] = launch.Ints[i];
        for (int i = 0; i < launch.Floats.Length; i++) p.Floats[i] = launch.Floats[i];
        return p;
    }
}
