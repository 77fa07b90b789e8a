namespace Vision.Ops;

/// <summary>
/// Element-wise functions of two broadcast tensors, each a define of <c>Shaders/binary.body</c> (OP_ADD, OP_PRELU...).
/// </summary>
/// <remarks>
/// ONNX's variadic Sum, Mean, Max and Min need no kernel of their own: the compiler folds their n inputs left to right
/// into n - 1 <see cref="Binary"/> ops (Sum: Add, Max: Max, Min: Min; each step broadcasts, and broadcasting is
/// associative, so the chain has the node's output shape), and Mean is that Add chain followed by one Mul with a
/// one-element tensor holding 1/n. A single input is an <see cref="UnaryKind.Identity"/> copy.
/// </remarks>
public enum BinaryKind
{
    Add,
    Sub,
    Mul,
    Div,

    /// <summary>a ^ b as C pow: a negative base needs an integral exponent (else NaN).</summary>
    Pow,
    Max,
    Min,

    /// <summary>a where a &gt;= 0, else a * b; the slope b broadcasts to a's shape (unidirectionally, as ONNX PRelu).</summary>
    PRelu,
}
