namespace Vision.Models.Catalog;

/// <summary>
/// A catalog model could not be fetched: npm missing, offline, a failed download or a checksum mismatch. The message
/// says what failed and what to do; nothing half-written is left in the model cache.
/// </summary>
public sealed class ModelFetchException(string model, string message, Exception? inner = null)
    : Exception($"cannot fetch model '{model}': {message}", inner)
{
    public string Model { get; } = model;
}
