using Vision.Demo.Scenes;

namespace Vision.Demo;

/// <summary>Entry point for the ./vision verbs that run .NET code.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : "demo";
        if (verb == "demo")
        {
            DemoOptions options;
            try
            {
                options = DemoOptions.Parse(args.Skip(1).ToArray());
            }
            catch (DemoOptionsException e)
            {
                Console.Error.WriteLine($"vision demo: {e.Message}");
                return 2;
            }
            if (options.Scene == EngineSampleScene.Name) return EngineSampleScene.Run(options);
        }
        Console.Error.WriteLine($"vision {verb}: not implemented yet");
        return 2;
    }
}
