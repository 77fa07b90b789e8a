namespace Vision.Backends;

/// <summary>
/// A backend that can time its kernels one by one on the device (GL timer queries, CL profiling events, a stopwatch on
/// the CPU). For benchmarks and the per-layer profile only: timing each kernel separately serialises the submission.
/// </summary>
public interface IKernelProfiler
{
    /// <summary>
    /// Runs <paramref name="count"/> kernels from <paramref name="start"/> in order, waits for them, and writes each one's
    /// device time in milliseconds into <paramref name="milliseconds"/>.
    /// </summary>
    void Profile(PreparedKernel[] kernels, int start, int count, Span<double> milliseconds);
}
