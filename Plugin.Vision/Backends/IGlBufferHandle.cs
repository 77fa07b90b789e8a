namespace Vision.Backends;

/// <summary>
/// Implemented by the GL backend's tensors: the OpenGL shader storage buffer that holds the data, so shaders on the
/// same context (pre- and post-processing passes) can read or write a Worker's tensors without a host copy.
/// </summary>
public interface IGlBufferHandle
{
    /// <summary>The GL buffer object name (an SSBO of float32 elements).</summary>
    uint GlBuffer { get; }
}
