using Vision.Tensors;

namespace Vision.Backends;

/// <summary>
/// A float32 tensor living in one backend's memory (a GL SSBO, a CL buffer, or a host array for the CPU reference).
/// It is owned by the backend that allocated it and is only valid there.
/// </summary>
public abstract class DeviceTensor : IDisposable
{
    public int[] Shape { get; private set; }
    public int Length => Tensor.ShapeLength(Shape);

    /// <summary>Elements the underlying allocation holds; a reshape within it needs no new memory.</summary>
    public int Capacity { get; }

    protected DeviceTensor(int[] shape, int capacity)
    {
        Shape = shape;
        Capacity = capacity;
    }

    /// <summary>Views the same memory under another shape with no more elements than the allocation holds.</summary>
    public void Reshape(int[] shape)
    {
        if (Tensor.ShapeLength(shape) > Capacity)
            throw new ArgumentException($"Shape {Tensor.ShapeString(shape)} needs more than the {Capacity} elements allocated.");
        Shape = shape;
    }

    public abstract void Dispose();

    public override string ToString() => $"{GetType().Name}{Tensor.ShapeString(Shape)}";
}
