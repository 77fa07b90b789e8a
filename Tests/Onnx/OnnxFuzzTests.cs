using Google.Protobuf;
using Vision.Models;
using Vision.Onnx;
using Vision.Onnx.Proto;
using Vision.Tests.Harness;

namespace Vision.Tests.Onnx;

/// <summary>
/// Mutated copies of a real model (fixed seed) must either load or throw ModelLoadException: never another exception
/// type, never a hang.
/// </summary>
public class OnnxFuzzTests
{
    private const int Cases = 300;
    private const int Seed = 20261123;

    [Test]
    public void MutatedMnist_LoadsOrThrowsModelLoadException()
    {
        string path = OnnxTestData.SharedModel("mnist-8.onnx");
        byte[] original = File.ReadAllBytes(path);
        var rng = new Random(Seed);
        var cases = Enumerable.Range(0, Cases).Select(i => LoaderFuzz.ByteMutation(original, rng, i % 3)).ToList();
        Check("byte-level mutations of mnist-8.onnx", cases, path);
    }

    /// <summary>
    /// Byte mutations mostly break the protobuf framing; these keep it valid and corrupt the content instead (dims,
    /// data types, attribute types, names, versions), so the importer's own checks are what is exercised.
    /// </summary>
    [Test]
    public void StructurallyMutatedMnist_LoadsOrThrowsModelLoadException()
    {
        string path = OnnxTestData.SharedModel("mnist-8.onnx");
        var original = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var rng = new Random(Seed + 1);
        var cases = Enumerable.Range(0, Cases).Select(i =>
        {
            var p = original.Clone();
            string how = string.Join("; ", Enumerable.Range(0, rng.Next(1, 4)).Select(_ => MutateStructure(p, rng)));
            return (p.ToByteArray(), how);
        }).ToList();
        Check("structural mutations of mnist-8.onnx", cases, path);
    }

    private static void Check(string what, List<(byte[] Bytes, string How)> cases, string path) =>
        LoaderFuzz.Check(what, cases, bytes => OnnxImporter.Load(bytes, path),
            e => e.Field?.Split(' ')[0] ?? (e.Node != null ? "graph" : "(parse)"), cases.Count / 4);

    private static string MutateStructure(ModelProto p, Random rng)
    {
        var g = p.Graph;
        var init = g.Initializer[rng.Next(g.Initializer.Count)];
        var node = g.Node[rng.Next(g.Node.Count)];
        long[] odd = [-1, 0, 1, 3, 7, long.MaxValue, int.MaxValue + 1L, 1 << 20];
        switch (rng.Next(12))
        {
            case 0:
                if (init.Dims.Count > 0) init.Dims[rng.Next(init.Dims.Count)] = odd[rng.Next(odd.Length)];
                return $"dims of {init.Name}";
            case 1: init.DataType = rng.Next(0, 20); return $"data_type of {init.Name} = {init.DataType}";
            case 2: init.DataLocation = TensorProto.Types.DataLocation.External; return $"{init.Name} external without entries";
            case 3: g.Initializer.Remove(init); return $"removed {init.Name}";
            case 4:
                if (node.Input.Count > 0) node.Input[rng.Next(node.Input.Count)] = g.Node[rng.Next(g.Node.Count)].Output[0];
                return $"rewired {node.Name}";
            case 5:
                var a = new AttributeProto { Name = new[] { "axis", "pads", "kernel_shape", "group", "alpha", "value" }[rng.Next(6)] };
                a.Type = (AttributeProto.Types.AttributeType)rng.Next(0, 16);
                if (rng.Next(2) == 0) a.F = 1.5f; else a.Ints.Add(2);
                node.Attribute.Add(a);
                return $"attribute {a.Name}:{a.Type} on {node.Name}";
            case 6: p.IrVersion = rng.Next(-2, 12); return $"ir_version {p.IrVersion}";
            case 7: p.OpsetImport[0].Version = rng.Next(0, 30); return $"opset {p.OpsetImport[0].Version}";
            case 8: node.OpType = new[] { "", "Resize", "HardSwish", "Erf", "Constant", "Mish" }[rng.Next(6)]; return $"op {node.OpType}";
            case 9:
                var t = new TensorProto { DataType = rng.Next(0, 17), Name = "c" };
                t.Dims.Add(odd[rng.Next(odd.Length)]);
                t.RawData = ByteString.CopyFrom(new byte[rng.Next(0, 16)]);
                node.OpType = "Constant"; node.Attribute.Clear();
                node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = t });
                return $"{node.Name} became a Constant";
            case 10: g.Output[0].Name = "nowhere"; return "dangling output";
            default:
                if (g.Input.Count > 0 && g.Input[0].Type?.TensorType?.Shape is { } shape && shape.Dim.Count > 0)
                    shape.Dim[0].DimValue = odd[rng.Next(odd.Length)];
                return "input dim";
        }
    }
}
