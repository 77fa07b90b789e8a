using Vision.Engine.Graphics;

namespace Vision.Components;

/// <summary>Something that provides a GL texture each frame (a camera, a video, a rendered image) for a network to read.</summary>
public interface ITextureSource
{
    /// <summary>Makes this frame's texture current (uploads a new camera frame once per engine frame); call on the GL thread.</summary>
    void Prepare(GraphicsDevice device);

    /// <summary>The texture (GL-oriented: row 0 at the bottom); null until the first frame arrived.</summary>
    Texture2D? Texture { get; }

    /// <summary>Increments with every new frame, so consumers can skip work on an unchanged image.</summary>
    long Version { get; }
}
