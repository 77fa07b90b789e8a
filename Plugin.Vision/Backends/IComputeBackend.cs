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
    /// Queues <paramref name="op"/> on <paramref name="inputs"/> (null for an absent optional input) into
    /// <paramref name="output"/>, whose shape must be the op's output shape.
    /// </summary>
    void Execute(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output);

    /// <summary>Waits until all queued work is done.</summary>
    void Finish();
}
