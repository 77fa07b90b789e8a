namespace Vision.Ops;

/// <summary>Explicit, possibly asymmetric, spatial padding in elements.</summary>
public readonly record struct Pads(int Top, int Left, int Bottom, int Right)
{
    public static Pads Zero => default;

    public static Pads Uniform(int p) => new(p, p, p, p);

    /// <summary>"Valid": no padding, so the window never leaves the input.</summary>
    public static Pads Valid => default;

    /// <summary>
    /// "Same": with stride s, the output has ceil(input / s) elements. Total padding is split with the extra element
    /// at the end (ONNX SAME_UPPER, TensorFlow SAME) or, with <paramref name="lower"/>, at the beginning (SAME_LOWER).
    /// </summary>
    public static Pads Same(int inH, int inW, int kh, int kw, int sh = 1, int sw = 1, int dh = 1, int dw = 1, bool lower = false)
    {
        (int t, int b) = SameAxis(inH, kh, sh, dh, lower);
        (int l, int r) = SameAxis(inW, kw, sw, dw, lower);
        return new Pads(t, l, b, r);
    }

    /// <summary>"Full": every position where the window overlaps the input at all (k - 1 on each side).</summary>
    public static Pads Full(int kh, int kw, int dh = 1, int dw = 1) =>
        new((kh - 1) * dh, (kw - 1) * dw, (kh - 1) * dh, (kw - 1) * dw);

    private static (int Begin, int End) SameAxis(int input, int k, int s, int d, bool lower)
    {
        int output = (input + s - 1) / s;
        int total = Math.Max(0, (output - 1) * s + (k - 1) * d + 1 - input);
        int small = total / 2, big = total - small;
        return lower ? (big, small) : (small, big);
    }
}
