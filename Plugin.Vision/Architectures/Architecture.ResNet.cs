using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// ResNet-18/34 (basic blocks) and ResNet-50 (bottlenecks, stride on the 3x3 as torchvision's v1.5), torchvision's
    /// layout and names: conv1, bn1, maxpool, layer1..4, avgpool, fc.
    /// </summary>
    public static Model ResNet(int depth, ArchitectureOptions? options = null)
    {
        (bool bottleneck, int[] blocks) = depth switch
        {
            18 => (false, new[] { 2, 2, 2, 2 }),
            34 => (false, new[] { 3, 4, 6, 3 }),
            50 => (true, new[] { 3, 4, 6, 3 }),
            101 => (true, new[] { 3, 4, 23, 3 }),
            152 => (true, new[] { 3, 8, 36, 3 }),
            _ => throw new ArgumentException($"ResNet depth {depth}: expected 18, 34, 50, 101 or 152."),
        };
        string name = $"resnet{depth}";
        var g = Start(options, name, out var x);
        x = g.Relu(g.BatchNorm(g.Conv(x, 64, 7, 2, 3, bias: false, name: "conv1"), name: "bn1"));
        x = g.MaxPool(x, 3, 2, 1, name: "maxpool");
        for (int stage = 0; stage < 4; stage++)
        {
            int planes = 64 << stage;
            using (g.Scope($"layer{stage + 1}"))
                for (int b = 0; b < blocks[stage]; b++)
                {
                    int stride = stage > 0 && b == 0 ? 2 : 1;
                    using (g.Scope($"{b}"))
                        x = bottleneck ? Bottleneck(g, x, planes, stride) : BasicBlock(g, x, planes, stride);
                }
        }
        x = g.Flatten(g.GlobalAvgPool(x, "avgpool"));
        return Finish(g, g.Linear(x, options?.Classes ?? 1000, name: "fc"), name);
    }

    private static Symbol BasicBlock(GraphBuilder g, Symbol x, int planes, int stride)
    {
        var y = g.Relu(g.BatchNorm(g.Conv(x, planes, 3, stride, 1, bias: false, name: "conv1"), name: "bn1"));
        y = g.BatchNorm(g.Conv(y, planes, 3, 1, 1, bias: false, name: "conv2"), name: "bn2");
        return g.Relu(g.Add(y, Shortcut(g, x, planes, stride)));
    }

    private static Symbol Bottleneck(GraphBuilder g, Symbol x, int planes, int stride)
    {
        var y = g.Relu(g.BatchNorm(g.Conv1x1(x, planes, bias: false, name: "conv1"), name: "bn1"));
        y = g.Relu(g.BatchNorm(g.Conv(y, planes, 3, stride, 1, bias: false, name: "conv2"), name: "bn2"));
        y = g.BatchNorm(g.Conv1x1(y, planes * 4, bias: false, name: "conv3"), name: "bn3");
        return g.Relu(g.Add(y, Shortcut(g, x, planes * 4, stride)));
    }

    /// <summary>The identity, or a strided 1x1 convolution + batch norm when the shape changes.</summary>
    private static Symbol Shortcut(GraphBuilder g, Symbol x, int channels, int stride) =>
        stride == 1 && x.Channels == channels
            ? x
            : g.BatchNorm(g.Conv1x1(x, channels, stride, bias: false, name: "downsample.0"), name: "downsample.1");
}
