namespace Vision.Models;

/// <summary>Reading a model file's bytes, with the typed errors every importer reports for a missing or unreadable file.</summary>
internal static class ModelFile
{
    public static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path))
            throw new ModelLoadException(path, null, null, "file not found. Check the path (relative paths start at the working directory).");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, null, null, $"cannot be read ({e.Message}). Check permissions.", e);
        }
    }
}
