using Vision.Tensors;

namespace Vision.Backends.Cpu;

/// <summary>The CPU reference's "device memory": a host array (shared by views).</summary>
internal sealed class CpuBuffer(int[] shape, float[] data) : DeviceTensor(shape, data.Length)
{
    public CpuBuffer(int[] shape) : this(shape, new float[Tensor.ShapeLength(shape)]) { }

    public float[] Data { get; } = data;

    /// <summary>The buffer as a host tensor of its current shape, sharing memory when the shape fills the allocation.</summary>
    public Tensor AsTensor() => Length == Data.Length ? new Tensor(Shape, Data) : new Tensor(Shape, Data[..Length]);

    public override void Dispose() { }
}
