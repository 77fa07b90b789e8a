namespace Vision.Ops;

/// <summary>ONNX Resize <c>mode</c> (cubic is not supported).</summary>
public enum ResizeMode
{
    Nearest,

    /// <summary>Bilinear over H and W.</summary>
    Linear,
}
