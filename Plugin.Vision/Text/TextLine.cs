using OpenCvSharp;

namespace Vision.Text;

/// <summary>One line of text found in an image: its box (image pixels), the text read, and the mean confidence of its characters.</summary>
public sealed record TextLine(Rect Box, string Text, float Confidence)
{
    public override string ToString() => $"'{Text}' at ({Box.X},{Box.Y}) {Box.Width}x{Box.Height} ({Confidence:0.00})";
}
