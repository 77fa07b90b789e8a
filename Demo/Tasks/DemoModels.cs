namespace Vision.Demo.Tasks;

/// <summary>Finds the demo's default models: --model, else ../shared/models next to the repository (development), else a clear message.</summary>
public static class DemoModels
{
    public static string Resolve(string? given, string fileName, string what)
    {
        if (given != null)
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"model '{given}' does not exist.");
        foreach (var root in Roots())
        {
            string candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "models", fileName));
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"no {what} model: pass --model FILE (the development models live in ../shared/models/{fileName}).");
    }

    /// <summary>A model written by `./vision train` (out/train/NAME under the working or repository folder), or null.</summary>
    public static string? Trained(string fileName) =>
        Roots().Select(r => Path.GetFullPath(Path.Combine(r, "out", "train", fileName))).FirstOrDefault(File.Exists);

    /// <summary>The first-found file of a name in ../shared/models/images, or null.</summary>
    public static string? SharedImage(string fileName) =>
        Roots().Select(r => Path.GetFullPath(Path.Combine(r, "..", "shared", "models", "images", fileName))).FirstOrDefault(File.Exists);

    private static IEnumerable<string> Roots()
    {
        yield return Directory.GetCurrentDirectory();
        // Demo/bin/Release/net10.0 -> the repository root.
        yield return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
    }
}
