using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// DenseNet-121 (growth rate 32, blocks 6-12-24-16, bottleneck width 4 x growth, compression 0.5), torchvision's
    /// layout: every dense layer is BN-ReLU-conv1x1-BN-ReLU-conv3x3 and its output is concatenated to its input.
    /// </summary>
    public static Model DenseNet121(ArchitectureOptions? options = null)
    {
        const int growth = 32, bottleneckWidth = 4;
        int[] blocks = [6, 12, 24, 16];
        var g = Start(options, "densenet121", out var x);
        using (g.Scope("features"))
        {
            x = g.Relu(g.BatchNorm(g.Conv(x, 64, 7, 2, 3, bias: false, name: "conv0"), name: "norm0"));
            x = g.MaxPool(x, 3, 2, 1, name: "pool0");
            for (int b = 0; b < blocks.Length; b++)
            {
                using (g.Scope($"denseblock{b + 1}"))
                    for (int l = 0; l < blocks[b]; l++)
                        using (g.Scope($"denselayer{l + 1}"))
                        {
                            var y = g.Conv1x1(g.Relu(g.BatchNorm(x, name: "norm1")), bottleneckWidth * growth, bias: false, name: "conv1");
                            y = g.Conv(g.Relu(g.BatchNorm(y, name: "norm2")), growth, 3, 1, 1, bias: false, name: "conv2");
                            x = g.Concat([x, y]);
                        }
                if (b == blocks.Length - 1) break;
                using (g.Scope($"transition{b + 1}"))
                {
                    x = g.Conv1x1(g.Relu(g.BatchNorm(x, name: "norm")), x.Channels / 2, bias: false, name: "conv");
                    x = g.AvgPool(x, 2, name: "pool");
                }
            }
            x = g.BatchNorm(x, name: "norm5");
        }
        x = g.Flatten(g.GlobalAvgPool(g.Relu(x)));
        return Finish(g, g.Linear(x, options?.Classes ?? 1000, name: "classifier"), "densenet121");
    }
}
