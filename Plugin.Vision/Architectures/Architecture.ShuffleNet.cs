using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// ShuffleNetV2 x1.0 (torchvision): stages of 4, 8, 4 units with 116, 232, 464 channels. A stride-1 unit splits the
    /// channels in two, transforms one half (1x1, depthwise 3x3, 1x1) and concatenates; a stride-2 unit transforms the
    /// whole input on two branches. Each unit ends with a channel shuffle over two groups.
    /// </summary>
    public static Model ShuffleNetV2(ArchitectureOptions? options = null)
    {
        int[] repeats = [4, 8, 4];
        int[] channels = [24, 116, 232, 464, 1024];
        var g = Start(options, "shufflenet_v2_x1_0", out var x);
        using (g.Scope("conv1"))
            x = g.Relu(g.BatchNorm(g.Conv(x, channels[0], 3, 2, 1, bias: false, name: "0"), name: "1"));
        x = g.MaxPool(x, 3, 2, 1, name: "maxpool");
        for (int s = 0; s < repeats.Length; s++)
            using (g.Scope($"stage{s + 2}"))
                for (int i = 0; i < repeats[s]; i++)
                    using (g.Scope($"{i}"))
                        x = ShuffleUnit(g, x, channels[s + 1], i == 0 ? 2 : 1);
        using (g.Scope("conv5"))
            x = g.Relu(g.BatchNorm(g.Conv1x1(x, channels[4], bias: false, name: "0"), name: "1"));
        x = g.Flatten(g.GlobalAvgPool(x));
        return Finish(g, g.Linear(x, options?.Classes ?? 1000, name: "fc"), "shufflenet_v2_x1_0");
    }

    private static Symbol ShuffleUnit(GraphBuilder g, Symbol x, int outChannels, int stride)
    {
        int half = outChannels / 2;
        Symbol Branch2(Symbol v)
        {
            using (g.Scope("branch2"))
            {
                v = g.Relu(g.BatchNorm(g.Conv1x1(v, half, bias: false, name: "0"), name: "1"));
                v = g.BatchNorm(g.Conv(v, half, 3, stride, 1, 1, half, bias: false, name: "3"), name: "4");
                return g.Relu(g.BatchNorm(g.Conv1x1(v, half, bias: false, name: "5"), name: "6"));
            }
        }
        Symbol joined;
        if (stride == 1)
        {
            var parts = g.Split(x, 2);
            joined = g.Concat([parts[0], Branch2(parts[1])]);
        }
        else
        {
            Symbol b1;
            using (g.Scope("branch1"))
            {
                b1 = g.BatchNorm(g.Conv(x, x.Channels, 3, stride, 1, 1, x.Channels, bias: false, name: "0"), name: "1");
                b1 = g.Relu(g.BatchNorm(g.Conv1x1(b1, half, bias: false, name: "2"), name: "3"));
            }
            joined = g.Concat([b1, Branch2(x)]);
        }
        return g.ChannelShuffle(joined, 2);
    }
}
