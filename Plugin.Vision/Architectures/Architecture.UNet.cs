using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// A U-Net-style segmentation network (after Ronneberger et al. 2015): an encoder of double 3x3 conv + BN + ReLU
    /// levels halved by max pooling (widths w, 2w, 4w, 8w), a bottleneck of dilated 3x3 convolutions (dilation 2 then 4)
    /// that widens the context without losing resolution, and a decoder that upsamples with 2x2 stride-2 transposed
    /// convolutions, concatenates the encoder's skip connection and applies a double conv; a 1x1 convolution gives
    /// per-pixel class scores at the input resolution. Width defaults to 16, classes to 2; H and W must divide by 8.
    /// </summary>
    public static Model UNet(ArchitectureOptions? options = null)
    {
        int width = options?.Width ?? 16;
        var g = Start(options, "unet", out var x);
        if (x.Height % 8 != 0 || x.Width % 8 != 0) throw new ArgumentException($"unet: input {x} must have H and W divisible by 8.");
        var skips = new List<Symbol>();
        for (int level = 0; level < 3; level++)
        {
            x = DoubleConv(g, x, width << level, $"down{level + 1}", 1);
            skips.Add(x);
            x = g.MaxPool(x, 2, name: $"pool{level + 1}");
        }
        using (g.Scope("bottleneck"))
        {
            x = g.Relu(g.BatchNorm(g.Conv(x, width * 8, 3, padding: 2, dilation: 2, bias: false, name: "conv1"), name: "bn1"));
            x = g.Relu(g.BatchNorm(g.Conv(x, width * 8, 3, padding: 4, dilation: 4, bias: false, name: "conv2"), name: "bn2"));
        }
        for (int level = 2; level >= 0; level--)
        {
            x = g.ConvTranspose(x, width << level, 2, 2, name: $"up{level + 1}");
            x = DoubleConv(g, g.Concat([skips[level], x]), width << level, $"dec{level + 1}", 1);
        }
        return Finish(g, g.Conv1x1(x, options?.Classes ?? 2, name: "head"), "unet");
    }

    private static Symbol DoubleConv(GraphBuilder g, Symbol x, int channels, string name, int dilation)
    {
        using (g.Scope(name))
        {
            x = g.Relu(g.BatchNorm(g.Conv(x, channels, 3, padding: dilation, dilation: dilation, bias: false, name: "conv1"), name: "bn1"));
            return g.Relu(g.BatchNorm(g.Conv(x, channels, 3, padding: dilation, dilation: dilation, bias: false, name: "conv2"), name: "bn2"));
        }
    }
}
