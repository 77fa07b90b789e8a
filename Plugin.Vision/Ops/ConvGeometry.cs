namespace Vision.Ops;

/// <summary>Output-size arithmetic shared by convolution and pooling.</summary>
public static class ConvGeometry
{
    /// <summary>
    /// floor((input + padBegin + padEnd - effectiveKernel) / stride) + 1, where effectiveKernel = (k - 1) * dilation + 1.
    /// With <paramref name="ceil"/>, the division rounds up, but a last window that would start in the end padding is
    /// dropped (the PyTorch and ONNX Runtime rule).
    /// </summary>
    public static int OutputSize(int input, int kernel, int stride, int padBegin, int padEnd, int dilation = 1, bool ceil = false)
    {
        if (kernel < 1 || stride < 1 || dilation < 1)
            throw new ShapeException($"kernel {kernel}, stride {stride} and dilation {dilation} must all be >= 1");
        int span = input + padBegin + padEnd - ((kernel - 1) * dilation + 1);
        if (span < 0)
            throw new ShapeException($"window of {kernel} (dilation {dilation}) is larger than the padded input {input}+{padBegin}+{padEnd}");
        int output = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (output - 1) * stride >= input + padBegin) output--;
        return output;
    }
}
