namespace Vision.Backends;

/// <summary>Where a network runs. <see cref="Auto"/> takes GL on a GPU, CL where GL is a software rasteriser or missing, then the CPU, and logs which it got and why.</summary>
public enum Backend
{
    Auto,
    GL,
    CL,
    CPU,
}
