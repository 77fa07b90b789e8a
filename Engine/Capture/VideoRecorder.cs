using OpenCvSharp;

namespace Vision.Engine.Capture;

/// <summary>
/// Writes frames to a video with OpenCV's VideoWriter: MJPG for .avi, mp4v for .mp4 (H.264 writing is not available
/// in this OpenCV build). Opening failures throw, because VideoWriter itself only reports them through IsOpened.
/// </summary>
public sealed class VideoRecorder : IDisposable
{
    private readonly VideoWriter _writer;

    public string Path { get; }
    public int Width { get; }
    public int Height { get; }
    public int FramesWritten { get; private set; }

    public VideoRecorder(string path, double fps, int width, int height)
    {
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        var fourcc = ext switch
        {
            ".avi" => (int)FourCC.MJPG,
            ".mp4" => (int)FourCC.FromString("mp4v"),
            _ => throw new ArgumentException($"cannot record '{path}': use .avi (MJPG) or .mp4 (mp4v)", nameof(path)),
        };
        string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir != null) Directory.CreateDirectory(dir);
        _writer = new VideoWriter(path, fourcc, fps, new Size(width, height));
        if (!_writer.IsOpened())
        {
            _writer.Dispose();
            throw new IOException($"OpenCV could not open '{path}' for writing ({ext}, {width}x{height} at {fps} fps)");
        }
        Path = path;
        Width = width;
        Height = height;
    }

    /// <summary>Appends a BGR frame of the recorder's size.</summary>
    public void Write(Mat bgr)
    {
        if (bgr.Width != Width || bgr.Height != Height)
            throw new ArgumentException($"frame is {bgr.Width}x{bgr.Height}, the video {Width}x{Height}", nameof(bgr));
        _writer.Write(bgr);
        FramesWritten++;
    }

    public void Dispose() => _writer.Dispose();
}
