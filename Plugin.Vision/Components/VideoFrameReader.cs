using OpenCvSharp;

namespace Vision.Components;

/// <summary>A camera (by index) or a video file through OpenCV's VideoCapture (FFmpeg inside).</summary>
internal sealed class VideoFrameReader(string input) : IFrameReader
{
    private VideoCapture? _capture;
    private readonly int? _camera = int.TryParse(input, out int index) ? index : null;

    public double Fps { get; private set; }
    public string Description => _camera is { } i ? $"camera {i}" : input;

    public bool Open(out string problem)
    {
        _capture?.Dispose();
        _capture = _camera is { } i ? new VideoCapture(i) : new VideoCapture(input);
        if (!_capture.IsOpened())
        {
            problem = _camera != null ? $"no camera at index {_camera}" : $"cannot open video '{input}'";
            _capture.Dispose();
            _capture = null;
            return false;
        }
        double fps = _camera != null ? 0 : _capture.Fps;
        Fps = fps is > 0 and < 1000 ? fps : _camera != null ? 0 : 25;
        problem = "";
        return true;
    }

    public bool Read(Mat frame) => _capture != null && _capture.Read(frame) && !frame.Empty();

    public bool Rewind()
    {
        if (_camera != null || _capture == null) return false;
        return _capture.Set(VideoCaptureProperties.PosFrames, 0) || Open(out _);
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _capture = null;
    }
}
