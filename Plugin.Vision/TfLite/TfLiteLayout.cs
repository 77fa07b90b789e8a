using Vision.Ops;
using Vision.Tensors;

namespace Vision.TfLite;

/// <summary>
/// Layout conversions between TensorFlow Lite (NHWC activations, OHWI filters) and the ONNX vocabulary Vision runs
/// (NCHW activations, OIHW filters), for host tensors and for axes.
/// </summary>
internal static class TfLiteLayout
{
    /// <summary>NHWC -> NCHW as a Transpose perm; NCHW -> NHWC is <see cref="ToNhwc"/>.</summary>
    public static readonly long[] ToNchw = [0, 3, 1, 2];
    public static readonly long[] ToNhwc = [0, 2, 3, 1];

    /// <summary>An NHWC axis (0..3) of a rank-4 tensor, as the NCHW axis it becomes.</summary>
    public static int Axis(int nhwcAxis) => nhwcAxis switch { 0 => 0, 1 => 2, 2 => 3, _ => 1 };

    /// <summary>An NHWC shape as NCHW.</summary>
    public static int[] Shape(int[] nhwc) => nhwc.Length == 4 ? [nhwc[0], nhwc[3], nhwc[1], nhwc[2]] : nhwc;

    /// <summary>
    /// True when a rank-4 tensor's elements are in the same order in NHWC and NCHW (one channel, or one pixel), so a
    /// reshape can skip the transposes.
    /// </summary>
    public static bool SameOrder(int[] nhwc) => nhwc.Length != 4 || nhwc[3] == 1 || nhwc[1] * nhwc[2] == 1;

    /// <summary>Moves the axes of a host tensor: output axis d is input axis perm[d].</summary>
    public static Tensor Permute(Tensor t, params int[] perm)
    {
        var s = t.Shape;
        if (perm.Length != s.Length) throw new ArgumentException($"perm of rank {perm.Length} for a tensor of rank {s.Length}");
        var outShape = perm.Select(p => s[p]).ToArray();
        var inStrides = Shapes.Strides(s);
        var outStrides = perm.Select(p => inStrides[p]).ToArray();
        int n = t.Length;
        var index = new int[s.Length];
        bool isFloat = t.ElementType == ElementType.Float32;
        var floats = isFloat ? new float[n] : [];
        var longs = isFloat ? [] : new long[n];
        for (int i = 0; i < n; i++)
        {
            int src = 0;
            for (int d = 0; d < index.Length; d++) src += index[d] * outStrides[d];
            if (isFloat) floats[i] = t.Data[src]; else longs[i] = t.Longs[src];
            for (int d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
        return isFloat ? new Tensor(outShape, floats) : new Tensor(outShape, longs);
    }
}
