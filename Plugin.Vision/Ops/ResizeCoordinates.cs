namespace Vision.Ops;

/// <summary>
/// ONNX Resize <c>coordinate_transformation_mode</c>: where output coordinate x lands in the input, with scale s
/// (length_resized / length_original, or the given scale).
/// </summary>
public enum ResizeCoordinates
{
    /// <summary>(x + 0.5) / s - 0.5: pixel centres line up (the default).</summary>
    HalfPixel,

    /// <summary>Half pixel, but 0 when the output length is 1 (what PyTorch computes).</summary>
    PytorchHalfPixel,

    /// <summary>x * (in - 1) / (out - 1): the corner pixels line up (0 when the output length is 1).</summary>
    AlignCorners,

    /// <summary>x / s (Upsample, TensorFlow 1 without half pixel).</summary>
    Asymmetric,

    /// <summary>(x + 0.5) / s, for nearest only (TensorFlow's half_pixel_centers nearest).</summary>
    TfHalfPixelForNearest,
}
