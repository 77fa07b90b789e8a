using Vision.Tensors;

namespace Vision.Models;

/// <summary>
/// One operation of the graph, as data: op type, the names of the values it reads and writes, and its attributes.
/// An empty input name marks an absent optional input (ONNX's convention, kept so input positions stay meaningful).
/// </summary>
public sealed class Node
{
    public string Name { get; }
    public string OpType { get; }

    /// <summary>Operator domain; "" is the default (ONNX's ai.onnx).</summary>
    public string Domain { get; }

    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Outputs { get; }
    public IReadOnlyDictionary<string, NodeAttribute> Attributes { get; }

    /// <summary>The op-set version whose definition of this op applies (ONNX "since version"); 0 when unresolved.</summary>
    public int OpVersion { get; init; }

    /// <summary>The file the node came from, so attribute errors found later can still name it.</summary>
    public string SourceFile { get; init; } = "";

    /// <param name="index">Position in the graph; names an unnamed node "OpType_index" so every message can point at it.</param>
    public Node(string name, string opType, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        IEnumerable<NodeAttribute>? attributes = null, int index = 0)
    {
        OpType = opType;
        Name = string.IsNullOrEmpty(name) ? $"{opType}_{index}" : name;
        Domain = domain;
        Inputs = inputs;
        Outputs = outputs;
        var map = new Dictionary<string, NodeAttribute>();
        foreach (var a in attributes ?? []) map[a.Name] = a;
        Attributes = map;
    }

    public bool Has(string name) => Attributes.ContainsKey(name);

    /// <summary>The input at <paramref name="index"/>, or null when it is absent (past the end or an empty name).</summary>
    public string? InputOrNull(int index) => index < Inputs.Count && Inputs[index].Length > 0 ? Inputs[index] : null;

    public long GetInt(string name, long defaultValue) => Get(name, AttributeKind.Int)?.Int ?? defaultValue;
    public float GetFloat(string name, float defaultValue) => Get(name, AttributeKind.Float)?.Float ?? defaultValue;
    public string GetString(string name, string defaultValue) => Get(name, AttributeKind.String)?.String ?? defaultValue;
    public IReadOnlyList<long> GetInts(string name, IReadOnlyList<long>? defaultValue = null) => Get(name, AttributeKind.Ints)?.Ints ?? defaultValue ?? [];
    public IReadOnlyList<float> GetFloats(string name, IReadOnlyList<float>? defaultValue = null) => Get(name, AttributeKind.Floats)?.Floats ?? defaultValue ?? [];
    public Tensor? GetTensor(string name) => Get(name, AttributeKind.Tensor)?.Tensor;

    private NodeAttribute? Get(string name, AttributeKind kind)
    {
        if (!Attributes.TryGetValue(name, out var a)) return null;
        if (a.Kind != kind)
            throw new ModelLoadException(SourceFile.Length > 0 ? SourceFile : "<model>", Name, $"attribute '{name}'",
                $"is {a.Kind} but {OpType} expects {kind}. Re-export the model with a conforming exporter or fix the attribute.");
        return a;
    }

    public override string ToString() =>
        $"{Name}: {OpType}({string.Join(", ", Inputs)}) -> {string.Join(", ", Outputs)}";
}
