namespace Vision.TfLite;

/// <summary>
/// Readers for the builtin options tables Vision translates. Field ids are the schema's declaration order of each
/// options table; a missing table gives the schema defaults.
/// </summary>
internal static class TfLiteOptions
{
    /// <summary>The BuiltinOptions union's type numbers for the tables read here (checked before reading).</summary>
    public const byte Conv2D = 1, DepthwiseConv2D = 2, Pool2D = 5, FullyConnected = 8, Softmax = 9, Concatenation = 10, Add = 11,
        ResizeBilinear = 15, Reshape = 17, Mul = 21, Pad = 22, Reducer = 27, Sub = 28, Div = 29;

    public readonly record struct Conv(byte Padding, int StrideW, int StrideH, byte Activation, int DilationW, int DilationH);

    /// <summary>Conv2DOptions: padding, stride_w, stride_h, fused_activation_function, dilation_w_factor, dilation_h_factor.</summary>
    public static Conv ReadConv(FlatTable? t) => t is not { } o ? new Conv(0, 1, 1, 0, 1, 1)
        : new Conv(o.Byte(0), o.Int(1), o.Int(2), o.Byte(3), o.Int(4, 1), o.Int(5, 1));

    public readonly record struct Depthwise(byte Padding, int StrideW, int StrideH, int Multiplier, byte Activation, int DilationW, int DilationH);

    /// <summary>DepthwiseConv2DOptions: padding, stride_w, stride_h, depth_multiplier, fused_activation_function, dilations.</summary>
    public static Depthwise ReadDepthwise(FlatTable? t) => t is not { } o ? new Depthwise(0, 1, 1, 1, 0, 1, 1)
        : new Depthwise(o.Byte(0), o.Int(1), o.Int(2), o.Int(3), o.Byte(4), o.Int(5, 1), o.Int(6, 1));

    public readonly record struct Pool(byte Padding, int StrideW, int StrideH, int FilterW, int FilterH, byte Activation);

    /// <summary>Pool2DOptions: padding, stride_w, stride_h, filter_width, filter_height, fused_activation_function.</summary>
    public static Pool ReadPool(FlatTable? t) => t is not { } o ? new Pool(0, 1, 1, 1, 1, 0)
        : new Pool(o.Byte(0), o.Int(1), o.Int(2), o.Int(3), o.Int(4), o.Byte(5));

    /// <summary>TransposeConvOptions: padding, stride_w, stride_h, fused_activation_function.</summary>
    public static Conv ReadTransposeConv(FlatTable? t) => t is not { } o ? new Conv(0, 1, 1, 0, 1, 1)
        : new Conv(o.Byte(0), o.Int(1), o.Int(2), o.Byte(3), 1, 1);

    /// <summary>The fused_activation_function of Add/Sub/Mul/Div options (field 0) and FullyConnected (field 0).</summary>
    public static byte ReadActivation(FlatTable? t) => t?.Byte(0) ?? 0;

    /// <summary>ConcatenationOptions: axis, fused_activation_function.</summary>
    public static (int Axis, byte Activation) ReadConcatenation(FlatTable? t) => t is not { } o ? (0, (byte)0) : (o.Int(0), o.Byte(1));

    /// <summary>ReshapeOptions: new_shape.</summary>
    public static int[] ReadReshape(FlatTable? t) => t?.Ints(0) ?? [];

    /// <summary>ResizeBilinearOptions: (new_height, new_width deprecated), align_corners, half_pixel_centers.</summary>
    public static (bool AlignCorners, bool HalfPixel) ReadResizeBilinear(FlatTable? t) => t is not { } o ? (false, false) : (o.Bool(2), o.Bool(3));

    /// <summary>ResizeNearestNeighborOptions: align_corners, half_pixel_centers.</summary>
    public static (bool AlignCorners, bool HalfPixel) ReadResizeNearest(FlatTable? t) => t is not { } o ? (false, false) : (o.Bool(0), o.Bool(1));

    /// <summary>ReducerOptions: keep_dims.</summary>
    public static bool ReadKeepDims(FlatTable? t) => t?.Bool(0) ?? false;

    /// <summary>SoftmaxOptions: beta.</summary>
    public static float ReadSoftmaxBeta(FlatTable? t) => t?.Float(0, 0f) ?? 1f;

    /// <summary>FullyConnectedOptions: fused_activation_function, weights_format, keep_num_dims.</summary>
    public static (byte Activation, byte WeightsFormat, bool KeepNumDims) ReadFullyConnected(FlatTable? t) =>
        t is not { } o ? ((byte)0, (byte)0, false) : (o.Byte(0), o.Byte(1), o.Bool(2));

    /// <summary>LeakyReluOptions: alpha.</summary>
    public static float ReadLeakyReluAlpha(FlatTable? t) => t?.Float(0, 0f) ?? 0f;
}
