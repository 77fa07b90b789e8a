using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// GoogLeNet (Inception v1) as torchvision has it, without the auxiliary heads: every convolution is conv (no bias)
    /// + batch norm (eps 0.001) + ReLU, max pools use ceil mode, and, as in torchvision, the "5x5" branch of each
    /// Inception module uses a 3x3 kernel. 6,624,904 parameters.
    /// </summary>
    public static Model GoogLeNet(ArchitectureOptions? options = null)
    {
        var g = Start(options, "googlenet", out var x);
        x = BasicConv(g, x, 64, 7, 2, 3, "conv1");
        x = g.MaxPool(x, 3, 2, ceilMode: true, name: "maxpool1");
        x = BasicConv(g, x, 64, 1, 1, 0, "conv2");
        x = BasicConv(g, x, 192, 3, 1, 1, "conv3");
        x = g.MaxPool(x, 3, 2, ceilMode: true, name: "maxpool2");
        x = Inception(g, x, "inception3a", 64, 96, 128, 16, 32, 32);
        x = Inception(g, x, "inception3b", 128, 128, 192, 32, 96, 64);
        x = g.MaxPool(x, 3, 2, ceilMode: true, name: "maxpool3");
        x = Inception(g, x, "inception4a", 192, 96, 208, 16, 48, 64);
        x = Inception(g, x, "inception4b", 160, 112, 224, 24, 64, 64);
        x = Inception(g, x, "inception4c", 128, 128, 256, 24, 64, 64);
        x = Inception(g, x, "inception4d", 112, 144, 288, 32, 64, 64);
        x = Inception(g, x, "inception4e", 256, 160, 320, 32, 128, 128);
        x = g.MaxPool(x, 2, 2, ceilMode: true, name: "maxpool4");
        x = Inception(g, x, "inception5a", 256, 160, 320, 32, 128, 128);
        x = Inception(g, x, "inception5b", 384, 192, 384, 48, 128, 128);
        x = g.Dropout(g.Flatten(g.GlobalAvgPool(x)), 0.2f);
        return Finish(g, g.Linear(x, options?.Classes ?? 1000, name: "fc"), "googlenet");
    }

    private static Symbol BasicConv(GraphBuilder g, Symbol x, int channels, int kernel, int stride, int padding, string name)
    {
        using (g.Scope(name))
            return g.Relu(g.BatchNorm(g.Conv(x, channels, kernel, stride, padding, bias: false, name: "conv"), 1e-3f, name: "bn"));
    }

    private static Symbol Inception(GraphBuilder g, Symbol x, string name, int c1, int c3Reduce, int c3, int c5Reduce, int c5, int poolProj)
    {
        using (g.Scope(name))
            return g.Branches(x,
                v => BasicConv(g, v, c1, 1, 1, 0, "branch1"),
                v => BasicConv(g, BasicConv(g, v, c3Reduce, 1, 1, 0, "branch2.0"), c3, 3, 1, 1, "branch2.1"),
                v => BasicConv(g, BasicConv(g, v, c5Reduce, 1, 1, 0, "branch3.0"), c5, 3, 1, 1, "branch3.1"),
                v => BasicConv(g, g.MaxPool(v, 3, 1, 1, ceilMode: true, name: "branch4.0"), poolProj, 1, 1, 0, "branch4.1"));
    }
}
