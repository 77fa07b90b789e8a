namespace Vision.Building;

/// <summary>
/// The receptive field of a value along one spatial axis, in input pixels: <see cref="Size"/> input pixels reach one
/// output element, neighbouring output elements are <see cref="Jump"/> input pixels apart, and the first element's
/// field is centred at <see cref="Start"/> (input pixel i spans [i, i+1), so the input itself has size 1, jump 1, start 0.5).
/// </summary>
public readonly record struct ReceptiveField(double Size, double Jump, double Start)
{
    public static ReceptiveField Input { get; } = new(1, 1, 0.5);

    /// <summary>Through a window of <paramref name="kernel"/> taps <paramref name="dilation"/> apart, stepping <paramref name="stride"/>, after <paramref name="padBegin"/> padding.</summary>
    public ReceptiveField Window(int kernel, int stride, int padBegin, int dilation)
    {
        int span = dilation * (kernel - 1) + 1;
        return new(Size + (span - 1) * Jump, Jump * stride, Start + ((span - 1) / 2.0 - padBegin) * Jump);
    }

    /// <summary>Through a transposed convolution: the grid gets <paramref name="stride"/> times finer.</summary>
    public ReceptiveField Transposed(int kernel, int stride, int padBegin, int dilation)
    {
        int span = dilation * (kernel - 1) + 1;
        int taps = (span + stride - 1) / stride;
        return new(Size + (taps - 1) * Jump, Jump / stride, Start + (padBegin - (span - 1) / 2.0) * Jump / stride);
    }

    /// <summary>Everything along an axis of <paramref name="length"/> elements reduced to one (global pooling, flatten).</summary>
    public ReceptiveField Whole(int length) => new(Size + (length - 1) * Jump, Jump * length, Start + (length - 1) * Jump / 2);

    /// <summary>Resampled by <paramref name="scale"/> (Resize, Upsample): the same field on a finer or coarser grid.</summary>
    public ReceptiveField Scaled(double scale) => new(Size, Jump / scale, Start);

    public override string ToString() => $"{Format(Size)}/{Format(Jump)}/{Format(Start)}";

    internal static string Format(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? ((long)Math.Round(v)).ToString() : v.ToString("0.###");
}
