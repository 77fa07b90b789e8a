namespace Vision.Training;

/// <summary>
/// Random distortions of a training image, drawn from the trainer's seeded generator: shift, rotation and scale as one
/// affine warp about the centre (bilinear, zero outside), then Gaussian noise. <see cref="None"/> leaves images as they are.
/// </summary>
public sealed record Augmentation
{
    /// <summary>Largest shift in pixels along each axis.</summary>
    public float MaxShift { get; init; }

    public float MaxRotationDegrees { get; init; }

    /// <summary>Largest relative change of scale (0.1: 0.9x to 1.1x).</summary>
    public float MaxScale { get; init; }

    /// <summary>Standard deviation of the added Gaussian noise.</summary>
    public float NoiseStd { get; init; }

    public static Augmentation None { get; } = new();

    /// <summary>Mild distortions for handwritten digits: 2 px, 10 degrees, 10% scale, noise 0.02.</summary>
    public static Augmentation Digits { get; } = new() { MaxShift = 2f, MaxRotationDegrees = 10f, MaxScale = 0.1f, NoiseStd = 0.02f };

    public bool IsNone => MaxShift == 0 && MaxRotationDegrees == 0 && MaxScale == 0 && NoiseStd == 0;

    /// <summary>Writes a distorted copy of <paramref name="source"/> (channels x height x width) into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int channels, int height, int width, Random random)
    {
        if (IsNone)
        {
            source.CopyTo(destination);
            return;
        }
        float dx = Uniform(random, MaxShift), dy = Uniform(random, MaxShift);
        float angle = Uniform(random, MaxRotationDegrees) * MathF.PI / 180f;
        float scale = 1f + Uniform(random, MaxScale);
        float cos = MathF.Cos(angle) / scale, sin = MathF.Sin(angle) / scale;
        float cx = (width - 1) / 2f, cy = (height - 1) / 2f;
        for (int c = 0; c < channels; c++)
        {
            var plane = source.Slice(c * height * width, height * width);
            for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                // Inverse map: output pixel -> source position.
                float ux = x - cx - dx, uy = y - cy - dy;
                float sx = cos * ux + sin * uy + cx, sy = -sin * ux + cos * uy + cy;
                destination[(c * height + y) * width + x] = Bilinear(plane, height, width, sx, sy);
            }
        }
        if (NoiseStd > 0)
            for (int i = 0; i < channels * height * width; i++) destination[i] += NoiseStd * Gaussian(random);
    }

    private static float Uniform(Random random, float max) => max == 0 ? 0f : (float)(random.NextDouble() * 2 - 1) * max;

    private static float Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static float At(ReadOnlySpan<float> plane, int h, int w, int y, int x) => y < 0 || y >= h || x < 0 || x >= w ? 0f : plane[y * w + x];

    private static float Bilinear(ReadOnlySpan<float> plane, int h, int w, float x, float y)
    {
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        return (1 - fy) * ((1 - fx) * At(plane, h, w, y0, x0) + fx * At(plane, h, w, y0, x0 + 1))
             + fy * ((1 - fx) * At(plane, h, w, y0 + 1, x0) + fx * At(plane, h, w, y0 + 1, x0 + 1));
    }
}
