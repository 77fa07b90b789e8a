namespace Vision.Models.Catalog;

/// <summary>One file of a catalog model: where it sits inside the package tarball, its name in the cache, and its checksum.</summary>
public sealed record CatalogFile(string PackagePath, string FileName, string Sha256, long Bytes);
