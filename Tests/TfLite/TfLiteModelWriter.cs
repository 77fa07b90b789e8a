using System.Buffers.Binary;
using Google.FlatBuffers;

namespace Vision.Tests.TfLite;

/// <summary>
/// Writes small .tflite files for tests with the FlatBuffers builder, field by field (ids as in TensorFlow Lite's public
/// schema): one subgraph, tensors with optional constant data, builtin or custom operators with their options.
/// </summary>
internal sealed class TfLiteModelWriter
{
    public const byte Float32 = 0, Float16 = 1, Int32 = 2, UInt8 = 3, Int8 = 9;

    private sealed record TensorDef(string Name, int[] Shape, byte Type, byte[]? Data);

    private sealed record OpDef(int Code, int[] Inputs, int[] Outputs, byte OptionsType, (int Id, object Value)[] Options, byte[]? Custom);

    private readonly List<TensorDef> _tensors = [];
    private readonly List<OpDef> _ops = [];
    private readonly List<(int Builtin, string? Custom)> _codes = [];

    public int Tensor(string name, params int[] shape) => Add(new TensorDef(name, shape, Float32, null));

    public int Typed(string name, int[] shape, byte type, byte[]? data = null) => Add(new TensorDef(name, shape, type, data));

    public int Constant(string name, int[] shape, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return Add(new TensorDef(name, shape, Float32, bytes));
    }

    public int Fp16(string name, int[] shape, float[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), BitConverter.HalfToUInt16Bits((Half)values[i]));
        return Add(new TensorDef(name, shape, Float16, bytes));
    }

    public int Ints(string name, int[] shape, params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return Add(new TensorDef(name, shape, Int32, bytes));
    }

    /// <summary>A builtin operator; options are (field id, value) of its options table (int, byte, bool, float or int[]).</summary>
    public void Op(int builtin, int[] inputs, int[] outputs, byte optionsType = 0, params (int Id, object Value)[] options) =>
        _ops.Add(new OpDef(Code(builtin, null), inputs, outputs, optionsType, options, null));

    public void Custom(string name, int[] inputs, int[] outputs, byte[] customOptions) =>
        _ops.Add(new OpDef(Code(32, name), inputs, outputs, 0, [], customOptions));

    public byte[] Build(int[] inputs, int[] outputs)
    {
        var b = new FlatBufferBuilder(1024) { ForceDefaults = true };
        var bufferOf = new int[_tensors.Count];
        var buffers = new List<int> { Table(b, 1, () => { }) };
        for (int i = 0; i < _tensors.Count; i++)
        {
            if (_tensors[i].Data is not { } data) continue;
            int vector = Bytes(b, data);
            buffers.Add(Table(b, 1, () => b.AddOffset(0, vector, 0)));
            bufferOf[i] = buffers.Count - 1;
        }
        var tensors = _tensors.Select((t, i) =>
        {
            int name = b.CreateString(t.Name).Value, shape = IntVector(b, t.Shape);
            return Table(b, 4, () =>
            {
                b.AddOffset(0, shape, 0);
                b.AddByte(1, t.Type, 0);
                b.AddUint(2, (uint)bufferOf[i], 0);
                b.AddOffset(3, name, 0);
            });
        }).ToList();
        var ops = _ops.Select(o =>
        {
            int ins = IntVector(b, o.Inputs), outs = IntVector(b, o.Outputs);
            int options = o.Options.Length == 0 ? 0 : OptionsTable(b, o.Options);
            int custom = o.Custom == null ? 0 : Bytes(b, o.Custom);
            return Table(b, 6, () =>
            {
                b.AddUint(0, (uint)o.Code, 0);
                b.AddOffset(1, ins, 0);
                b.AddOffset(2, outs, 0);
                if (options != 0) { b.AddByte(3, o.OptionsType, 0); b.AddOffset(4, options, 0); }
                if (custom != 0) b.AddOffset(5, custom, 0);
            });
        }).ToList();
        var codes = _codes.Select(c =>
        {
            int custom = c.Custom == null ? 0 : b.CreateString(c.Custom).Value;
            return Table(b, 4, () =>
            {
                b.AddSbyte(0, (sbyte)Math.Min(c.Builtin, 127), 0);
                if (custom != 0) b.AddOffset(1, custom, 0);
                b.AddInt(2, 1, 1);
                b.AddInt(3, c.Builtin, 0);
            });
        }).ToList();
        int tensorVector = OffsetVector(b, tensors), opVector = OffsetVector(b, ops);
        int inputVector = IntVector(b, inputs), outputVector = IntVector(b, outputs);
        int subgraph = Table(b, 5, () =>
        {
            b.AddOffset(0, tensorVector, 0);
            b.AddOffset(1, inputVector, 0);
            b.AddOffset(2, outputVector, 0);
            b.AddOffset(3, opVector, 0);
        });
        int codeVector = OffsetVector(b, codes), subgraphVector = OffsetVector(b, [subgraph]), bufferVector = OffsetVector(b, buffers);
        int model = Table(b, 5, () =>
        {
            b.AddUint(0, 3, 0);
            b.AddOffset(1, codeVector, 0);
            b.AddOffset(2, subgraphVector, 0);
            b.AddOffset(4, bufferVector, 0);
        });
        b.Finish(model, "TFL3");
        return b.SizedByteArray();
    }

    private int Add(TensorDef t)
    {
        _tensors.Add(t);
        return _tensors.Count - 1;
    }

    private int Code(int builtin, string? custom)
    {
        int i = _codes.IndexOf((builtin, custom));
        if (i >= 0) return i;
        _codes.Add((builtin, custom));
        return _codes.Count - 1;
    }

    private static int Table(FlatBufferBuilder b, int fields, Action add)
    {
        b.StartTable(fields);
        add();
        return b.EndTable();
    }

    private static int OptionsTable(FlatBufferBuilder b, (int Id, object Value)[] options)
    {
        var vectors = options.Where(o => o.Value is int[]).ToDictionary(o => o.Id, o => IntVector(b, (int[])o.Value));
        return Table(b, options.Max(o => o.Id) + 1, () =>
        {
            foreach (var (id, value) in options)
                switch (value)
                {
                    case int i: b.AddInt(id, i, 0); break;
                    case byte v: b.AddByte(id, v, 0); break;
                    case bool v: b.AddBool(id, v, false); break;
                    case float f: b.AddFloat(id, f, 0); break;
                    case int[]: b.AddOffset(id, vectors[id], 0); break;
                    default: throw new ArgumentException($"option {id}: {value.GetType()}");
                }
        });
    }

    private static int IntVector(FlatBufferBuilder b, int[] values)
    {
        b.StartVector(4, values.Length, 4);
        for (int i = values.Length - 1; i >= 0; i--) b.AddInt(values[i]);
        return b.EndVector().Value;
    }

    private static int OffsetVector(FlatBufferBuilder b, List<int> offsets)
    {
        b.StartVector(4, offsets.Count, 4);
        for (int i = offsets.Count - 1; i >= 0; i--) b.AddOffset(offsets[i]);
        return b.EndVector().Value;
    }

    private static int Bytes(FlatBufferBuilder b, byte[] data)
    {
        b.StartVector(1, data.Length, 16);
        for (int i = data.Length - 1; i >= 0; i--) b.AddByte(data[i]);
        return b.EndVector().Value;
    }
}
