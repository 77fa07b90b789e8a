using OpenCvSharp;
using Silk.NET.OpenGL;
using Vision.Engine.Graphics;

namespace Vision.Engine.Capture;

/// <summary>
/// Reads the bound framebuffer (a window's back buffer or an FBO) into a reused BGR image, top row first, as OpenCV
/// expects: glReadPixels returns the bottom row first, so the image is flipped. No allocation after the first frame.
/// </summary>
public sealed unsafe class FrameGrabber : IDisposable
{
    private Mat? _rgba;
    private Mat? _bgr;

    /// <summary>Reads width x height pixels from the current read framebuffer; the returned Mat is reused by the next call.</summary>
    public Mat Read(GraphicsDevice device, int width, int height)
    {
        device.AssertOwnerThread("FrameGrabber.Read");
        if (_rgba == null || _rgba.Width != width || _rgba.Height != height)
        {
            _rgba?.Dispose();
            _bgr?.Dispose();
            _rgba = new Mat(height, width, MatType.CV_8UC4);
            _bgr = new Mat(height, width, MatType.CV_8UC3);
        }
        var gl = device.Gl;
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, (void*)_rgba.Data);
        device.Check("glReadPixels");
        Cv2.CvtColor(_rgba, _bgr!, ColorConversionCodes.RGBA2BGR);
        Cv2.Flip(_bgr!, _bgr!, FlipMode.X);
        return _bgr!;
    }

    public void Dispose()
    {
        _rgba?.Dispose();
        _bgr?.Dispose();
        _rgba = _bgr = null;
    }
}
