using Google.Protobuf;
using Vision.Models;
using Vision.Onnx.Proto;


namespace Vision.Onnx;

/// <summary>
/// Saves a <see cref="Model"/> as .onnx (weights embedded as raw little-endian data), to generate test models and to
/// export networks built in code. Every attribute is written with its type and value, zeros included.
/// </summary>
public static class OnnxWriter
{
    public static void Save(Model model, string path) => File.WriteAllBytes(path, ToBytes(model));

    public static byte[] ToBytes(Model model) => ToProto(model).ToByteArray();

    internal static ModelProto ToProto(Model model)
    {
        int opset = model.OpsetVersion == 0 ? OnnxOpVersions.MaxOpset : model.OpsetVersion;
        var proto = new ModelProto
        {
            IrVersion = IrVersionFor(opset),
            ProducerName = model.Producer.Length > 0 ? model.Producer : "Vision",
            Graph = new GraphProto { Name = "vision" },
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        foreach (string domain in model.Nodes.Select(n => n.Domain).Where(d => !SupportedOps.IsDefaultDomain(d)).Distinct())
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = 1 });

        var g = proto.Graph;
        g.Input.AddRange(model.Inputs.Select(ToValueInfo));
        g.Output.AddRange(model.Outputs.Select(ToValueInfo));
        foreach (var (name, tensor) in model.Initializers) g.Initializer.Add(OnnxTensors.FromTensor(name, tensor));
        foreach (var n in model.Nodes)
        {
            var node = new NodeProto { Name = n.Name, OpType = n.OpType };
            if (n.Domain.Length > 0) node.Domain = n.Domain;
            node.Input.AddRange(n.Inputs);
            node.Output.AddRange(n.Outputs);
            node.Attribute.AddRange(n.Attributes.Values.Select(ToAttribute));
            g.Node.Add(node);
        }
        return proto;
    }

    /// <summary>
    /// The IR version ONNX released with each op set (never below 4, the first where initializers need not be listed as
    /// inputs), so older runtimes accept files written at an older op set.
    /// </summary>
    internal static long IrVersionFor(int opset) => opset switch
    {
        <= 9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        <= 22 => 10,
        23 => 11,
        _ => 12,
    };

    private static ValueInfoProto ToValueInfo(ValueInfo v)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)v.ElementType };
        if (v.HasShape)
        {
            tensorType.Shape = new TensorShapeProto();
            foreach (var d in v.Dims)
                tensorType.Shape.Dim.Add(d.Value is int value
                    ? new TensorShapeProto.Types.Dimension { DimValue = value }
                    : new TensorShapeProto.Types.Dimension { DimParam = d.Param ?? "" });
        }
        return new ValueInfoProto { Name = v.Name, Type = new TypeProto { TensorType = tensorType } };
    }

    private static AttributeProto ToAttribute(NodeAttribute a)
    {
        var p = new AttributeProto { Name = a.Name };
        switch (a.Kind)
        {
            case AttributeKind.Float: p.Type = AttributeProto.Types.AttributeType.Float; p.F = a.Float; break;
            case AttributeKind.Int: p.Type = AttributeProto.Types.AttributeType.Int; p.I = a.Int; break;
            case AttributeKind.String: p.Type = AttributeProto.Types.AttributeType.String; p.S = ByteString.CopyFromUtf8(a.String); break;
            case AttributeKind.Tensor: p.Type = AttributeProto.Types.AttributeType.Tensor; p.T = OnnxTensors.FromTensor("", a.Tensor!); break;
            case AttributeKind.Floats: p.Type = AttributeProto.Types.AttributeType.Floats; p.Floats.AddRange(a.Floats); break;
            case AttributeKind.Ints: p.Type = AttributeProto.Types.AttributeType.Ints; p.Ints.AddRange(a.Ints); break;
            case AttributeKind.Strings: p.Type = AttributeProto.Types.AttributeType.Strings; p.Strings.AddRange(a.Strings.Select(ByteString.CopyFromUtf8)); break;
            default: throw new NotSupportedException($"Attribute '{a.Name}' of kind {a.Kind} has no value Vision can write.");
        }
        return p;
    }
}
