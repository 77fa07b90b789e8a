using Vision.Tensors;

namespace Vision.Models;

/// <summary>
/// A network as plain data, whatever file it came from: declared inputs and outputs, nodes in an order where every
/// node comes after the producers of its inputs, and constant tensors by name. No backend or GPU type appears here;
/// a compile step turns it into something runnable.
/// </summary>
public sealed class Model
{
    public IReadOnlyList<ValueInfo> Inputs { get; init; } = [];
    public IReadOnlyList<ValueInfo> Outputs { get; init; } = [];

    /// <summary>Nodes in execution (topological) order.</summary>
    public IReadOnlyList<Node> Nodes { get; init; } = [];

    /// <summary>Weights and other constants (Constant nodes are folded in here at import).</summary>
    public Dictionary<string, Tensor> Initializers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Op-set version of the default (ai.onnx) domain the nodes were written against.</summary>
    public int OpsetVersion { get; init; }

    /// <summary>The tool that wrote the file, e.g. "pytorch 2.1"; empty when unknown.</summary>
    public string Producer { get; init; } = "";

    /// <summary>Where the model was loaded from; null for a model built in code.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Nodes Vision cannot run, with the reason; empty when every node is supported.</summary>
    public IReadOnlyList<UnsupportedOp> UnsupportedOps()
    {
        var list = new List<UnsupportedOp>();
        foreach (var n in Nodes)
        {
            if (!SupportedOps.IsDefaultDomain(n.Domain))
                list.Add(new UnsupportedOp(n.OpType, n.Name, $"custom domain '{n.Domain}' is not supported; only the default ONNX domain is."));
            else if (!SupportedOps.Names.Contains(n.OpType))
                list.Add(new UnsupportedOp(n.OpType, n.Name, $"op '{n.OpType}' is not implemented by Vision."));
        }
        return list;
    }

    public override string ToString() =>
        $"Model({Nodes.Count} nodes, {Initializers.Count} initializers, opset {OpsetVersion}, in [{string.Join("; ", Inputs)}], out [{string.Join("; ", Outputs)}])";
}
