namespace Vision.Components;

/// <summary>What <see cref="SegmentationOverlay"/> does with the mask (the values are composite.frag's VARIANT).</summary>
public enum OverlayMode
{
    /// <summary>Tint the person with <see cref="SegmentationOverlay.Tint"/>.</summary>
    Tint = 0,
    /// <summary>Blur the background.</summary>
    Blur = 1,
    /// <summary>Replace the background with an image.</summary>
    Replace = 2,
    /// <summary>Keep only the person: alpha is the mask (for billboards in a 3D scene).</summary>
    CutOut = 3,
    /// <summary>The smoothed probability as a heat map over the frame.</summary>
    HeatMap = 4,
}
