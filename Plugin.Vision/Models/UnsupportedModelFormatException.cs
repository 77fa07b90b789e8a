namespace Vision.Models;

/// <summary>The file's format (by extension) has no importer yet. A <see cref="ModelLoadException"/>, so one catch covers both.</summary>
public sealed class UnsupportedModelFormatException(string file, string format, string hint)
    : ModelLoadException(file, null, null, $"{format} models are not supported yet. {hint}")
{
    public string Format { get; } = format;
}
