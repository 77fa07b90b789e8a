namespace Vision.Tensors;

/// <summary>
/// A host tensor: a shape and its elements in row-major order (NCHW for images). Float32 is the compute type; Int64
/// exists because ONNX shape arithmetic (Shape, Gather, Concat, Reshape targets) is int64 and is folded on the host.
/// </summary>
public sealed class Tensor
{
    public int[] Shape { get; }
    public ElementType ElementType { get; }

    /// <summary>Float32 elements (empty for Int64 tensors).</summary>
    public float[] Data { get; }

    /// <summary>Int64 elements (empty for Float32 tensors).</summary>
    public long[] Longs { get; }

    public int Length => Shape.Length == 0 ? 1 : checked(Shape.Aggregate(1, (a, b) => a * b));
    public int Rank => Shape.Length;

    public Tensor(int[] shape, float[]? data = null)
    {
        Shape = CheckShape(shape);
        ElementType = ElementType.Float32;
        int n = ShapeLength(Shape);
        if (data != null && data.Length != n)
            throw new ArgumentException($"Tensor of shape {ShapeString(Shape)} needs {n} elements, got {data.Length}.", nameof(data));
        Data = data ?? new float[n];
        Longs = [];
    }

    public Tensor(int[] shape, long[] longs)
    {
        Shape = CheckShape(shape);
        ElementType = ElementType.Int64;
        int n = ShapeLength(Shape);
        if (longs.Length != n)
            throw new ArgumentException($"Tensor of shape {ShapeString(Shape)} needs {n} elements, got {longs.Length}.", nameof(longs));
        Data = [];
        Longs = longs;
    }

    /// <summary>Uniform random values in [min, max) from a fixed seed, so tests and tools are reproducible.</summary>
    public static Tensor Random(int[] shape, int seed, float min = -1f, float max = 1f)
    {
        var rng = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Data.Length; i++) t.Data[i] = min + (float)rng.NextDouble() * (max - min);
        return t;
    }

    public static Tensor FromRows(float[,] rows)
    {
        int h = rows.GetLength(0), w = rows.GetLength(1);
        var t = new Tensor([1, 1, h, w]);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                t.Data[y * w + x] = rows[y, x];
        return t;
    }

    public float this[params int[] index] => Data[Offset(index)];

    public int Offset(ReadOnlySpan<int> index)
    {
        if (index.Length != Shape.Length)
            throw new ArgumentException($"Index of rank {index.Length} into a tensor of rank {Shape.Length}.");
        int o = 0;
        for (int d = 0; d < Shape.Length; d++)
        {
            if ((uint)index[d] >= (uint)Shape[d])
                throw new IndexOutOfRangeException($"Index {index[d]} out of range for dimension {d} of shape {ShapeString(Shape)}.");
            o = o * Shape[d] + index[d];
        }
        return o;
    }

    public Tensor Reshape(params int[] shape)
    {
        if (ShapeLength(shape) != Length)
            throw new ArgumentException($"Cannot reshape {ShapeString(Shape)} to {ShapeString(shape)}.");
        return ElementType == ElementType.Float32 ? new Tensor(shape, Data) : new Tensor(shape, Longs);
    }

    public Tensor Clone() => ElementType == ElementType.Float32
        ? new Tensor((int[])Shape.Clone(), (float[])Data.Clone())
        : new Tensor((int[])Shape.Clone(), (long[])Longs.Clone());

    public static int ShapeLength(ReadOnlySpan<int> shape)
    {
        int n = 1;
        foreach (int d in shape) n = checked(n * d);
        return n;
    }

    public static string ShapeString(ReadOnlySpan<int> shape) => "[" + string.Join(",", shape.ToArray()) + "]";

    public override string ToString() => $"Tensor{ShapeString(Shape)} {ElementType}";

    private static int[] CheckShape(int[] shape)
    {
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"Negative dimension in shape {ShapeString(shape)}.", nameof(shape));
        return shape;
    }
}
