namespace Vision.Ops;

/// <summary>
/// ONNX Resize <c>coordinate_transformation_mode</c>: where output coordinate x lands in the input, with scale s
/// (length_resized / length_original, or the given scale). length_resized is the output length, or input * scale
/// unrounded when scales are given.
/// </summary>
public enum ResizeCoordinates
{
    /// <summary>(x + 0.5) / s - 0.5: pixel centres line up (the default).</summary>
    HalfPixel,

    /// <summary>Half pixel, but 0 unless length_resized &gt; 1 (what PyTorch computes).</summary>
    PytorchHalfPixel,

    /// <summary>x * (in - 1) / (length_resized - 1): the corner pixels line up (0 when length_resized is 1).</summary>
    AlignCorners,

    /// <summary>x / s (Upsample, TensorFlow 1 without half pixel).</summary>
    Asymmetric,

    /// <summary>(x + 0.5) / s, for nearest only (ONNX "tf_half_pixel_for_nn", TensorFlow's half_pixel_centers nearest).</summary>
    TfHalfPixelForNearest,
}
