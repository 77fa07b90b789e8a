using Vision.Backends;
using Vision.Demo.Tasks;

namespace Vision.Demo;

/// <summary>Entry point for the ./vision verbs that run .NET code.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : "demo";
        var rest = args.Skip(1).ToArray();
        try
        {
            return verb switch
            {
                "demo" => Demo(rest),
                "conformance" => Cli.ConformanceCommand.Run(rest),
                "models" => Cli.ModelsCommand.Run(rest),
                _ => Unknown(verb),
            };
        }
        catch (Exception e) when (e is IOException or ArgumentException or BackendUnavailableException)
        {
            Console.Error.WriteLine($"vision {verb}: {e.Message}");
            return 1;
        }
    }

    private static int Demo(string[] args)
    {
        string? input = Option(args, "--input");
        var backend = BackendFactory.Parse(Option(args, "--backend") ?? "auto");
        string outDir = Option(args, "--out") ?? "out/demo";
        return ConvolutionPreview.Run(input, backend, outDir);
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0) return null;
        if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value.");
        return args[i + 1];
    }

    private static int Unknown(string verb)
    {
        Console.Error.WriteLine($"vision {verb}: not available yet (see ./vision help).");
        return 2;
    }
}
