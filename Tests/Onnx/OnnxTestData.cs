namespace Vision.Tests.Onnx;

/// <summary>Where the test inputs that are not in the repository live, and how tests skip when they are absent.</summary>
internal static class OnnxTestData
{
    /// <summary>ONNX 1.12 backend node tests from Debian's libonnx-testdata package.</summary>
    public const string NodeTestDir = "/usr/share/libonnx-testdata/data/node";

    /// <summary>../shared/models beside the repository root (the folder holding Vision.sln); null when absent.</summary>
    public static string? SharedModelsDir()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Vision.sln"))) dir = dir.Parent;
        if (dir?.Parent == null) return null;
        string models = Path.Combine(dir.Parent.FullName, "shared", "models");
        return Directory.Exists(models) ? models : null;
    }

    public static string SharedModel(string fileName)
    {
        string? dir = SharedModelsDir();
        string? path = dir == null ? null : Path.Combine(dir, fileName);
        if (path == null || !File.Exists(path))
            Assert.Ignore($"{fileName} not found: the shared test models live in ../shared/models next to the repository root, which this checkout lacks.");
        return path!;
    }

    public static string NodeTests()
    {
        if (!Directory.Exists(NodeTestDir))
            Assert.Ignore($"{NodeTestDir} not found: install Debian's libonnx-testdata package (apt-get install libonnx-testdata).");
        return NodeTestDir;
    }

    /// <summary>A fresh empty folder under the system temp folder, removed by the caller.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vision-onnx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
