namespace Vision.Ops;

/// <summary>Element-wise functions of one tensor, each a define of <c>Shaders/unary.body</c>.</summary>
public enum UnaryKind
{
    Relu,
}
