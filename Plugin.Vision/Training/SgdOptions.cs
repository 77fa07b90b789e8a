namespace Vision.Training;

/// <summary>Stochastic gradient descent with momentum and weight decay, as PyTorch's torch.optim.SGD computes it.</summary>
public sealed record SgdOptions
{
    public float LearningRate { get; init; } = 0.05f;
    public float Momentum { get; init; } = 0.9f;
    public float WeightDecay { get; init; } = 5e-4f;
}
