using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends;

/// <summary>
/// One backend: a device, its buffers, and kernels compiled for it. Every backend runs the same <see cref="Op"/>s;
/// the CPU reference runs their C# reference code, GL and CL run the op's kernel from <c>Shaders/</c>.
/// Work is queued; <see cref="Read"/> and <see cref="Finish"/> are the only calls that wait for the device.
/// </summary>
public interface IComputeBackend : IDisposable
{
    Backend Kind { get; }

    /// <summary>Driver and device, e.g. "OpenCL 3.0 PoCL 3.1 ... pthread-Intel(R) Xeon(R)".</summary>
    string DeviceName { get; }

    DeviceTensor Allocate(int[] shape);

    void Write(DeviceTensor destination, ReadOnlySpan<float> source);

    /// <summary>Waits for queued work and copies the tensor back to the host.</summary>
    void Read(DeviceTensor source, Span<float> destination);

    /// <summary>
    /// A non-owning view of <paramref name="storage"/>'s memory under another shape (no more elements than it holds):
    /// reshapes cost nothing, and a memory planner can hand one allocation to several values in turn.
    /// </summary>
    DeviceTensor View(DeviceTensor storage, int[] shape);

    /// <summary>
    /// Binds <paramref name="op"/> to its tensors once: the kernel is compiled (or found in the cache), shapes are checked
    /// and parameters computed, so dispatching it later costs only the launch.
    /// </summary>
    PreparedKernel Prepare(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output);

    /// <summary>Queues <paramref name="count"/> prepared kernels in order, as one submission.</summary>
    void Dispatch(PreparedKernel[] kernels, int start, int count);

    /// <summary>
    /// Queues <paramref name="op"/> on <paramref name="inputs"/> (null for an absent optional input) into
    /// <paramref name="output"/>, whose shape must be the op's output shape.
    /// </summary>
    void Execute(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output) =>
        Dispatch([Prepare(op, inputs, output)], 0, 1);

    /// <summary>Waits until all queued work is done.</summary>
    void Finish();
}
