using System.Buffers.Binary;
using Vision.Models;
using Vision.Onnx.Proto;
using Vision.Tensors;

namespace Vision.Onnx;

/// <summary>
/// TensorProto to <see cref="Tensor"/> and back. Floating types become float32 (float16, bfloat16 and double are
/// converted); integer and bool types become int64, the type ONNX shape arithmetic and indices use.
/// Elements come from raw_data (always little-endian) or from the typed repeated fields.
/// </summary>
internal static class OnnxTensors
{
    /// <param name="baseDir">Folder that external data must stay inside; null forbids external data.</param>
    public static Tensor ToTensor(TensorProto t, string file, string field, string? baseDir)
    {
        int[] shape = Shape(t, file, field);
        int n = Tensor.ShapeLength(shape);
        var type = (DataType)t.DataType;
        byte[]? raw = null;
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            if (baseDir == null)
                throw new ModelLoadException(file, null, field, "uses external data, which is not allowed here. Embed the data in the file.");
            raw = OnnxExternalData.Read(t, baseDir, file, t.Name);
        }
        else if (t.HasRawData)
            raw = t.RawData.ToByteArray();

        switch (type)
        {
            case DataType.Float32:
                return new Tensor(shape, raw != null ? FromRaw(raw, 4, n, file, field, (b, i) => BinaryPrimitives.ReadSingleLittleEndian(b[(i * 4)..]))
                    : Check(t.FloatData.ToArray(), n, "float_data", file, field));
            case DataType.Float64:
                return new Tensor(shape, raw != null ? FromRaw(raw, 8, n, file, field, (b, i) => (float)BinaryPrimitives.ReadDoubleLittleEndian(b[(i * 8)..]))
                    : Check(t.DoubleData.Select(d => (float)d).ToArray(), n, "double_data", file, field));
            case DataType.Float16:
                return new Tensor(shape, raw != null ? FromRaw(raw, 2, n, file, field, (b, i) => (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..])))
                    : Check(t.Int32Data.Select(v => (float)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray(), n, "int32_data", file, field));
            case DataType.BFloat16:
                return new Tensor(shape, raw != null ? FromRaw(raw, 2, n, file, field, (b, i) => BFloat(BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..])))
                    : Check(t.Int32Data.Select(v => BFloat((ushort)v)).ToArray(), n, "int32_data", file, field));
            case DataType.Int64:
                return new Tensor(shape, raw != null ? FromRaw(raw, 8, n, file, field, (b, i) => BinaryPrimitives.ReadInt64LittleEndian(b[(i * 8)..]))
                    : Check(t.Int64Data.ToArray(), n, "int64_data", file, field));
            case DataType.Int32:
                return Ints(shape, raw, 4, n, t, file, field, (b, i) => BinaryPrimitives.ReadInt32LittleEndian(b[(i * 4)..]));
            case DataType.Int16:
                return Ints(shape, raw, 2, n, t, file, field, (b, i) => BinaryPrimitives.ReadInt16LittleEndian(b[(i * 2)..]));
            case DataType.UInt16:
                return Ints(shape, raw, 2, n, t, file, field, (b, i) => BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..]));
            case DataType.Int8:
                return Ints(shape, raw, 1, n, t, file, field, (b, i) => (sbyte)b[i]);
            case DataType.UInt8:
                return Ints(shape, raw, 1, n, t, file, field, (b, i) => b[i]);
            case DataType.Bool:
                return Ints(shape, raw, 1, n, t, file, field, (b, i) => b[i] != 0 ? 1 : 0);
            case DataType.UInt32:
                return new Tensor(shape, raw != null ? FromRaw(raw, 4, n, file, field, (b, i) => (long)BinaryPrimitives.ReadUInt32LittleEndian(b[(i * 4)..]))
                    : Check(t.Uint64Data.Select(v => (long)v).ToArray(), n, "uint64_data", file, field));
            case DataType.UInt64:
                long[] longs = raw != null ? FromRaw(raw, 8, n, file, field, (b, i) => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(b[(i * 8)..])))
                    : Check(t.Uint64Data.Select(v => unchecked((long)v)).ToArray(), n, "uint64_data", file, field);
                if (longs.Any(v => v < 0))
                    throw new ModelLoadException(file, null, field, "holds uint64 values above 2^63-1, which Vision cannot represent.");
                return new Tensor(shape, longs);
            default:
                throw new ModelLoadException(file, null, field,
                    $"has data_type {t.DataType} ({type}), which Vision does not read. Use float32/16, double or an integer type.");
        }
    }

    /// <summary>A float32 tensor as raw little-endian FLOAT, an int64 one as INT64.</summary>
    public static TensorProto FromTensor(string name, Tensor tensor)
    {
        var t = new TensorProto { Name = name };
        t.Dims.AddRange(tensor.Shape.Select(d => (long)d));
        byte[] raw;
        if (tensor.ElementType == ElementType.Float32)
        {
            t.DataType = (int)DataType.Float32;
            raw = new byte[tensor.Data.Length * 4];
            for (int i = 0; i < tensor.Data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), tensor.Data[i]);
        }
        else
        {
            t.DataType = (int)DataType.Int64;
            raw = new byte[tensor.Longs.Length * 8];
            for (int i = 0; i < tensor.Longs.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), tensor.Longs[i]);
        }
        t.RawData = Google.Protobuf.ByteString.CopyFrom(raw);
        return t;
    }

    private static int[] Shape(TensorProto t, string file, string field)
    {
        var shape = new int[t.Dims.Count];
        long n = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            long d = t.Dims[i];
            if (d < 0 || d > int.MaxValue)
                throw new ModelLoadException(file, null, field, $"dims[{i}] = {d} is not a valid size. The tensor is corrupted.");
            n *= d == 0 ? 1 : d;
            if (n > Array.MaxLength)
                throw new ModelLoadException(file, null, field, $"dims [{string.Join(",", t.Dims)}] hold more elements than one tensor can.");
            shape[i] = (int)d;
        }
        return shape;
    }

    private static float BFloat(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    private delegate T Element<out T>(ReadOnlySpan<byte> bytes, int index);

    private static T[] FromRaw<T>(byte[] raw, int size, int n, string file, string field, Element<T> read)
    {
        if (raw.LongLength != (long)n * size)
            throw new ModelLoadException(file, null, field,
                $"has {raw.Length} data bytes but its dims need {n} elements of {size} bytes ({(long)n * size}). The tensor is truncated or its dims are wrong.");
        var values = new T[n];
        for (int i = 0; i < n; i++) values[i] = read(raw, i);
        return values;
    }

    private static T[] Check<T>(T[] values, int n, string source, string file, string field) => values.Length == n
        ? values
        : throw new ModelLoadException(file, null, field,
            $"has {values.Length} elements in {source} but its dims need {n}. The tensor is truncated or its dims are wrong.");

    private static Tensor Ints(int[] shape, byte[]? raw, int size, int n, TensorProto t, string file, string field, Element<long> read) =>
        new(shape, raw != null ? FromRaw(raw, size, n, file, field, read) : Check(t.Int32Data.Select(v => (long)v).ToArray(), n, "int32_data", file, field));
}
