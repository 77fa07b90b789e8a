namespace Vision.Backends;

/// <summary>
/// Recognises GL implementations that rasterise on the CPU (Mesa's llvmpipe and softpipe, SwiftShader, Windows' basic
/// render driver) from the renderer string. <see cref="Backend.Auto"/> uses it: on such a driver an OpenCL CPU runtime
/// runs the same kernels 2-3x faster (PoCL vectorises across work items; llvmpipe reads and writes lane by lane: see
/// <c>./vision bench --gl-costs</c>), so auto takes OpenCL there and keeps GL, which needs no copies, for real GPUs.
/// </summary>
public static class SoftwareRenderers
{
    private static readonly string[] Names = ["llvmpipe", "softpipe", "swrast", "swiftshader", "software rasterizer", "microsoft basic render"];

    /// <summary>True when <paramref name="deviceName"/> (a renderer or OpenCL device string) names a CPU rasteriser.</summary>
    public static bool IsSoftware(string deviceName) =>
        Names.Any(n => deviceName.Contains(n, StringComparison.OrdinalIgnoreCase));
}
