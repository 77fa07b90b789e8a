using Vision.Tensors;

namespace Vision.Tests.Harness;

/// <summary>
/// Reads one serialized ONNX TensorProto (the <c>input_k.pb</c> / <c>output_k.pb</c> files of the ONNX node tests):
/// dims, data type float32, int32 (read as float32) or int64, values in raw_data or in the typed repeated fields. Just enough protobuf wire
/// format for that; anything else throws.
/// </summary>
public static class OnnxTensorFile
{
    private const int Float = 1, Int32 = 6, Int64 = 7;

    public static Tensor Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var dims = new List<long>();
        var floats = new List<float>();
        var longs = new List<long>();
        var ints = new List<float>();
        byte[]? raw = null;
        long type = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            long key = Varint(bytes, ref i);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (field, wire)
            {
                case (1, 0): dims.Add(Varint(bytes, ref i)); break;
                case (1, 2): Packed(bytes, ref i, span => { int j = 0; while (j < span.Length) dims.Add(Varint(span, ref j)); }); break;
                case (2, 0): type = Varint(bytes, ref i); break;
                case (4, 5): floats.Add(BitConverter.ToSingle(bytes, i)); i += 4; break;
                case (4, 2): Packed(bytes, ref i, span => { for (int j = 0; j + 4 <= span.Length; j += 4) floats.Add(BitConverter.ToSingle(span, j)); }); break;
                case (5, 0): ints.Add((int)Varint(bytes, ref i)); break;
                case (5, 2): Packed(bytes, ref i, span => { int j = 0; while (j < span.Length) ints.Add((int)Varint(span, ref j)); }); break;
                case (7, 0): longs.Add(Varint(bytes, ref i)); break;
                case (7, 2): Packed(bytes, ref i, span => { int j = 0; while (j < span.Length) longs.Add(Varint(span, ref j)); }); break;
                case (9, 2): Packed(bytes, ref i, span => raw = span); break;
                default: Skip(bytes, ref i, wire); break;
            }
        }
        var shape = dims.Select(d => checked((int)d)).ToArray();
        if (type == Float)
        {
            var data = raw != null ? Enumerable.Range(0, raw.Length / 4).Select(k => BitConverter.ToSingle(raw, 4 * k)).ToArray() : floats.ToArray();
            return new Tensor(shape, data);
        }
        if (type == Int32)
        {
            var data = raw != null ? Enumerable.Range(0, raw.Length / 4).Select(k => (float)BitConverter.ToInt32(raw, 4 * k)).ToArray() : ints.ToArray();
            return new Tensor(shape, data);
        }
        if (type == Int64)
        {
            var data = raw != null ? Enumerable.Range(0, raw.Length / 8).Select(k => BitConverter.ToInt64(raw, 8 * k)).ToArray() : longs.ToArray();
            return new Tensor(shape, data);
        }
        throw new NotSupportedException($"{path}: ONNX data type {type} (only float32, int32 and int64 are read)");
    }

    private static long Varint(byte[] b, ref int i)
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte c = b[i++];
            result |= (ulong)(c & 0x7f) << shift;
            if (c < 0x80) return (long)result;
        }
    }

    private static void Packed(byte[] b, ref int i, Action<byte[]> use)
    {
        int n = (int)Varint(b, ref i);
        use(b[i..(i + n)]);
        i += n;
    }

    private static void Skip(byte[] b, ref int i, int wire)
    {
        switch (wire)
        {
            case 0: Varint(b, ref i); break;
            case 1: i += 8; break;
            case 2:
                int n = (int)Varint(b, ref i);  // not i += Varint(...): that would add to the i read before the call
                i += n;
                break;
            case 5: i += 4; break;
            default: throw new InvalidDataException($"protobuf wire type {wire}");
        }
    }
}
