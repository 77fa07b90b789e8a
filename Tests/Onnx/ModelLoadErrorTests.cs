using Google.Protobuf;
using Vision.Models;
using Vision.Onnx;
using Vision.Onnx.Proto;

namespace Vision.Tests.Onnx;

/// <summary>Each kind of bad file gives a ModelLoadException that names the file and, where it applies, the node and field.</summary>
public class ModelLoadErrorTests
{
    private string _dir = "";

    [SetUp] public void SetUp() => _dir = OnnxTestData.TempDir();
    [TearDown] public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static ModelProto Valid(int opset = 13) => OnnxWriter.ToProto(OnnxTestModels.ConvReluGemm(opset));

    private string Write(ModelProto proto, string name = "m.onnx") => Write(proto.ToByteArray(), name);

    private string Write(byte[] bytes, string name = "m.onnx")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ModelLoadException Fails(string path) => Assert.Throws<ModelLoadException>(() => ModelLoader.Load(path))!;

    [Test]
    public void MissingFile()
    {
        var e = Fails(Path.Combine(_dir, "absent.onnx"));
        Assert.That(e.Message, Does.Contain("not found"));
        Assert.That(e.File, Does.EndWith("absent.onnx"));
    }

    [Test]
    public void OtherFormat_IsATypedNotSupportedError()
    {
        var e = Assert.Throws<UnsupportedModelFormatException>(() => ModelLoader.Load(Write([1, 2, 3], "m.pb")))!;
        Assert.That(e, Is.InstanceOf<ModelLoadException>());
        Assert.That(e.Message, Does.Contain(".onnx and .tflite"));
    }

    [Test]
    public void TfLite_Garbage_IsAModelLoadException()
    {
        var e = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(Write([1, 2, 3], "m.tflite")))!;
        Assert.That(e.Message, Does.Contain("TensorFlow Lite"));
    }

    [Test]
    public void Truncated()
    {
        byte[] bytes = Valid().ToByteArray();
        var e = Fails(Write(bytes[..(bytes.Length / 2)]));
        Assert.That(e.Message, Does.Contain("truncated").Or.Contain("initializer"));
    }

    [Test]
    public void Garbage() => Assert.That(Fails(Write(Enumerable.Range(0, 200).Select(i => (byte)(i * 37 + 11)).ToArray())).Message,
        Does.Contain("not a valid ONNX protobuf").Or.Contain("ir_version"));

    [Test]
    public void IrVersionBelow3()
    {
        var p = Valid();
        p.IrVersion = 2;
        Assert.That(Fails(Write(p)).Field, Is.EqualTo("ir_version"));
    }

    [TestCase(6)]
    [TestCase(26)]
    public void OpsetOutOfRange(int opset)
    {
        var p = Valid();
        p.OpsetImport[0].Version = opset;
        var e = Fails(Write(p));
        Assert.That(e.Field, Is.EqualTo("opset_import"));
        Assert.That(e.Message, Does.Contain($"op set {opset}"));
    }

    [Test]
    public void OpNotYetDefinedAtTheModelsOpset()
    {
        var p = Valid(11);
        p.Graph.Node.Add(new NodeProto { Name = "hs", OpType = "HardSwish", Input = { "y" }, Output = { "z" } });
        Assert.That(Fails(Write(p)).Message, Does.Contain("introduced in op set 14"));
    }

    [Test]
    public void TypesOnlyVersionIsAccepted()
    {
        // Relu-14 only added integer types; Conv-22 only bfloat16: a model at op set 22 still loads.
        var model = ModelLoader.Load(Write(Valid(22)));
        Assert.That(model.Nodes.Select(n => n.OpVersion), Is.EqualTo(new[] { 22, 14, 21, 13 }));
    }

    [Test]
    public void DanglingInput()
    {
        var p = Valid();
        p.Graph.Node[1].Input[0] = "nowhere";
        var e = Fails(Write(p));
        Assert.That(e.Node, Is.EqualTo("relu"));
        Assert.That(e.Field, Is.EqualTo("input[0] 'nowhere'"));
    }

    [Test]
    public void MissingInitializer()
    {
        var p = Valid();
        p.Graph.Initializer.Remove(p.Graph.Initializer.Single(t => t.Name == "W"));
        var e = Fails(Write(p));
        Assert.That(e.Node, Is.EqualTo("conv"));
        Assert.That(e.Field, Does.Contain("'W'"));
    }

    [Test]
    public void OutOfOrderButAcyclic_IsSorted()
    {
        var p = Valid();
        var reversed = p.Graph.Node.Reverse().ToArray();
        p.Graph.Node.Clear();
        p.Graph.Node.AddRange(reversed);
        var model = ModelLoader.Load(Write(p));
        Assert.That(model.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "conv", "relu", "flatten", "gemm" }));
    }

    [Test]
    public void Cycle_NamesANodeInIt()
    {
        var p = Valid();
        p.Graph.Node[1].Input[0] = "f"; // relu reads flatten's output, flatten reads relu's: relu -> flatten -> relu
        var e = Fails(Write(p));
        Assert.That(e.Node, Is.AnyOf("relu", "flatten"));
        Assert.That(e.Message, Does.Contain("cycle"));
    }

    [Test]
    public void WrongAttributeType()
    {
        var p = Valid();
        var axis = p.Graph.Node[2].Attribute.Single(a => a.Name == "axis");
        axis.ClearI();
        axis.Type = AttributeProto.Types.AttributeType.Float;
        axis.F = 1f;
        var e = Fails(Write(p));
        Assert.That(e.Node, Is.EqualTo("flatten"));
        Assert.That(e.Field, Is.EqualTo("attribute 'axis'"));
    }

    [Test]
    public void AttributeTypeDisagreesWithPayload()
    {
        var p = Valid();
        var group = p.Graph.Node[0].Attribute.Single(a => a.Name == "group");
        group.Type = AttributeProto.Types.AttributeType.Ints;
        Assert.That(Fails(Write(p)).Field, Is.EqualTo("attribute 'group'"));
    }

    [Test]
    public void AccessorWithWrongKind_Throws()
    {
        var model = ModelLoader.Load(Write(Valid()));
        var e = Assert.Throws<ModelLoadException>(() => model.Nodes[0].GetInt("pads", 0))!;
        Assert.That(e.Node, Is.EqualTo("conv"));
    }

    [Test]
    public void TensorDataSizeMismatch()
    {
        var p = Valid();
        var w = p.Graph.Initializer.Single(t => t.Name == "W");
        w.RawData = ByteString.CopyFrom(w.RawData.ToByteArray()[..^4]);
        var e = Fails(Write(p));
        Assert.That(e.Field, Is.EqualTo("initializer 'W'"));
        Assert.That(e.Message, Does.Contain("dims"));
    }

    [Test]
    public void TypedFieldCountMismatch()
    {
        var p = Valid();
        var b = p.Graph.Initializer.Single(t => t.Name == "B");
        b.ClearRawData();
        b.FloatData.Add([1f, 2f]);
        Assert.That(Fails(Write(p)).Message, Does.Contain("float_data"));
    }

    [Test]
    public void Float16AndDoubleAndInt32Initializers_AreConverted()
    {
        var p = Valid();
        var b = p.Graph.Initializer.Single(t => t.Name == "B");
        b.ClearRawData();
        b.DataType = (int)TensorProto.Types.DataType.Float16;
        b.Int32Data.Add([BitConverter.HalfToUInt16Bits((Half)1.5f), BitConverter.HalfToUInt16Bits((Half)(-2f)), 0]);
        var c = p.Graph.Initializer.Single(t => t.Name == "C");
        c.ClearRawData();
        c.DataType = (int)TensorProto.Types.DataType.Double;
        c.DoubleData.Add([0.25, 1, 2, 3]);
        p.Graph.Initializer.Add(new TensorProto { Name = "extra", DataType = (int)TensorProto.Types.DataType.Int32, Dims = { 2 }, Int32Data = { 7, -8 } });
        var m = ModelLoader.Load(Write(p));
        Assert.That(m.Initializers["B"].Data, Is.EqualTo(new[] { 1.5f, -2f, 0f }));
        Assert.That(m.Initializers["C"].Data, Is.EqualTo(new[] { 0.25f, 1f, 2f, 3f }));
        Assert.That(m.Initializers["extra"].Longs, Is.EqualTo(new long[] { 7, -8 }));
    }

    [Test]
    public void ConstantNodes_AreFoldedIntoInitializers()
    {
        var p = Valid();
        p.Graph.Node.Insert(0, new NodeProto
        {
            OpType = "Constant", Output = { "k" },
            Attribute = { new AttributeProto { Name = "value_ints", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 4, 5 } } },
        });
        p.Graph.Node.Insert(0, new NodeProto
        {
            OpType = "Constant", Output = { "z" },
            Attribute = { new AttributeProto { Name = "value_float", Type = AttributeProto.Types.AttributeType.Float, F = 0f } },
        });
        var m = ModelLoader.Load(Write(p));
        Assert.That(m.Nodes.Any(n => n.OpType == "Constant"), Is.False);
        Assert.That(m.Initializers["k"].Longs, Is.EqualTo(new long[] { 4, 5 }));
        Assert.That(m.Initializers["z"].Data, Is.EqualTo(new[] { 0f }));
        Assert.That(m.Initializers["z"].Shape, Is.Empty);
    }

    [Test]
    public void UnknownOp_LoadsAndIsListed()
    {
        var p = Valid();
        p.Graph.Node.Add(new NodeProto { Name = "e", OpType = "Erf", Input = { "y" }, Output = { "z" } });
        p.Graph.Node.Add(new NodeProto { OpType = "Custom", Domain = "com.example", Input = { "z" }, Output = { "w" } });
        var m = ModelLoader.Load(Write(p));
        var unsupported = m.UnsupportedOps();
        Assert.That(unsupported.Select(u => (u.OpType, u.Node)), Is.EqualTo(new[] { ("Erf", "e"), ("Custom", "Custom_5") }));
        Assert.That(unsupported[1].Reason, Does.Contain("com.example"));
    }

    [Test]
    public void ExternalData_InsideTheFolder_IsRead()
    {
        var p = Valid();
        var b = p.Graph.Initializer.Single(t => t.Name == "B");
        byte[] payload = b.RawData.ToByteArray();
        File.WriteAllBytes(Path.Combine(_dir, "weights.bin"), [9, 9, 9, 9, .. payload, 9]);
        MakeExternal(b, "weights.bin", offset: 4, length: payload.Length);
        var m = ModelLoader.Load(Write(p));
        Assert.That(m.Initializers["B"].Data, Has.Length.EqualTo(3));
    }

    [TestCase("/etc/passwd", "absolute")]
    [TestCase("../outside.bin", "outside")]
    [TestCase("sub/../../outside.bin", "outside")]
    public void ExternalData_EscapingTheFolder_IsRejected(string location, string expected)
    {
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(_dir)!, "outside.bin"), new byte[12]);
        var p = Valid();
        MakeExternal(p.Graph.Initializer.Single(t => t.Name == "B"), location, 0, 12);
        try
        {
            Assert.That(Fails(Write(p)).Message, Does.Contain(expected));
        }
        finally { File.Delete(Path.Combine(Path.GetDirectoryName(_dir)!, "outside.bin")); }
    }

    [Test]
    public void ExternalData_SymlinkEscapingTheFolder_IsRejected()
    {
        string outside = OnnxTestData.TempDir();
        try
        {
            File.WriteAllBytes(Path.Combine(outside, "secret.bin"), new byte[12]);
            File.CreateSymbolicLink(Path.Combine(_dir, "link.bin"), Path.Combine(outside, "secret.bin"));
            Directory.CreateSymbolicLink(Path.Combine(_dir, "linkdir"), outside);
            foreach (string location in new[] { "link.bin", "linkdir/secret.bin" })
            {
                var p = Valid();
                MakeExternal(p.Graph.Initializer.Single(t => t.Name == "B"), location, 0, 12);
                Assert.That(Fails(Write(p)).Message, Does.Contain("outside"), location);
            }
        }
        finally { Directory.Delete(outside, recursive: true); }
    }

    [Test]
    public void ExternalData_OffsetPastTheEnd_IsRejected()
    {
        File.WriteAllBytes(Path.Combine(_dir, "w.bin"), new byte[12]);
        var p = Valid();
        MakeExternal(p.Graph.Initializer.Single(t => t.Name == "B"), "w.bin", 8, 12);
        Assert.That(Fails(Write(p)).Message, Does.Contain("exceeds the size"));
    }

    private static void MakeExternal(TensorProto t, string location, long offset, long length)
    {
        t.ClearRawData();
        t.DataLocation = TensorProto.Types.DataLocation.External;
        t.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        t.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString() });
        t.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString() });
    }
}
