namespace Vision.Models;

/// <summary>
/// The op types Vision's backends are built to run, by their ONNX names (importers of other formats map onto these).
/// A model with other ops still loads; <see cref="Model.UnsupportedOps"/> lists them so tools can skip with the reason.
/// </summary>
public static class SupportedOps
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
        "BatchNormalization", "InstanceNormalization", "LRN",
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus",
        "Softsign", "Mish", "Clip", "Softmax", "LogSoftmax",
        "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Exp", "Neg", "Abs", "Max", "Min", "Sum", "Mean",
        "Concat", "Split", "Slice", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Expand", "Gather",
        "Shape", "ConstantOfShape", "Constant", "Identity", "Dropout", "Cast",
        "Gemm", "MatMul", "ReduceMean", "ArgMax", "Pad", "Resize", "Upsample", "DepthToSpace", "SpaceToDepth",
    };

    /// <summary>Domains whose ops Vision knows: the default one, spelled "" or "ai.onnx".</summary>
    public static bool IsDefaultDomain(string domain) => domain.Length == 0 || domain == "ai.onnx";

    public static bool Contains(string domain, string opType) => IsDefaultDomain(domain) && Names.Contains(opType);
}
