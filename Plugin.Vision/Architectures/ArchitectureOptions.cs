namespace Vision.Architectures;

/// <summary>How to instantiate an architecture: input shape, classes, width, and the weight seed.</summary>
public sealed record ArchitectureOptions
{
    /// <summary>NCHW input; null for the network's default (<see cref="Architecture.DefaultInputShape"/>).</summary>
    public int[]? InputShape { get; init; }

    /// <summary>Output classes (ImageNet's 1000 unless set; LeNet-5 uses 10, U-Net 2).</summary>
    public int? Classes { get; init; }

    /// <summary>Base width of the U-Net (channels of its first level); other nets ignore it.</summary>
    public int? Width { get; init; }

    public int Seed { get; init; }

    /// <summary>When set, the network starts with (x - Mean) / Std, so it takes raw pixels in [0, 1].</summary>
    public (float Mean, float Std)? InputNormalization { get; init; }

    /// <summary>False leaves weights zero: building is faster when only shapes and counts are wanted.</summary>
    public bool InitializeWeights { get; init; } = true;
}
