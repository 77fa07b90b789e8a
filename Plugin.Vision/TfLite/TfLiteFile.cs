using Google.FlatBuffers;
using Vision.Models;

namespace Vision.TfLite;

/// <summary>
/// The parts of a .tflite file Vision reads, taken out of the FlatBuffer into plain records: operator codes, buffers
/// and the main subgraph (tensors, inputs, outputs, operators). Field ids follow TensorFlow Lite's public schema
/// (Model, OperatorCode, SubGraph, Tensor, Buffer, Operator); only the fields listed here are read.
/// </summary>
internal sealed class TfLiteFile
{
    /// <summary>The schema's file identifier, at bytes 4-7.</summary>
    public const string Identifier = "TFL3";

    public required int Version { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<TfLiteOperatorCode> OperatorCodes { get; init; }
    public required IReadOnlyList<TfLiteTensor> Tensors { get; init; }
    public required IReadOnlyList<int> Inputs { get; init; }
    public required IReadOnlyList<int> Outputs { get; init; }
    public required IReadOnlyList<TfLiteOperator> Operators { get; init; }
    public required int SubgraphCount { get; init; }

    private readonly byte[] _bytes;
    private readonly FlatTable[] _buffers;
    private readonly string _path;

    private TfLiteFile(byte[] bytes, FlatTable[] buffers, string path)
    {
        _bytes = bytes;
        _buffers = buffers;
        _path = path;
    }

    /// <summary>Reads the file's structure. Out-of-range offsets surface as <see cref="ArgumentOutOfRangeException"/> for the importer to report.</summary>
    public static TfLiteFile Read(byte[] bytes, string path)
    {
        if (bytes.Length < 8)
            throw new ModelLoadException(path, null, null, $"is {bytes.Length} bytes long, too short for a TensorFlow Lite model. The file is truncated; download or convert it again.");
        var bb = new ByteBuffer(bytes);
        if (!Table.__has_identifier(bb, Identifier))
            throw new ModelLoadException(path, null, "file identifier",
                $"is not '{Identifier}': this is not a TensorFlow Lite FlatBuffer (or its header is corrupted). Check the file, or convert the model again.");
        var model = FlatTable.Root(bb);
        var subgraphs = model.Tables(2);
        if (subgraphs.Length == 0)
            throw new ModelLoadException(path, null, "subgraphs", "is empty: the file holds no network. Convert the model again.");
        var main = subgraphs[0];

        var codes = model.Tables(1).Select(c =>
        {
            // Codes above 127 live in builtin_code (id 3); older files only have the 8-bit deprecated field (id 0).
            int deprecated = c.SByte(0);
            int builtin = Math.Max(deprecated, c.Int(3));
            return new TfLiteOperatorCode(builtin, c.String(1), c.Int(2, 1));
        }).ToList();

        var tensors = main.Tables(0).Select((t, i) =>
        {
            var quantization = t.Table(4);
            bool quantized = quantization is { } q && q.VectorLength(2, 4) > 0;
            return new TfLiteTensor(i, t.String(3) ?? "", t.Ints(0), (TfLiteTensorType)t.Byte(1), checked((int)t.UInt(2)), quantized);
        }).ToList();

        var operators = main.Tables(3).Select((o, i) => new TfLiteOperator(i, checked((int)o.UInt(0)), o.Ints(1), o.Ints(2), o.Byte(3),
            o.Table(4), o.Bytes(5))).ToList();

        return new TfLiteFile(bytes, model.Tables(4), path)
        {
            Version = model.Int(0),
            Description = model.String(3) ?? "",
            OperatorCodes = codes,
            Tensors = tensors,
            Inputs = main.Ints(1),
            Outputs = main.Ints(2),
            Operators = operators,
            SubgraphCount = subgraphs.Length,
        };
    }

    /// <summary>The bytes of a buffer: inline data, or a range after the FlatBuffer (files over 2 GB); empty when none.</summary>
    public ArraySegment<byte> Buffer(int index, TfLiteTensor tensor)
    {
        if (index == 0) return ArraySegment<byte>.Empty; // buffer 0 is the schema's "no data" sentinel
        if (index < 0 || index >= _buffers.Length)
            throw new ModelLoadException(_path, null, $"tensor {tensor}", $"refers to buffer {index}, but the file has {_buffers.Length} buffers. The file is corrupted.");
        var b = _buffers[index];
        var inline = b.Bytes(0);
        if (inline.Count > 0) return inline;
        ulong offset = b.ULong(1), size = b.ULong(2);
        if (offset <= 1) return ArraySegment<byte>.Empty; // 0 and 1 mean "no external data"
        if (offset > (ulong)_bytes.Length || size > (ulong)_bytes.Length - offset)
            throw new ModelLoadException(_path, null, $"tensor {tensor}",
                $"buffer {index} points at bytes {offset}..{offset + size}, past the end of the file ({_bytes.Length} bytes). The file is truncated; download it again.");
        return new ArraySegment<byte>(_bytes, (int)offset, (int)size);
    }
}
