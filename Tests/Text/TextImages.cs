using OpenCvSharp;

namespace Vision.Tests.Text;

/// <summary>Test images with text drawn by OpenCV, so the expected reading is known exactly.</summary>
internal static class TextImages
{
    /// <summary>Black text on white, Hershey simplex, centred in a <paramref name="width"/> x <paramref name="height"/> BGR image.</summary>
    public static Mat Draw(string text, int width = 640, int height = 160, double scale = 2.5, int thickness = 5)
    {
        var image = new Mat(height, width, MatType.CV_8UC3, Scalar.All(255));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, thickness, out int baseline);
        var origin = new Point((width - size.Width) / 2, (height + size.Height) / 2 - baseline / 2);
        Cv2.PutText(image, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.All(0), thickness, LineTypes.AntiAlias);
        return image;
    }
}
