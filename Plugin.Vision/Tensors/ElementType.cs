namespace Vision.Tensors;

/// <summary>Element types a <see cref="Tensor"/> holds: float32 for compute, int64 for ONNX shape arithmetic.</summary>
public enum ElementType
{
    Float32,
    Int64,
}
