namespace Vision.Components;

/// <summary>How a frame is fitted into a network's input size.</summary>
public enum ImageFit
{
    /// <summary>The whole frame, resized to the input (aspect not kept).</summary>
    Stretch,
    /// <summary>The largest centred region with the input's aspect (times <see cref="NeuralNetwork.CropScale"/>).</summary>
    CenterCrop,
    /// <summary>The whole frame with its aspect kept, padded with <see cref="NeuralNetwork.PadColor"/>.</summary>
    Letterbox,
}
