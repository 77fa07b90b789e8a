namespace Vision.Backends;

/// <summary>A driver call failed. The message names the backend, the call, the driver's error code and the op if any.</summary>
public sealed class ComputeException(string message, int errorCode = 0) : Exception(message)
{
    public int ErrorCode { get; } = errorCode;
}
