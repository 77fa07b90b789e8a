namespace Vision.Engine.Platform;

/// <summary>An OpenGL context could not be created or used. The message names the call, the driver's error and what to do.</summary>
public sealed class GraphicsContextException(string message, Exception? inner = null) : Exception(message, inner);
