namespace Vision.Demo;

/// <summary>Entry point for the ./vision verbs that run .NET code.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : "demo";
        Console.Error.WriteLine($"vision {verb}: not implemented yet");
        return 2;
    }
}
