using Vision.Building;
using Vision.Models;

namespace Vision.Architectures;

public static partial class Architecture
{
    /// <summary>
    /// SqueezeNet 1.0 and 1.1 (torchvision): Fire modules (1x1 squeeze, then 1x1 and 3x3 expands concatenated), max
    /// pools in ceil mode, and a 1x1 convolution classifier averaged over space. Version "1_0" or "1_1".
    /// </summary>
    public static Model SqueezeNet(string version, ArchitectureOptions? options = null)
    {
        string name = $"squeezenet{version}";
        var g = Start(options, name, out var x);
        using (g.Scope("features"))
        {
            if (version == "1_0")
            {
                x = g.MaxPool(g.Relu(g.Conv(x, 96, 7, 2, name: "0")), 3, 2, ceilMode: true, name: "2");
                x = Fire(g, x, "3", 16, 64, 64);
                x = Fire(g, x, "4", 16, 64, 64);
                x = Fire(g, x, "5", 32, 128, 128);
                x = g.MaxPool(x, 3, 2, ceilMode: true, name: "6");
                x = Fire(g, x, "7", 32, 128, 128);
                x = Fire(g, x, "8", 48, 192, 192);
                x = Fire(g, x, "9", 48, 192, 192);
                x = Fire(g, x, "10", 64, 256, 256);
                x = g.MaxPool(x, 3, 2, ceilMode: true, name: "11");
                x = Fire(g, x, "12", 64, 256, 256);
            }
            else if (version == "1_1")
            {
                x = g.MaxPool(g.Relu(g.Conv(x, 64, 3, 2, name: "0")), 3, 2, ceilMode: true, name: "2");
                x = Fire(g, x, "3", 16, 64, 64);
                x = Fire(g, x, "4", 16, 64, 64);
                x = g.MaxPool(x, 3, 2, ceilMode: true, name: "5");
                x = Fire(g, x, "6", 32, 128, 128);
                x = Fire(g, x, "7", 32, 128, 128);
                x = g.MaxPool(x, 3, 2, ceilMode: true, name: "8");
                x = Fire(g, x, "9", 48, 192, 192);
                x = Fire(g, x, "10", 48, 192, 192);
                x = Fire(g, x, "11", 64, 256, 256);
                x = Fire(g, x, "12", 64, 256, 256);
            }
            else throw new ArgumentException($"SqueezeNet version '{version}': expected 1_0 or 1_1.");
        }
        using (g.Scope("classifier"))
            x = g.Relu(g.Conv1x1(g.Dropout(x), options?.Classes ?? 1000, name: "1"));
        return Finish(g, g.Flatten(g.GlobalAvgPool(x)), name);
    }

    private static Symbol Fire(GraphBuilder g, Symbol x, string name, int squeeze, int expand1x1, int expand3x3)
    {
        using (g.Scope(name))
        {
            var s = g.Relu(g.Conv1x1(x, squeeze, name: "squeeze"));
            return g.Concat([g.Relu(g.Conv1x1(s, expand1x1, name: "expand1x1")), g.Relu(g.Conv(s, expand3x3, 3, padding: 1, name: "expand3x3"))]);
        }
    }
}
