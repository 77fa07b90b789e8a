namespace Vision.Components;

/// <summary>Width, height, channels and layout of an image-like tensor ([1,C,H,W], [1,H,W,C], [1,H,W] or [1,C]).</summary>
internal readonly record struct TensorImage(int Width, int Height, int Channels, bool Nhwc)
{
    public static TensorImage Of(int[] shape) => shape.Length switch
    {
        4 when shape[3] <= 4 && shape[1] > 4 => new TensorImage(shape[2], shape[1], shape[3], true),
        4 => new TensorImage(shape[3], shape[2], shape[1], false),
        3 => new TensorImage(shape[2], shape[1], 1, false),
        2 => new TensorImage(1, 1, shape[1], false),
        _ => throw new InvalidOperationException($"a tensor of shape [{string.Join(",", shape)}] is not image-like"),
    };
}
