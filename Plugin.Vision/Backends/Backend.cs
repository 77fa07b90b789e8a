namespace Vision.Backends;

/// <summary>Where a network runs. <see cref="Auto"/> tries GL, then CL, then CPU and logs which it got and why.</summary>
public enum Backend
{
    Auto,
    GL,
    CL,
    CPU,
}
