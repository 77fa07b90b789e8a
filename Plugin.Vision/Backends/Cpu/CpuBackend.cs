using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends.Cpu;

/// <summary>
/// The reference backend: runs each op's plain C# <see cref="Op.Reference(IReadOnlyList{Tensor?}, Tensor)"/>.
/// Slow and obviously correct; every other backend is tested against it.
/// </summary>
public sealed class CpuBackend : IComputeBackend
{
    public Backend Kind => Backend.CPU;
    public string DeviceName => $"CPU reference (C#, {Environment.ProcessorCount} cores available, single-threaded)";

    public DeviceTensor Allocate(int[] shape) => new CpuBuffer(shape);

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

    public void Execute(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output)
    {
        var hostInputs = inputs.Select(d => d == null ? null : Own(d).AsTensor()).ToArray();
        var o = Own(output);
        var expected = op.OutputShape(hostInputs.Select(t => t?.Shape).ToArray());
        if (!expected.AsSpan().SequenceEqual(o.Shape))
            throw new ShapeException($"{op.Name}: output tensor is {Tensor.ShapeString(o.Shape)}, the op produces {Tensor.ShapeString(expected)}");
        var result = o.AsTensor();
        op.Reference(hostInputs, result);
        if (!ReferenceEquals(result.Data, o.Data)) result.Data.CopyTo(o.Data, 0);
    }

    public void Finish() { }

    public void Dispose() { }

    private static CpuBuffer Own(DeviceTensor t) =>
        t as CpuBuffer ?? throw new ArgumentException($"{t} belongs to another backend, not the CPU reference.");
}
