namespace Vision.Components;

/// <summary>How overlay values in 0..1 become colours.</summary>
public enum Colormap
{
    Gray,
    Inferno,
}
