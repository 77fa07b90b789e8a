using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// LeNet-5 (LeCun et al. 1998) on 28x28 digits, as d2l and most courses write it: conv 6@5x5 (padding 2), 2x2 pool,
    /// conv 16@5x5, 2x2 pool, fully connected 120, 84, 10: 61,706 parameters. ReLU and max pooling (the modern variant,
    /// which trains faster) unless <paramref name="classic"/> asks for the original's tanh and average pooling.
    /// </summary>
    public static Model LeNet5(ArchitectureOptions? options = null) => LeNet5(options, classic: false);

    public static Model LeNet5(ArchitectureOptions? options, bool classic)
    {
        var g = Start(options, "lenet5", out var x);
        Symbol Act(Symbol v) => classic ? g.Tanh(v) : g.Relu(v);
        Symbol Pool(Symbol v, string name) => classic ? g.AvgPool(v, 2, name: name) : g.MaxPool(v, 2, name: name);
        x = Pool(Act(g.Conv(x, 6, 5, padding: 2, name: "conv1")), "pool1");
        x = Pool(Act(g.Conv(x, 16, 5, name: "conv2")), "pool2");
        x = g.Flatten(x);
        x = Act(g.Linear(x, 120, name: "fc1"));
        x = Act(g.Linear(x, 84, name: "fc2"));
        return Finish(g, g.Linear(x, options?.Classes ?? 10, name: "fc3"), "lenet5");
    }

    /// <summary>AlexNet as torchvision has it (the one-tower "one weird trick" variant, no LRN): 61,100,840 parameters.</summary>
    public static Model AlexNet(ArchitectureOptions? options = null)
    {
        var g = Start(options, "alexnet", out var x);
        using (g.Scope("features"))
        {
            x = g.MaxPool(g.Relu(g.Conv(x, 64, 11, 4, 2, name: "0")), 3, 2);
            x = g.MaxPool(g.Relu(g.Conv(x, 192, 5, padding: 2, name: "3")), 3, 2);
            x = g.Relu(g.Conv(x, 384, 3, padding: 1, name: "6"));
            x = g.Relu(g.Conv(x, 256, 3, padding: 1, name: "8"));
            x = g.MaxPool(g.Relu(g.Conv(x, 256, 3, padding: 1, name: "10")), 3, 2);
        }
        x = g.Flatten(g.AdaptiveAvgPool(x, 6, 6));
        using (g.Scope("classifier"))
        {
            x = g.Relu(g.Linear(g.Dropout(x), 4096, name: "1"));
            x = g.Relu(g.Linear(g.Dropout(x), 4096, name: "4"));
            x = g.Linear(x, options?.Classes ?? 1000, name: "6");
        }
        return Finish(g, x, "alexnet");
    }

    /// <summary>
    /// VGG-11/16/19 (configurations A, D, E), optionally with batch norm after each convolution (torchvision keeps the
    /// convolution's bias then): 3x3 convolutions, 2x2 max pools, three fully connected layers.
    /// </summary>
    public static Model Vgg(int depth, bool batchNorm, ArchitectureOptions? options = null)
    {
        int[] config = depth switch
        {
            11 => [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
            13 => [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
            16 => [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0],
            19 => [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0],
            _ => throw new ArgumentException($"VGG depth {depth}: expected 11, 13, 16 or 19."),
        };
        string name = $"vgg{depth}{(batchNorm ? "_bn" : "")}";
        var g = Start(options, name, out var x);
        using (g.Scope("features"))
        {
            int index = 0;
            foreach (int channels in config)
            {
                if (channels == 0)
                {
                    x = g.MaxPool(x, 2, name: $"{index++}");
                    continue;
                }
                x = g.Conv(x, channels, 3, padding: 1, name: $"{index++}");
                if (batchNorm) x = g.BatchNorm(x, name: $"{index++}");
                x = g.Relu(x, name: $"{index++}");
            }
        }
        x = g.Flatten(g.AdaptiveAvgPool(x, 7, 7));
        using (g.Scope("classifier"))
        {
            x = g.Dropout(g.Relu(g.Linear(x, 4096, name: "0")));
            x = g.Dropout(g.Relu(g.Linear(x, 4096, name: "3")));
            x = g.Linear(x, options?.Classes ?? 1000, name: "6");
        }
        return Finish(g, x, name);
    }

    /// <summary>
    /// Network in Network (Lin et al. 2013) as d2l writes it: blocks of a k x k convolution and two 1x1 convolutions
    /// (the "mlpconv"), max pools between, the last block has one channel per class, then global average pooling.
    /// </summary>
    public static Model Nin(ArchitectureOptions? options = null)
    {
        var g = Start(options, "nin", out var x);
        Symbol Block(Symbol v, int channels, int kernel, int stride, int padding, string name)
        {
            using (g.Scope(name))
            {
                v = g.Relu(g.Conv(v, channels, kernel, stride, padding, name: "conv"));
                v = g.Relu(g.Conv1x1(v, channels, name: "mlp1"));
                return g.Relu(g.Conv1x1(v, channels, name: "mlp2"));
            }
        }
        x = g.MaxPool(Block(x, 96, 11, 4, 0, "block1"), 3, 2);
        x = g.MaxPool(Block(x, 256, 5, 1, 2, "block2"), 3, 2);
        x = g.MaxPool(Block(x, 384, 3, 1, 1, "block3"), 3, 2);
        x = Block(g.Dropout(x), options?.Classes ?? 1000, 3, 1, 1, "block4");
        return Finish(g, g.Flatten(g.GlobalAvgPool(x)), "nin");
    }
}
