namespace Vision.Ops;

/// <summary>Element-wise functions of two broadcast tensors, each a define of <c>Shaders/binary.body</c>.</summary>
public enum BinaryKind
{
    Add,
}
