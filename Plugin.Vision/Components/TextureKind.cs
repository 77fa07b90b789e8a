namespace Vision.Components;

/// <summary>Which texture of a vision component <see cref="TextureBinder"/> puts on a renderer.</summary>
public enum TextureKind
{
    /// <summary>A <see cref="SegmentationOverlay"/>'s composite (the cut-out person with <see cref="OverlayMode.CutOut"/>).</summary>
    Composite,
    /// <summary>A <see cref="Segmenter"/>'s mask.</summary>
    Mask,
    /// <summary>A <see cref="CameraSource"/>'s frame.</summary>
    Frame,
    /// <summary>A <see cref="FeatureMapOverlay"/>'s tile grid.</summary>
    FeatureMaps,
}
