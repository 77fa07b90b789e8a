namespace Vision.Models;

/// <summary>Which value an <see cref="NodeAttribute"/> carries. Graph-valued attributes are kept only as a kind: no supported op uses them.</summary>
public enum AttributeKind
{
    Float,
    Int,
    String,
    Tensor,
    Floats,
    Ints,
    Strings,
    Graph,
    Other,
}
