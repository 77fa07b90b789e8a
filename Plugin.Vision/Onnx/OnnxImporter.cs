using Google.Protobuf;
using Vision.Models;
using Vision.Onnx.Proto;
using Vision.Tensors;


namespace Vision.Onnx;

/// <summary>
/// Reads an .onnx file into a <see cref="Model"/>: checks the IR and op-set versions, resolves each op's version,
/// converts initializers (Constant nodes folded in), checks attribute kinds, and orders the nodes. Everything wrong with
/// the file is reported as a <see cref="ModelLoadException"/>; ops Vision does not know are kept (see
/// <see cref="Model.UnsupportedOps"/>).
/// </summary>
public static class OnnxImporter
{
    /// <summary>IR 3 is the first with op-set imports, which op resolution depends on.</summary>
    public const int MinIrVersion = 3;

    public static Model Load(string path) => Load(ModelFile.ReadAllBytes(path), path);

    /// <param name="path">Where the bytes came from: named in errors, and the folder external data must stay inside.</param>
    public static Model Load(byte[] bytes, string path)
    {
        ModelProto proto;
        try { proto = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelLoadException(path, null, null, $"is not a valid ONNX protobuf ({e.Message}). The file is truncated or corrupted; download or export it again.", e);
        }
        try
        {
            return Convert(proto, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, null, null, $"external data cannot be read ({e.Message}).", e);
        }
    }

    private static Model Convert(ModelProto proto, string file)
    {
        if (proto.IrVersion < MinIrVersion)
            throw new ModelLoadException(file, null, "ir_version",
                $"is {proto.IrVersion}; Vision needs IR version {MinIrVersion} or newer. Convert the model with a current ONNX exporter.");
        int opset = DefaultOpset(proto, file);
        var graph = proto.Graph ?? throw new ModelLoadException(file, null, "graph", "is missing. The file holds no network; export the model again.");
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";

        var initializers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var t in graph.Initializer)
        {
            string field = $"initializer '{t.Name}'";
            if (string.IsNullOrEmpty(t.Name))
                throw new ModelLoadException(file, null, "initializer", "has no name, so no node can use it. The file is corrupted.");
            if (!initializers.TryAdd(t.Name, OnnxTensors.ToTensor(t, file, field, baseDir)))
                throw new ModelLoadException(file, null, field, "is defined twice. Names must be unique; the file is corrupted.");
        }

        var nodes = new List<Node>(graph.Node.Count);
        for (int i = 0; i < graph.Node.Count; i++)
        {
            var node = ConvertNode(graph.Node[i], i, opset, file);
            if (node.OpType == "Constant" && SupportedOps.IsDefaultDomain(node.Domain))
                FoldConstant(node, initializers, file);
            else
                nodes.Add(node);
        }

        // Before IR 4 initializers had to be listed as graph inputs too; they are weights, not inputs to feed.
        var inputs = graph.Input.Where(v => !initializers.ContainsKey(v.Name)).Select(v => ConvertValueInfo(v, file, "input")).ToList();
        var outputs = graph.Output.Select(v => ConvertValueInfo(v, file, "output")).ToList();

        var available = new HashSet<string>(inputs.Select(v => v.Name), StringComparer.Ordinal);
        available.UnionWith(initializers.Keys);
        var ordered = OnnxGraphOrder.Sort(nodes, available, file);
        available.UnionWith(ordered.SelectMany(n => n.Outputs));
        foreach (var o in outputs)
            if (!available.Contains(o.Name))
                throw new ModelLoadException(file, null, $"output '{o.Name}'",
                    "is not produced by any node, input or initializer. The model is incomplete: re-export it.");

        string producer = (proto.ProducerName + " " + proto.ProducerVersion).Trim();
        return new Model
        {
            Inputs = inputs,
            Outputs = outputs,
            Nodes = ordered,
            Initializers = initializers,
            OpsetVersion = opset,
            Producer = producer,
            SourcePath = file,
        };
    }

    private static int DefaultOpset(ModelProto proto, string file)
    {
        var entry = proto.OpsetImport.FirstOrDefault(o => SupportedOps.IsDefaultDomain(o.Domain))
            ?? throw new ModelLoadException(file, null, "opset_import",
                "does not import the default ONNX domain. Export the model with an ONNX op set between " +
                $"{OnnxOpVersions.MinOpset} and {OnnxOpVersions.MaxOpset}.");
        if (entry.Version < OnnxOpVersions.MinOpset || entry.Version > OnnxOpVersions.MaxOpset)
            throw new ModelLoadException(file, null, "opset_import",
                $"the default domain is at op set {entry.Version}; Vision reads op sets {OnnxOpVersions.MinOpset} to {OnnxOpVersions.MaxOpset}. " +
                "Convert it (onnx.version_converter) or export again at a supported op set.");
        return (int)entry.Version;
    }

    private static Node ConvertNode(NodeProto p, int index, int opset, string file)
    {
        string provisional = string.IsNullOrEmpty(p.Name) ? $"{p.OpType}_{index}" : p.Name;
        if (string.IsNullOrEmpty(p.OpType))
            throw new ModelLoadException(file, provisional, "op_type", "is empty. The file is corrupted.");
        string domain = p.Domain == "ai.onnx" ? "" : p.Domain;
        int version = 0;
        if (domain.Length == 0 && SupportedOps.Names.Contains(p.OpType))
        {
            if (OnnxOpVersions.Rejection(p.OpType, opset) is string why)
                throw new ModelLoadException(file, provisional, "op_type", why);
            version = OnnxOpVersions.SinceVersion(p.OpType, opset) ?? 0;
        }
        var attributes = new List<NodeAttribute>(p.Attribute.Count);
        foreach (var a in p.Attribute)
        {
            var attr = ConvertAttribute(a, provisional, file);
            if (version > 0 && OnnxAttributeTypes.Expected(p.OpType, a.Name) is AttributeKind expected && attr.Kind != expected)
                throw new ModelLoadException(file, provisional, $"attribute '{a.Name}'",
                    $"is {attr.Kind} but {p.OpType} defines it as {expected}. The exporter wrote a wrong type; fix or re-export the model.");
            attributes.Add(attr);
        }
        return new Node(p.Name, p.OpType, domain, p.Input.ToArray(), p.Output.ToArray(), attributes, index)
        {
            OpVersion = version,
            SourceFile = file,
        };
    }

    private static NodeAttribute ConvertAttribute(AttributeProto a, string node, string file)
    {
        string field = $"attribute '{a.Name}'";
        if (string.IsNullOrEmpty(a.Name))
            throw new ModelLoadException(file, node, "attribute", "has no name. The file is corrupted.");
        var present = PresentKinds(a);
        AttributeKind kind;
        if (a.HasType && a.Type != AttributeProto.Types.AttributeType.Undefined)
        {
            kind = KindOf(a.Type);
            if (present.Count > 0 && !present.Contains(kind))
                throw new ModelLoadException(file, node, field,
                    $"is declared {a.Type} but carries a {string.Join("/", present)} value. The file is corrupted; re-export it.");
        }
        else if (present.Count == 1)
            kind = present[0];
        else
            throw new ModelLoadException(file, node, field,
                present.Count == 0 ? "has no type and no value. The file is corrupted." : $"has no type and several values ({string.Join("/", present)}).");

        return kind switch
        {
            AttributeKind.Float => NodeAttribute.Of(a.Name, a.F),
            AttributeKind.Int => NodeAttribute.Of(a.Name, a.I),
            AttributeKind.String => NodeAttribute.Of(a.Name, a.S.ToStringUtf8()),
            AttributeKind.Tensor => NodeAttribute.Of(a.Name,
                OnnxTensors.ToTensor(a.T ?? throw new ModelLoadException(file, node, field, "is a TENSOR attribute without a tensor."), file, $"node '{node}' {field}", Path.GetDirectoryName(Path.GetFullPath(file)))),
            AttributeKind.Floats => NodeAttribute.Of(a.Name, a.Floats.ToArray()),
            AttributeKind.Ints => NodeAttribute.Of(a.Name, a.Ints.ToArray()),
            AttributeKind.Strings => NodeAttribute.Of(a.Name, a.Strings.Select(s => s.ToStringUtf8()).ToArray()),
            _ => NodeAttribute.Opaque(a.Name, kind),
        };
    }

    private static List<AttributeKind> PresentKinds(AttributeProto a)
    {
        var kinds = new List<AttributeKind>();
        if (a.HasF) kinds.Add(AttributeKind.Float);
        if (a.HasI) kinds.Add(AttributeKind.Int);
        if (a.HasS) kinds.Add(AttributeKind.String);
        if (a.T != null) kinds.Add(AttributeKind.Tensor);
        if (a.G != null || a.Graphs.Count > 0) kinds.Add(AttributeKind.Graph);
        if (a.Floats.Count > 0) kinds.Add(AttributeKind.Floats);
        if (a.Ints.Count > 0) kinds.Add(AttributeKind.Ints);
        if (a.Strings.Count > 0) kinds.Add(AttributeKind.Strings);
        return kinds;
    }

    private static AttributeKind KindOf(AttributeProto.Types.AttributeType type) => type switch
    {
        AttributeProto.Types.AttributeType.Float => AttributeKind.Float,
        AttributeProto.Types.AttributeType.Int => AttributeKind.Int,
        AttributeProto.Types.AttributeType.String => AttributeKind.String,
        AttributeProto.Types.AttributeType.Tensor => AttributeKind.Tensor,
        AttributeProto.Types.AttributeType.Floats => AttributeKind.Floats,
        AttributeProto.Types.AttributeType.Ints => AttributeKind.Ints,
        AttributeProto.Types.AttributeType.Strings => AttributeKind.Strings,
        AttributeProto.Types.AttributeType.Graph or AttributeProto.Types.AttributeType.Graphs => AttributeKind.Graph,
        _ => AttributeKind.Other,
    };

    /// <summary>Constant nodes become initializers: their value is known at load and backends need no op for them.</summary>
    private static void FoldConstant(Node node, Dictionary<string, Tensor> initializers, string file)
    {
        if (node.Outputs.Count != 1 || node.Outputs[0].Length == 0)
            throw new ModelLoadException(file, node.Name, "output", "a Constant must have exactly one named output. The file is corrupted.");
        if (node.Attributes.Count != 1)
            throw new ModelLoadException(file, node.Name, "attribute",
                $"a Constant needs exactly one value attribute, found {node.Attributes.Count} ({string.Join(", ", node.Attributes.Keys)}).");
        var a = node.Attributes.Values.First();
        Tensor value = a.Name switch
        {
            "value" => a.Tensor!,
            "value_float" => new Tensor([], [a.Float]),
            "value_floats" => new Tensor([a.Floats.Count], a.Floats.ToArray()),
            "value_int" => new Tensor([], [a.Int]),
            "value_ints" => new Tensor([a.Ints.Count], a.Ints.ToArray()),
            _ => throw new ModelLoadException(file, node.Name, $"attribute '{a.Name}'",
                "Vision folds Constant nodes given by value, value_float(s) or value_int(s) only; strings and sparse tensors are not supported."),
        };
        if (!initializers.TryAdd(node.Outputs[0], value))
            throw new ModelLoadException(file, node.Name, $"output '{node.Outputs[0]}'",
                "has the same name as an initializer. Each value must have one producer; rename it.");
    }

    private static ValueInfo ConvertValueInfo(ValueInfoProto v, string file, string role)
    {
        if (string.IsNullOrEmpty(v.Name))
            throw new ModelLoadException(file, null, role, $"a graph {role} has no name. The file is corrupted.");
        var tensorType = v.Type?.TensorType;
        if (tensorType == null)
            return new ValueInfo(v.Name, DataType.Undefined, []) { HasShape = false };
        var dims = new List<Dim>();
        if (tensorType.Shape != null)
            foreach (var d in tensorType.Shape.Dim)
            {
                if (d.HasDimValue)
                {
                    if (d.DimValue < 0 || d.DimValue > int.MaxValue)
                        throw new ModelLoadException(file, null, $"{role} '{v.Name}'", $"has dimension {d.DimValue}, which is not a valid size.");
                    dims.Add(Dim.Fixed((int)d.DimValue));
                }
                else
                    dims.Add(Dim.Symbolic(d.HasDimParam ? d.DimParam : ""));
            }
        return new ValueInfo(v.Name, (DataType)tensorType.ElemType, dims) { HasShape = tensorType.Shape != null };
    }
}
