using Vision.Engine.Graphics;

namespace Vision.Components;

/// <summary>
/// A component that reads a <see cref="NeuralNetwork"/>'s results (classifier, segmenter, feature maps): finds the
/// network and brings it up to date at most once per frame, whoever asks first.
/// </summary>
public abstract class NetworkConsumer : Engine.Scenes.Component
{
    private long _preparedFrame = -1;

    /// <summary>Name of the object holding the <see cref="NeuralNetwork"/> (default: this object's, else the scene's first).</summary>
    public string? NetworkObject { get; set; }
    public NeuralNetwork? Network { get; set; }

    /// <summary>The network, prepared for this frame; null when this consumer was already prepared this frame.</summary>
    protected NeuralNetwork? PrepareNetwork(GraphicsDevice device)
    {
        long frame = Scene?.Time.FrameCount ?? 0;
        if (frame == _preparedFrame) return null;
        _preparedFrame = frame;
        var network = Network ??= ComponentLookup.Find<NeuralNetwork>(this, NetworkObject);
        network.Prepare(device);
        return network;
    }
}
