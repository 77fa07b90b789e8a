using OpenCvSharp;
using Vision.Components;

namespace Vision.Tests.Components;

/// <summary>The capture thread's frame conversion: the same bytes as OpenCV's CvtColor + Flip, and no managed garbage.</summary>
public sealed class FramePixelsTests
{
    // Odd widths put every row's tail on the pixel-by-pixel path; 1 and 5 pixels never reach a 4-pixel step.
    [TestCase(1, 37, 23)]
    [TestCase(3, 37, 23)]
    [TestCase(4, 37, 23)]
    [TestCase(3, 1, 3)]
    [TestCase(1, 5, 2)]
    [TestCase(3, 640, 480)]
    public void MatchesCvtColorThenFlip(int channels, int width, int height)
    {
        using var src = new Mat(height, width, MatType.CV_8UC(channels));
        Cv2.Randu(src, Scalar.All(0), Scalar.All(256));
        using var expected = new Mat();
        var code = channels switch { 1 => ColorConversionCodes.GRAY2RGBA, 3 => ColorConversionCodes.BGR2RGBA, _ => ColorConversionCodes.BGRA2RGBA };
        Cv2.CvtColor(src, expected, code);
        Cv2.Flip(expected, expected, FlipMode.X);
        using var actual = new Mat();

        FramePixels.ToRgbaBottomUp(src, actual);

        Assert.That(actual.Type(), Is.EqualTo(MatType.CV_8UC4));
        Assert.That(actual.Size(), Is.EqualTo(expected.Size()));
        actual.GetArray(out Vec4b[] a);
        expected.GetArray(out Vec4b[] e);
        int first = Enumerable.Range(0, a.Length).FirstOrDefault(i => a[i] != e[i], -1);
        Assert.That(first, Is.EqualTo(-1), () => $"pixel {first % width},{first / width}: {a[first]} where OpenCV gives {e[first]}");
    }

    [Test]
    public void ASubMatrixRowStrideIsFollowed()
    {
        using var big = new Mat(20, 50, MatType.CV_8UC3);
        Cv2.Randu(big, Scalar.All(0), Scalar.All(256));
        using var roi = new Mat(big, new Rect(3, 2, 31, 15));   // rows 150 bytes apart, 93 used
        using var expected = new Mat();
        Cv2.CvtColor(roi, expected, ColorConversionCodes.BGR2RGBA);
        Cv2.Flip(expected, expected, FlipMode.X);
        using var actual = new Mat();

        FramePixels.ToRgbaBottomUp(roi, actual);

        Assert.That(Cv2.Norm(actual, expected, NormTypes.INF), Is.Zero);
    }

    [Test]
    public void AFrameAfterTheFirstAllocatesNothing()
    {
        using var src = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(7));
        using var dst = new Mat();
        FramePixels.ToRgbaBottomUp(src, dst);   // sizes dst, warms the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) FramePixels.ToRgbaBottomUp(src, dst);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(bytes, Is.Zero, "managed bytes allocated by 20 conversions of a 640x480 frame");
    }

    [Test]
    public void ReadingAndConvertingVideoFramesAllocatesNothing()
    {
        if (!File.Exists(CameraSource.SampleVideo)) Assert.Ignore($"{CameraSource.SampleVideo} is missing (Debian's opencv-doc)");
        using var reader = new VideoFrameReader(CameraSource.SampleVideo);
        Assert.That(reader.Open(out string problem), problem);
        using var raw = new Mat();
        using var rgba = new Mat();
        for (int i = 0; i < 3; i++) Assert.That(reader.Read(raw));
        FramePixels.ToRgbaBottomUp(raw, rgba);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            reader.Read(raw);
            FramePixels.ToRgbaBottomUp(raw, rgba);
        }
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        // Cv2.CvtColor + Cv2.Flip, which this replaced, made 425 bytes of wrappers a frame here.
        Assert.That(bytes, Is.Zero, "managed bytes allocated by 20 frames of the capture thread's read and conversion");
    }

    [Test]
    public void AFloatFrameIsRefusedWithItsType()
    {
        using var src = new Mat(4, 4, MatType.CV_32FC3);
        using var dst = new Mat();
        var e = Assert.Throws<ArgumentException>(() => FramePixels.ToRgbaBottomUp(src, dst));
        Assert.That(e!.Message, Does.Contain("not 8-bit gray, BGR or BGRA"));
    }
}
