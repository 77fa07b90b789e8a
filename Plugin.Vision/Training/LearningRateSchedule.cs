namespace Vision.Training;

/// <summary>The learning rate of each epoch: constant, step decay (times gamma every N epochs) or cosine annealing.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>The rate for <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>, from the base rate.</summary>
    public abstract float At(int epoch, int epochs, float baseRate);

    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>PyTorch's StepLR: base * gamma^(epoch / stepEpochs).</summary>
    public static LearningRateSchedule Step(int stepEpochs, float gamma = 0.1f) => new StepSchedule(stepEpochs, gamma);

    /// <summary>PyTorch's CosineAnnealingLR over the run: min + (base - min) * (1 + cos(pi * epoch / epochs)) / 2.</summary>
    public static LearningRateSchedule Cosine(float minRate = 0f) => new CosineSchedule(minRate);

    private sealed record ConstantSchedule : LearningRateSchedule
    {
        public override float At(int epoch, int epochs, float baseRate) => baseRate;
    }

    private sealed record StepSchedule(int StepEpochs, float Gamma) : LearningRateSchedule
    {
        public override float At(int epoch, int epochs, float baseRate) => baseRate * MathF.Pow(Gamma, epoch / Math.Max(1, StepEpochs));
    }

    private sealed record CosineSchedule(float MinRate) : LearningRateSchedule
    {
        public override float At(int epoch, int epochs, float baseRate) =>
            MinRate + (baseRate - MinRate) * (1f + MathF.Cos(MathF.PI * epoch / Math.Max(1, epochs))) / 2f;
    }
}
