using Vision.Backends;
using Vision.Demo.Scenes;
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
                "demo" => Demo(DemoOptions.Parse(rest)),
                "conformance" => Cli.ConformanceCommand.Run(rest),
                "models" => Cli.ModelsCommand.Run(rest),
                "verify" => Cli.VerifyCommand.Run(rest),
                "bench" => Cli.BenchCommand.Run(rest),
                "summary" => Cli.SummaryCommand.Run(rest),
                "train" => Cli.TrainCommand.Run(rest),
                _ => Unknown(verb),
            };
        }
        catch (DemoOptionsException e)
        {
            Console.Error.WriteLine($"vision {verb}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or ArgumentException or BackendUnavailableException or Compile.CompileException
                                       or Models.ModelLoadException or Kernels.KernelCompileException or ComputeException
                                       or Ops.ShapeException or Engine.Platform.GraphicsContextException
                                       or NotSupportedException or FormatException)
        {
            Console.Error.WriteLine($"vision {verb}: {e.Message}");
            return 1;
        }
    }

    private static int Demo(DemoOptions options)
    {
        if (options.Scene == EngineSampleScene.Name) return EngineSampleScene.Run(options);
        if (options.Scene != null) throw new ArgumentException($"unknown scene '{options.Scene}'; scenes: {EngineSampleScene.Name}");
        var backend = BackendFactory.Parse(options.Backend ?? "auto");
        return ConvolutionPreview.Run(options.Input, backend, options.Out ?? "out/demo");
    }

    private static int Unknown(string verb)
    {
        Console.Error.WriteLine($"vision {verb}: not available yet (see ./vision help).");
        return 2;
    }
}
