using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends.Cpu;

/// <summary>
/// The reference backend: runs each op's plain C# <see cref="Op.Reference(IReadOnlyList{Tensor?}, Tensor)"/>.
/// Slow and obviously correct; every other backend is tested against it.
/// </summary>
public sealed class CpuBackend : IComputeBackend, IKernelProfiler
{
    public Backend Kind => Backend.CPU;
    public string DeviceName => "CPU reference (plain C#, single-threaded)";

    public DeviceTensor Allocate(int[] shape) => new CpuBuffer(shape);

    public DeviceTensor View(DeviceTensor storage, int[] shape)
    {
        var b = Own(storage);
        if (Tensor.ShapeLength(shape) > b.Capacity) throw new ArgumentException($"cpu: view {Tensor.ShapeString(shape)} exceeds {b.Capacity} elements.");
        return new CpuBuffer(shape, b.Data);
    }

    public void Write(DeviceTensor destination, ReadOnlySpan<float> source)
    {
        var buffer = Own(destination);
        if (source.Length != buffer.Length)
            throw new ArgumentException($"cpu: writing {source.Length} floats into a tensor of {buffer.Length}.");
        source.CopyTo(buffer.Data);
    }

    public void Read(DeviceTensor source, Span<float> destination)
    {
        var buffer = Own(source);
        if (destination.Length != buffer.Length)
            throw new ArgumentException($"cpu: reading a tensor of {buffer.Length} floats into {destination.Length}.");
        buffer.Data.AsSpan(0, buffer.Length).CopyTo(destination);
    }

    public PreparedKernel Prepare(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output) =>
        new CpuKernel(op, inputs.Select(d => d == null ? null : Own(d)).ToArray(), Own(output), inputs, output);

    public void Dispatch(PreparedKernel[] kernels, int start, int count)
    {
        for (int i = start; i < start + count; i++) ((CpuKernel)kernels[i]).Run();
    }

    public void Profile(PreparedKernel[] kernels, int start, int count, Span<double> milliseconds)
    {
        for (int i = 0; i < count; i++)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            ((CpuKernel)kernels[start + i]).Run();
            milliseconds[i] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
    }

    public void Finish() { }

    public void Dispose() { }

    private static CpuBuffer Own(DeviceTensor t) =>
        t as CpuBuffer ?? throw new ArgumentException($"{t} belongs to another backend, not the CPU reference.");

    private sealed class CpuKernel(Op op, CpuBuffer?[] inputs, CpuBuffer output, IReadOnlyList<DeviceTensor?> all, DeviceTensor o)
        : PreparedKernel(op, CheckShapes(op, all, o))
    {
        public void Run()
        {
            var result = output.AsTensor();
            Op.Reference(inputs.Select(b => b?.AsTensor()).ToArray(), result);
            if (!ReferenceEquals(result.Data, output.Data)) result.Data.CopyTo(output.Data, 0);
        }
    }
}
