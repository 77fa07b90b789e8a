namespace Vision.Components;

/// <summary>Memory layout of an image tensor.</summary>
public enum TensorLayout
{
    /// <summary>From the model's input shape: [1,H,W,C] with C of 1 or 3 and H larger is NHWC, else NCHW.</summary>
    Auto,
    Nchw,
    Nhwc,
}
