namespace Vision.Components;

/// <summary>Channel order of a network's image input.</summary>
public enum ColorOrder
{
    Rgb,
    Bgr,
    /// <summary>One channel of luminance (chosen automatically for one-channel inputs).</summary>
    Gray,
}
