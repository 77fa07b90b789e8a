namespace Vision.Training;

/// <summary>What one epoch did: mean training loss, training accuracy (on the augmented batches), learning rate, time.</summary>
public sealed record EpochResult(int Epoch, int Epochs, double Loss, double Accuracy, float LearningRate, TimeSpan Elapsed);
