using OpenCvSharp;

namespace Vision.Engine.Capture;

/// <summary>Saves a captured frame as an image file (PNG by default; the extension picks the codec).</summary>
public static class Screenshot
{
    public static void Save(Mat bgr, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir != null) Directory.CreateDirectory(dir);
        if (!Cv2.ImWrite(path, bgr)) throw new IOException($"OpenCV could not write '{path}'");
    }
}
