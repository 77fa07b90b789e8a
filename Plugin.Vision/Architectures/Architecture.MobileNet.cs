using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// MobileNetV1 (Howard et al. 2017, width 1.0): a strided 3x3 convolution, then 13 depthwise separable convolutions
    /// (3x3 depthwise + BN + ReLU, 1x1 pointwise + BN + ReLU), global average pooling, one fully connected layer.
    /// </summary>
    public static Model MobileNetV1(ArchitectureOptions? options = null)
    {
        var g = Start(options, "mobilenet_v1", out var x);
        x = g.Relu(g.BatchNorm(g.Conv(x, 32, 3, 2, 1, bias: false, name: "conv1"), name: "bn1"));
        (int Channels, int Stride)[] layers =
        [
            (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
            (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
        ];
        for (int i = 0; i < layers.Length; i++)
            x = g.DepthwiseSeparableConv(x, layers[i].Channels, 3, layers[i].Stride, batchNorm: true, name: $"layers.{i}");
        x = g.Flatten(g.GlobalAvgPool(x));
        return Finish(g, g.Linear(x, options?.Classes ?? 1000, name: "fc"), "mobilenet_v1");
    }

    /// <summary>
    /// MobileNetV2 (torchvision, width 1.0): inverted residual blocks (1x1 expansion + BN + ReLU6, 3x3 depthwise + BN +
    /// ReLU6, linear 1x1 projection + BN; a residual add when stride 1 keeps the channels), a 1x1 to 1280, a classifier.
    /// </summary>
    public static Model MobileNetV2(ArchitectureOptions? options = null)
    {
        var g = Start(options, "mobilenet_v2", out var x);
        using (g.Scope("features"))
        {
            x = ConvBnRelu6(g, x, 32, 3, 2, 1, "0");
            (int Expand, int Channels, int Repeats, int Stride)[] settings =
                [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];
            int index = 1;
            foreach (var (t, c, n, s) in settings)
                for (int i = 0; i < n; i++)
                    using (g.Scope($"{index++}"))
                    {
                        int stride = i == 0 ? s : 1;
                        var y = x;
                        int hidden = x.Channels * t;
                        if (t != 1) y = ConvBnRelu6(g, y, hidden, 1, 1, 1, "conv.0");
                        y = ConvBnRelu6(g, y, hidden, 3, stride, hidden, t != 1 ? "conv.1" : "conv.0");
                        y = g.BatchNorm(g.Conv1x1(y, c, bias: false, name: t != 1 ? "conv.2" : "conv.1"), name: t != 1 ? "conv.3" : "conv.2");
                        x = stride == 1 && x.Channels == c ? g.Add(x, y) : y;
                    }
            x = ConvBnRelu6(g, x, 1280, 1, 1, 1, $"{index}");
        }
        x = g.Flatten(g.GlobalAvgPool(x));
        using (g.Scope("classifier"))
            x = g.Linear(g.Dropout(x, 0.2f), options?.Classes ?? 1000, name: "1");
        return Finish(g, x, "mobilenet_v2");
    }

    private static Symbol ConvBnRelu6(GraphBuilder g, Symbol x, int channels, int kernel, int stride, int groups, string name)
    {
        using (g.Scope(name))
            return g.Relu6(g.BatchNorm(g.Conv(x, channels, kernel, stride, (kernel - 1) / 2, 1, groups, bias: false, name: "0"), name: "1"));
    }
}
