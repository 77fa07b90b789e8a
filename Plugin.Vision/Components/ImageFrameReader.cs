using OpenCvSharp;

namespace Vision.Components;

/// <summary>One image file, or every image in a folder in name order, shown as a slide show (looped by the caller).</summary>
internal sealed class ImageFrameReader(string path, double fps) : IFrameReader
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"];
    private string[] _files = [];
    private int _next;
    private Mat? _cached;

    public double Fps => fps;
    public string Description => path;

    public bool Open(out string problem)
    {
        _files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [path] : [];
        _next = 0;
        problem = _files.Length == 0 ? (Directory.Exists(path) ? $"no images in folder '{path}'" : $"no such file '{path}'") : "";
        return _files.Length > 0;
    }

    public bool Read(Mat frame)
    {
        if (_next >= _files.Length) return false;
        if (_files.Length == 1 && _cached != null)
        {
            _cached.CopyTo(frame);   // a single image: decode once
            _next++;
            return true;
        }
        using var image = Cv2.ImRead(_files[_next++], ImreadModes.Color);
        if (image.Empty()) return false;
        image.CopyTo(frame);
        if (_files.Length == 1) _cached = image.Clone();
        return true;
    }

    public bool Rewind()
    {
        _next = 0;
        return _files.Length > 0;
    }

    public void Dispose()
    {
        _cached?.Dispose();
        _cached = null;
    }
}
