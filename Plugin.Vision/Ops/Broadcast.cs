using Vision.Tensors;

namespace Vision.Ops;

/// <summary>Numpy broadcasting: shapes align on the right; a dimension of 1 stretches to match.</summary>
public static class Broadcast
{
    public static int[] Shape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeException($"shapes {Tensor.ShapeString(a)} and {Tensor.ShapeString(b)} do not broadcast (dimension {i}: {da} vs {db})");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> seen through <paramref name="output"/>: 0 where it is broadcast.</summary>
    public static int[] Strides(int[] shape, int[] output)
    {
        var strides = new int[output.Length];
        int stride = 1;
        for (int i = output.Length - 1; i >= 0; i--)
        {
            int j = i - (output.Length - shape.Length);
            int dim = j >= 0 ? shape[j] : 1;
            strides[i] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
        return strides;
    }
}
