using Vision.Tensors;

namespace Vision.Training;

/// <summary>Labelled images for training: [count, C, H, W] floats and one class index per image, plus the class names.</summary>
public sealed class Dataset
{
    public float[] Images { get; }
    public int[] Labels { get; }
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public IReadOnlyList<string> ClassNames { get; }

    public int Count => Labels.Length;
    public int ImageSize => Channels * Height * Width;

    public Dataset(float[] images, int[] labels, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        if (images.Length != labels.Length * channels * height * width)
            throw new ArgumentException($"{labels.Length} images of {channels}x{height}x{width} need {labels.Length * channels * height * width} floats, got {images.Length}.");
        Images = images;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * ImageSize, ImageSize);

    /// <summary>Images [first, first + count) as one tensor [count, C, H, W].</summary>
    public Tensor Batch(int first, int count) => new([count, Channels, Height, Width], Images.AsSpan(first * ImageSize, count * ImageSize).ToArray());
}
