using System.Diagnostics;

namespace Vision.Tests.Components;

/// <summary>
/// Vision.Plugin as a NuGet package: packed (with Vision.Engine, its dependency) into a local folder feed, referenced by
/// a throwaway project that adds the components to a scene in code and runs a few headless frames.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private const string Program = """
        using Vision.Components;
        using Vision.Engine.Core;

        using var app = new Application(new ApplicationOptions { Headless = true, Width = 320, Height = 240, MaxFrames = 300 });
        var cam = app.Scene.CreateObject("Input").AddComponent<CameraSource>();
        cam.InputPath = args[0];
        cam.DrawOnScreen = true;
        var net = app.Scene.CreateObject("Network");
        var nn = net.AddComponent<NeuralNetwork>();
        nn.ModelPath = args[1];
        nn.Backend = "gl";
        nn.ColorOrder = ColorOrder.Gray;
        nn.Range = 255;
        nn.AutoFeatureLayers = 2;
        var classifier = net.AddComponent<Classifier>();
        net.AddComponent<FeatureMapOverlay>();
        app.Scene.CreateObject("HUD").AddComponent<StatsHud>();
        app.FrameRendered += a => { if (classifier.Version > 0) a.Quit(); };
        app.Run();
        Console.WriteLine($"frames={app.Stats.Count} label={classifier.BestLabel} errors={app.Scene.ErrorCount}");
        return classifier.Version > 0 && app.Scene.ErrorCount == 0 ? 0 : 1;
        """;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <NoWarn>NU1603</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Vision.Plugin" Version="0.1.0" />
          </ItemGroup>
        </Project>
        """;

    [Test, CancelAfter(600_000)]
    public void AThrowawayProjectReferencingOnlyThePackageRunsTheComponents()
    {
        string model = SharedModels.File("mnist-8.onnx");
        string image = SharedModels.File("images/digit_four.jpg");
        string repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
        string work = Path.Combine(Path.GetTempPath(), "vision-package-" + Guid.NewGuid().ToString("N"));
        string feed = Path.Combine(work, "feed"), app = Path.Combine(work, "app");
        Directory.CreateDirectory(app);
        try
        {
            foreach (var project in new[] { "Engine/Engine.csproj", "Plugin.Vision/Plugin.Vision.csproj" })
                Dotnet(repo, $"pack {Path.Combine(repo, project)} -c Release --no-build -o {feed} -nologo -v quiet");
            Assert.That(File.Exists(Path.Combine(feed, "Vision.Plugin.0.1.0.nupkg")));
            File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
            File.WriteAllText(Path.Combine(app, "app.csproj"), Project);
            // The local feed for Vision.*, the machine's package cache for the rest; a private packages folder so the
            // throwaway 0.1.0 never lands in the global cache.
            string home = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(app, "NuGet.Config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" /></config>
                  <packageSources><clear /><add key="local" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
                  <fallbackPackageFolders><add key="machine" value="{home}" /></fallbackPackageFolders>
                </configuration>
                """);
            string output = Dotnet(app, $"run -c Release -- {image} {model}");
            Assert.That(output, Does.Contain("label=4"));
            Assert.That(output, Does.Contain("errors=0"));
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    private static string Dotnet(string directory, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string all = stdout + stderr.Result;
        TestContext.Out.WriteLine($"dotnet {arguments}: exit {process.ExitCode}\n{all}");
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {arguments} failed:\n{all}");
        return all;
    }
}
