using Vision.Tensors;

namespace Vision.Models;

/// <summary>A node attribute: a name, its kind, and the one value that kind carries.</summary>
public sealed class NodeAttribute
{
    public string Name { get; }
    public AttributeKind Kind { get; }
    public float Float { get; private init; }
    public long Int { get; private init; }
    public string String { get; private init; } = "";
    public Tensor? Tensor { get; private init; }
    public IReadOnlyList<float> Floats { get; private init; } = [];
    public IReadOnlyList<long> Ints { get; private init; } = [];
    public IReadOnlyList<string> Strings { get; private init; } = [];

    private NodeAttribute(string name, AttributeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public static NodeAttribute Of(string name, float value) => new(name, AttributeKind.Float) { Float = value };
    public static NodeAttribute Of(string name, long value) => new(name, AttributeKind.Int) { Int = value };
    public static NodeAttribute Of(string name, string value) => new(name, AttributeKind.String) { String = value };
    public static NodeAttribute Of(string name, Tensor value) => new(name, AttributeKind.Tensor) { Tensor = value };
    public static NodeAttribute Of(string name, float[] values) => new(name, AttributeKind.Floats) { Floats = values };
    public static NodeAttribute Of(string name, long[] values) => new(name, AttributeKind.Ints) { Ints = values };
    public static NodeAttribute Of(string name, string[] values) => new(name, AttributeKind.Strings) { Strings = values };

    /// <summary>An attribute whose value Vision does not read (a subgraph, a sparse tensor, a type).</summary>
    public static NodeAttribute Opaque(string name, AttributeKind kind) => new(name, kind);

    public override string ToString() => Kind switch
    {
        AttributeKind.Float => $"{Name}={Float}",
        AttributeKind.Int => $"{Name}={Int}",
        AttributeKind.String => $"{Name}='{String}'",
        AttributeKind.Tensor => $"{Name}={Tensor}",
        AttributeKind.Floats => $"{Name}=[{string.Join(",", Floats)}]",
        AttributeKind.Ints => $"{Name}=[{string.Join(",", Ints)}]",
        AttributeKind.Strings => $"{Name}=[{string.Join(",", Strings)}]",
        _ => $"{Name}:{Kind}",
    };
}
