using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using OpenCvSharp;

namespace Vision.Components;

/// <summary>
/// A captured frame (8-bit gray, BGR or BGRA, OpenCV's top row first) as the RGBA the frame texture takes, bottom row
/// first (GL's order), in one pass over the pixels. Why not <c>Cv2.CvtColor</c> + <c>Cv2.Flip</c>: each OpenCvSharp call
/// makes managed InputArray/OutputArray wrappers (finalizable, disposed inside the call, so they cannot be kept), which
/// was the capture thread's only per-frame garbage; this allocates nothing once <paramref name="dst"/> has the size.
/// 4 pixels per step through a byte shuffle (SSSE3's pshufb on x64, tbl on Arm64), the row's tail (and other CPUs) pixel
/// by pixel.
/// </summary>
internal static class FramePixels
{
    // Output byte i takes input byte mask[i]; 0xFF gives 0, and the alpha lanes are then set by an OR.
    private static readonly Vector128<byte> GrayMask = Vector128.Create((byte)0, 0, 0, 0xFF, 1, 1, 1, 0xFF, 2, 2, 2, 0xFF, 3, 3, 3, 0xFF);
    private static readonly Vector128<byte> BgrMask = Vector128.Create((byte)2, 1, 0, 0xFF, 5, 4, 3, 0xFF, 8, 7, 6, 0xFF, 11, 10, 9, 0xFF);
    private static readonly Vector128<byte> BgraMask = Vector128.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15);
    private static readonly Vector128<byte> OpaqueAlpha = Vector128.Create(0xFF000000u).AsByte();

    /// <summary>Writes <paramref name="src"/> (CV_8UC1, CV_8UC3 or CV_8UC4) into <paramref name="dst"/> as RGBA, rows flipped.</summary>
    public static unsafe void ToRgbaBottomUp(Mat src, Mat dst)
    {
        int channels = src.Channels();
        if (src.Depth() != MatType.CV_8U || channels is not (1 or 3 or 4))
            throw new ArgumentException($"frame pixels: a frame of type {src.Type()} is not 8-bit gray, BGR or BGRA", nameof(src));
        int width = src.Cols, height = src.Rows;
        if (dst.Rows != height || dst.Cols != width || dst.Type() != MatType.CV_8UC4) dst.Create(height, width, MatType.CV_8UC4);
        var mask = channels == 1 ? GrayMask : channels == 3 ? BgrMask : BgraMask;
        bool alpha = channels != 4;
        long srcStep = src.Step(), dstStep = dst.Step();
        byte* srcBase = (byte*)src.DataPointer, dstBase = (byte*)dst.DataPointer;
        // A 16-byte load at pixel x reads up to byte x * channels + 15: the 4-pixel steps stop where that would leave the
        // row (x <= width - ceil(16 / channels)).
        int vectorEnd = Ssse3.IsSupported || AdvSimd.Arm64.IsSupported ? width - (16 + channels - 1) / channels + 4 : 0;
        for (int y = 0; y < height; y++)
        {
            byte* s = srcBase + (height - 1 - y) * srcStep;
            byte* d = dstBase + y * dstStep;
            int x = 0;
            for (; x + 4 <= vectorEnd; x += 4)
            {
                var v = Shuffle(Vector128.Load(s + x * channels), mask);
                if (alpha) v |= OpaqueAlpha;
                v.Store(d + 4 * x);
            }
            for (; x < width; x++)
            {
                byte* p = s + x * channels;
                byte* q = d + 4 * x;
                if (channels == 1)
                {
                    q[0] = q[1] = q[2] = p[0];
                    q[3] = 255;
                }
                else
                {
                    q[0] = p[2];
                    q[1] = p[1];
                    q[2] = p[0];
                    q[3] = channels == 4 ? p[3] : (byte)255;
                }
            }
        }
    }

    // Byte i of the result is v[mask[i]], 0 where mask[i] is 0xFF (pshufb and tbl both give 0 past the vector).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Shuffle(Vector128<byte> v, Vector128<byte> mask) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(v, mask) : AdvSimd.Arm64.VectorTableLookup(v, mask);
}
