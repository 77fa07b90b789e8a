namespace Vision.Training;

/// <summary>How <see cref="Trainer"/> trains: epochs, batch size, optimiser, schedule, augmentation and the seed.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 50;
    public SgdOptions Sgd { get; init; } = new();
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine();
    public Augmentation Augmentation { get; init; } = Augmentation.None;

    /// <summary>Seeds shuffling, augmentation and dropout: one seed, one run (bit-for-bit on the CPU reference).</summary>
    public int Seed { get; init; } = 1;
}
