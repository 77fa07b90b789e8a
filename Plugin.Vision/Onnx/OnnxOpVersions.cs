namespace Vision.Onnx;

/// <summary>
/// For every op Vision supports, the op-set versions at which ONNX published a new definition (from the ONNX operator
/// changelog, opsets 1-25) and whether each is implemented. A node is resolved to the newest definition not newer than
/// the model's op set; it is accepted when the newest semantic change up to there is implemented, so a version that
/// only added element types (bfloat16, int4, float8...) never blocks a model.
/// </summary>
public static class OnnxOpVersions
{
    public const int MinOpset = 7;
    public const int MaxOpset = 25;

    private const OnnxOpChangeKind I = OnnxOpChangeKind.Implemented;
    private const OnnxOpChangeKind N = OnnxOpChangeKind.NotImplemented;
    private const OnnxOpChangeKind T = OnnxOpChangeKind.TypesOnly;

    // Types-only bumps shared by the shape/data-movement ops: 21 int4/uint4, 23 float4e2m1, 24 float8e8m0, 25 int2/uint2.
    private static readonly (int, OnnxOpChangeKind, string)[] LowBitTypes =
        [(21, T, "int4/uint4"), (23, T, "float4e2m1"), (24, T, "float8e8m0"), (25, T, "int2/uint2")];

    private static readonly Dictionary<string, OnnxOpChange[]> Table = new(StringComparer.Ordinal)
    {
        ["Conv"] = H((1, I, "first"), (11, I, "auto_pad/pads rules clarified, kernel_shape inferred from W"), (22, T, "bfloat16")),
        ["ConvTranspose"] = H((1, I, "first"), (11, I, "output_shape/pads rules clarified"), (22, T, "bfloat16")),
        ["MaxPool"] = H((1, I, "first"), (8, I, "Indices output, storage_order"), (10, I, "ceil_mode, dilations"),
            (11, I, "pads rules clarified"), (12, T, "int8/uint8"), (22, T, "bfloat16")),
        ["AveragePool"] = H((1, I, "first"), (7, I, "count_include_pad"), (10, I, "ceil_mode"), (11, I, "pads rules clarified"),
            (19, I, "dilations"), (22, T, "bfloat16")),
        ["GlobalAveragePool"] = H((1, I, "first"), (22, T, "bfloat16")),
        ["GlobalMaxPool"] = H((1, I, "first"), (22, T, "bfloat16")),
        ["BatchNormalization"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (7, I, "is_test removed"),
            (9, I, "spatial removed"), (14, I, "training_mode (inference path only)"), (15, T, "separate types for scale and mean")),
        ["InstanceNormalization"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (22, T, "bfloat16")),
        ["LRN"] = H((1, I, "first"), (13, T, "bfloat16")),
        ["Relu"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (13, T, "bfloat16"), (14, T, "signed integers")),
        ["LeakyRelu"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (16, T, "bfloat16")),
        ["PRelu"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (7, I, "unidirectional broadcasting of slope"),
            (9, T, "integers"), (16, T, "bfloat16")),
        ["Elu"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (22, T, "bfloat16")),
        ["Selu"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (22, T, "bfloat16")),
        ["Sigmoid"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (13, T, "bfloat16")),
        ["HardSigmoid"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (22, T, "bfloat16")),
        ["HardSwish"] = H((14, I, "first"), (22, T, "bfloat16")),
        ["Tanh"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (13, T, "bfloat16")),
        ["Softplus"] = H((1, I, "first"), (22, T, "bfloat16")),
        ["Softsign"] = H((1, I, "first"), (22, T, "bfloat16")),
        ["Mish"] = H((18, I, "first"), (22, T, "bfloat16")),
        ["Clip"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (11, I, "min/max become optional inputs"),
            (12, T, "integers"), (13, T, "bfloat16")),
        ["Softmax"] = H((1, I, "first: coerced to 2-D at axis"), (11, I, "negative axis"), (13, I, "single axis, default -1")),
        ["LogSoftmax"] = H((1, I, "first: coerced to 2-D at axis"), (11, I, "negative axis"), (13, I, "single axis, default -1")),
        ["Add"] = Binary(),
        ["Sub"] = Binary(),
        ["Mul"] = Binary(),
        ["Div"] = Binary(),
        ["Pow"] = H((1, I, "first"), (7, I, "multidirectional broadcasting"), (12, T, "exponent type independent"),
            (13, T, "bfloat16"), (15, T, "bfloat16 exponent")),
        ["Sqrt"] = Unary(),
        ["Exp"] = Unary(),
        ["Neg"] = Unary(),
        ["Abs"] = Unary(),
        ["Max"] = Variadic(12),
        ["Min"] = Variadic(12),
        ["Sum"] = Variadic(null),
        ["Mean"] = Variadic(null),
        ["Concat"] = H((1, I, "first"), (4, I, "axis required"), (11, I, "negative axis"), (13, T, "bfloat16")),
        ["Split"] = H((1, I, "first"), (2, I, "split as attribute"), (11, I, "negative axis"), (13, I, "split as input"),
            (18, I, "num_outputs")),
        ["Slice"] = H((1, I, "first: attributes"), (10, I, "starts/ends/axes/steps as inputs"), (11, I, "negative axes"),
            (13, T, "bfloat16")),
        ["Reshape"] = H([(1, I, "first: shape attribute"), (5, I, "shape as input"), (13, T, "bfloat16"), (14, I, "allowzero"),
            (19, T, "float8"), .. LowBitTypes]),
        ["Flatten"] = H([(1, I, "first"), (9, T, "all types"), (11, I, "negative axis"), (13, T, "bfloat16"), .. LowBitTypes]),
        ["Transpose"] = H([(1, I, "first"), (13, T, "bfloat16"), .. LowBitTypes]),
        ["Squeeze"] = H([(1, I, "first"), (11, I, "negative axes"), (13, I, "axes as input"), .. LowBitTypes]),
        ["Unsqueeze"] = H([(1, I, "first"), (11, I, "negative axes"), (13, I, "axes as input"), .. LowBitTypes]),
        ["Expand"] = H((8, I, "first"), (13, T, "bfloat16")),
        ["Gather"] = H((1, I, "first"), (11, I, "negative indices"), (13, T, "bfloat16")),
        ["Shape"] = H([(1, I, "first"), (13, T, "bfloat16"), (15, I, "start/end"), (19, T, "float8"), .. LowBitTypes]),
        ["ConstantOfShape"] = H([(9, I, "first"), (20, T, "bfloat16/float8"), .. LowBitTypes]),
        ["Constant"] = H([(1, I, "first: value"), (9, T, "all types"), (11, I, "sparse_value (rejected at load)"),
            (12, I, "value_float(s)/value_int(s)/value_string(s)"), (13, T, "bfloat16"), (19, T, "float8"), .. LowBitTypes]),
        ["Identity"] = H([(1, I, "first"), (13, T, "bfloat16"), (14, T, "sequences"), (16, T, "optionals"), (19, T, "float8"), .. LowBitTypes]),
        ["Dropout"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (7, I, "is_test removed"), (10, I, "mask is bool"),
            (12, I, "ratio and training_mode as inputs"), (13, T, "bfloat16"), (22, T, "bfloat16 ratio")),
        ["Cast"] = H([(1, I, "first: to as string"), (6, I, "to as int"), (9, T, "strings"), (13, T, "bfloat16"),
            (19, T, "float8 and saturate (float8 only)"), .. LowBitTypes]),
        ["Gemm"] = H((1, I, "first"), (6, I, "consumed_inputs removed"), (7, I, "unidirectional broadcasting of C"), (9, T, "integers"),
            (11, I, "C optional"), (13, T, "bfloat16")),
        ["MatMul"] = H((1, I, "first"), (9, T, "integers"), (13, T, "bfloat16")),
        ["ReduceMean"] = H((1, I, "first"), (11, I, "negative axes"), (13, T, "bfloat16"), (18, I, "axes as input, noop_with_empty_axes")),
        ["ArgMax"] = H((1, I, "first"), (11, I, "negative axis"), (12, I, "select_last_index"), (13, T, "bfloat16")),
        ["Pad"] = H([(1, I, "first: paddings attribute"), (2, I, "pads attribute"), (11, I, "pads and value as inputs"),
            (13, T, "bfloat16"), (18, I, "axes input"), (19, I, "wrap mode (a mode value: the compile step decides)"), .. LowBitTypes]),
        ["Resize"] = H((10, I, "first: nearest/linear, scales"), (11, I, "roi, sizes, coordinate_transformation_mode, cubic"),
            (13, I, "roi/scales may be empty"), (18, I, "antialias, axes, keep_aspect_ratio_policy (defaults run; others rejected at compile)"),
            (19, I, "half_pixel_symmetric (rejected at compile)")),
        ["Upsample"] = H((1, N, "experimental: width/height_scale"), (7, I, "scales attribute, any rank"), (9, I, "scales as input"),
            (10, I, "deprecated, same as 9")),
        ["DepthToSpace"] = H((1, I, "first: DCR"), (11, I, "mode DCR/CRD"), (13, T, "bfloat16")),
        ["SpaceToDepth"] = H((1, I, "first"), (13, T, "bfloat16")),
    };

    /// <summary>The op types this table knows; equal to <see cref="Models.SupportedOps.Names"/>.</summary>
    public static IEnumerable<string> OpTypes => Table.Keys;

    /// <summary>Every op-set version at which <paramref name="opType"/> got a new definition, oldest first.</summary>
    public static IReadOnlyList<int> Versions(string opType) => Table.TryGetValue(opType, out var h) ? h.Select(c => c.Version).ToArray() : [];

    /// <summary>The versions whose semantics Vision implements (types-only versions are accepted without being listed).</summary>
    public static IReadOnlyList<int> ImplementedVersions(string opType) =>
        Table.TryGetValue(opType, out var h) ? h.Where(c => c.Kind == I).Select(c => c.Version).ToArray() : [];

    /// <summary>The definition ("since version") that applies at <paramref name="opset"/>; null if the op does not exist there.</summary>
    public static int? SinceVersion(string opType, int opset)
    {
        if (!Table.TryGetValue(opType, out var h)) return null;
        OnnxOpChange? found = null;
        foreach (var c in h) if (c.Version <= opset) found = c;
        return found?.Version;
    }

    /// <summary>Null when Vision implements <paramref name="opType"/> as defined at <paramref name="opset"/>; otherwise why not.</summary>
    public static string? Rejection(string opType, int opset)
    {
        if (!Table.TryGetValue(opType, out var h)) return $"'{opType}' has no version table.";
        var defined = h.Where(c => c.Version <= opset).ToArray();
        if (defined.Length == 0)
            return $"{opType} does not exist in op set {opset}; it was introduced in op set {h[0].Version}. Raise the model's op set or replace the op.";
        var semantic = defined.Last(c => c.Kind != T);
        if (semantic.Kind == N)
        {
            string implemented = string.Join(", ", h.Where(c => c.Kind == I).Select(c => $"{opType}-{c.Version}"));
            return $"{opType}-{semantic.Version} ({semantic.Note}) is not implemented; Vision implements {implemented}. " +
                   $"Export the model at an op set where {opType} resolves to one of those.";
        }
        return null;
    }

    private static OnnxOpChange[] H(params (int Version, OnnxOpChangeKind Kind, string Note)[] rows) =>
        rows.Select(r => new OnnxOpChange(r.Version, r.Kind, r.Note)).ToArray();

    private static OnnxOpChange[] Binary() =>
        H((1, I, "first: limited broadcast attribute"), (6, I, "consumed_inputs removed"), (7, I, "multidirectional broadcasting"),
            (13, T, "bfloat16"), (14, T, "8/16-bit integers"));

    private static OnnxOpChange[] Unary() =>
        H((1, I, "first"), (6, I, "consumed_inputs removed"), (13, T, "bfloat16"));

    private static OnnxOpChange[] Variadic(int? integerTypesVersion) => integerTypesVersion is int v
        ? H((1, I, "first"), (6, I, "consumed_inputs removed"), (8, I, "multidirectional broadcasting"), (v, T, "integers"), (13, T, "bfloat16"))
        : H((1, I, "first"), (6, I, "consumed_inputs removed"), (8, I, "multidirectional broadcasting"), (13, T, "bfloat16"));
}
