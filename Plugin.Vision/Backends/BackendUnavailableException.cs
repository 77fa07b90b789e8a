namespace Vision.Backends;

/// <summary>A backend cannot start on this machine. The message says what is missing and what to install.</summary>
public sealed class BackendUnavailableException(Backend backend, string message, Exception? inner = null)
    : Exception($"{backend} backend unavailable: {message}", inner)
{
    public Backend Backend { get; } = backend;
}
