using OpenCvSharp;

namespace Vision.Components;

/// <summary>Where <see cref="CameraSource"/>'s capture thread gets BGR frames: a camera, a video, images (tests plug fakes in).</summary>
internal interface IFrameReader : IDisposable
{
    /// <summary>Opens the source; false with the reason when it cannot.</summary>
    bool Open(out string problem);

    /// <summary>Reads the next frame into <paramref name="frame"/>; false when none came (lost camera, end of file).</summary>
    bool Read(Mat frame);

    /// <summary>Restarts a file from its first frame; false for a live camera.</summary>
    bool Rewind();

    /// <summary>Frames per second a file should play at; 0 for a live source (it paces itself).</summary>
    double Fps { get; }

    string Description { get; }
}
