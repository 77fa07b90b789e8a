using Google.FlatBuffers;

namespace Vision.TfLite;

/// <summary>
/// One FlatBuffers table, read field by field id (the schema's declaration order; the vtable slot is 4 + 2 * id).
/// Every read is bounds-checked by <see cref="ByteBuffer"/> (out-of-range offsets throw
/// <see cref="ArgumentOutOfRangeException"/>); vector lengths are checked against the buffer before anything is
/// allocated, so a corrupted length cannot ask for gigabytes.
/// </summary>
internal readonly struct FlatTable
{
    private readonly Table _t;

    public FlatTable(int position, ByteBuffer buffer) => _t = new Table(position, buffer);

    /// <summary>The root table of a buffer (its first 4 bytes are the offset of the root).</summary>
    public static FlatTable Root(ByteBuffer buffer) => new(buffer.GetInt(buffer.Position) + buffer.Position, buffer);

    public ByteBuffer Buffer => _t.bb;

    private int Field(int id) => _t.__offset(4 + 2 * id);

    public bool Has(int id) => Field(id) != 0;

    public int Int(int id, int fallback = 0)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.GetInt(_t.bb_pos + o);
    }

    public uint UInt(int id, uint fallback = 0)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.GetUint(_t.bb_pos + o);
    }

    public ulong ULong(int id, ulong fallback = 0)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.GetUlong(_t.bb_pos + o);
    }

    public byte Byte(int id, byte fallback = 0)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.Get(_t.bb_pos + o);
    }

    public sbyte SByte(int id, sbyte fallback = 0)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.GetSbyte(_t.bb_pos + o);
    }

    public bool Bool(int id, bool fallback = false)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.Get(_t.bb_pos + o) != 0;
    }

    public float Float(int id, float fallback = 0f)
    {
        int o = Field(id);
        return o == 0 ? fallback : _t.bb.GetFloat(_t.bb_pos + o);
    }

    public string? String(int id)
    {
        int o = Field(id);
        if (o == 0) return null;
        int start = _t.bb_pos + o;
        start += _t.bb.GetInt(start);
        int length = _t.bb.GetInt(start);
        CheckSpan(start + 4, length, 1);
        return _t.__string(_t.bb_pos + o);
    }

    public FlatTable? Table(int id)
    {
        int o = Field(id);
        return o == 0 ? null : new FlatTable(_t.__indirect(_t.bb_pos + o), _t.bb);
    }

    /// <summary>Number of elements of a vector field (0 when absent), checked to fit in the buffer.</summary>
    public int VectorLength(int id, int elementSize)
    {
        int o = Field(id);
        if (o == 0) return 0;
        int length = _t.__vector_len(o);
        CheckSpan(_t.__vector(o), length, elementSize);
        return length;
    }

    /// <summary>Byte position of a vector field's first element (valid only when <see cref="VectorLength"/> is above 0).</summary>
    private int VectorStart(int id) => _t.__vector(Field(id));

    public int[] Ints(int id)
    {
        int n = VectorLength(id, 4);
        if (n == 0) return [];
        int start = VectorStart(id);
        var values = new int[n];
        for (int i = 0; i < n; i++) values[i] = _t.bb.GetInt(start + 4 * i);
        return values;
    }

    /// <summary>The bytes of a [ubyte] vector, as a slice of the file (nothing copied).</summary>
    public ArraySegment<byte> Bytes(int id)
    {
        int n = VectorLength(id, 1);
        if (n == 0) return ArraySegment<byte>.Empty;
        int start = VectorStart(id);
        return _t.bb.ToArraySegment(start, n);
    }

    /// <summary>The tables of a [Table] vector.</summary>
    public FlatTable[] Tables(int id)
    {
        int n = VectorLength(id, 4);
        if (n == 0) return [];
        int start = VectorStart(id);
        var tables = new FlatTable[n];
        for (int i = 0; i < n; i++) tables[i] = new FlatTable(_t.__indirect(start + 4 * i), _t.bb);
        return tables;
    }

    private void CheckSpan(int start, int count, int elementSize)
    {
        if (count < 0 || start < 0 || (long)count * elementSize > _t.bb.Length - (long)start)
            throw new ArgumentOutOfRangeException(nameof(count), $"a vector of {count} elements at byte {start} runs past the end of the buffer ({_t.bb.Length} bytes)");
    }
}
