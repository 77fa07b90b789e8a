using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

/// <summary>
/// The classic CNNs as one-liners, built layer for layer as their reference definitions (torchvision's where it has
/// the model, so parameter counts equal torchvision's): <c>Architecture.Create("resnet50")</c> or the typed methods.
/// Every network takes an <see cref="ArchitectureOptions"/> (input shape, classes, seed) and returns an untrained
/// <see cref="Model"/> with the input "input" and the output "output" (logits).
/// </summary>
public static partial class Architecture
{
    private static readonly Dictionary<string, Func<ArchitectureOptions?, Model>> Registry = new(StringComparer.Ordinal)
    {
        ["lenet5"] = LeNet5,
        ["alexnet"] = AlexNet,
        ["vgg11"] = o => Vgg(11, false, o),
        ["vgg11_bn"] = o => Vgg(11, true, o),
        ["vgg16"] = o => Vgg(16, false, o),
        ["vgg16_bn"] = o => Vgg(16, true, o),
        ["vgg19"] = o => Vgg(19, false, o),
        ["vgg19_bn"] = o => Vgg(19, true, o),
        ["nin"] = Nin,
        ["googlenet"] = GoogLeNet,
        ["resnet18"] = o => ResNet(18, o),
        ["resnet34"] = o => ResNet(34, o),
        ["resnet50"] = o => ResNet(50, o),
        ["densenet121"] = DenseNet121,
        ["squeezenet1_0"] = o => SqueezeNet("1_0", o),
        ["squeezenet1_1"] = o => SqueezeNet("1_1", o),
        ["mobilenet_v1"] = MobileNetV1,
        ["mobilenet_v2"] = MobileNetV2,
        ["shufflenet_v2_x1_0"] = ShuffleNetV2,
        ["unet"] = UNet,
    };

    /// <summary>Every name <see cref="Create"/> knows, torchvision's spelling where torchvision has the model.</summary>
    public static IReadOnlyList<string> Names => Registry.Keys.ToList();

    /// <summary>
    /// Parameter counts of torchvision's models (its published figures, 1000 classes, no auxiliary heads); the
    /// architectures torchvision does not have are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, long> TorchvisionParameterCounts { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["alexnet"] = 61_100_840,
        ["vgg11"] = 132_863_336,
        ["vgg11_bn"] = 132_868_840,
        ["vgg16"] = 138_357_544,
        ["vgg16_bn"] = 138_365_992,
        ["vgg19"] = 143_667_240,
        ["vgg19_bn"] = 143_678_248,
        ["googlenet"] = 6_624_904,
        ["resnet18"] = 11_689_512,
        ["resnet34"] = 21_797_672,
        ["resnet50"] = 25_557_032,
        ["densenet121"] = 7_978_856,
        ["squeezenet1_0"] = 1_248_424,
        ["squeezenet1_1"] = 1_235_496,
        ["mobilenet_v2"] = 3_504_872,
        ["shufflenet_v2_x1_0"] = 2_278_604,
    };

    /// <summary>The network called <paramref name="name"/> (see <see cref="Names"/>).</summary>
    public static Model Create(string name, ArchitectureOptions? options = null) =>
        Registry.TryGetValue(name.Trim().ToLowerInvariant(), out var create)
            ? create(options)
            : throw new ArgumentException($"unknown architecture '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>The input shape a network expects by default ([1,1,28,28] for LeNet-5, [1,3,224,224] for the ImageNet nets).</summary>
    public static int[] DefaultInputShape(string name) => name switch
    {
        "lenet5" => [1, 1, 28, 28],
        "unet" => [1, 3, 128, 128],
        _ => [1, 3, 224, 224],
    };

    /// <summary>Trainable parameters of a model: float initializers, except batch norm's running statistics and op constants.</summary>
    public static long ParameterCount(Model model) => ModelSummary.Parameters(model);

    private static GraphBuilder Start(ArchitectureOptions? o, string name, out Symbol input)
    {
        o ??= new ArchitectureOptions();
        var g = new GraphBuilder(o.Seed, o.InitializeWeights);
        input = g.Input("input", o.InputShape ?? DefaultInputShape(name));
        if (o.InputNormalization is { } n) input = g.Normalize(input, n.Mean, n.Std);
        return g;
    }

    private static Model Finish(GraphBuilder g, Symbol logits, string name)
    {
        g.Output(logits, "output");
        return g.Build($"Vision architectures: {name}");
    }
}
